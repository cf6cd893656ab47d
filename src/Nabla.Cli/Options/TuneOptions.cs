using System.Globalization;
using Nabla.Cli.Parsing;
using Nabla.NN.Tuning;

namespace Nabla.Cli.Options;

/// <summary>
/// Options of <c>nabla tune</c>: the data and fixed settings of <c>train</c>, the search space (lists of widths, depths,
/// learning rates, weight decays, batch sizes), the strategy and how trials are scored.
/// </summary>
/// <param name="Base">The training setup every trial and the final model start from (data, seed, output folder ...).</param>
/// <param name="Space">The values searched.</param>
/// <param name="Strategy">Random or grid search.</param>
/// <param name="Trials">Points a random search tries.</param>
/// <param name="Folds">k of k-fold cross-validation; 0 scores on the validation split.</param>
/// <param name="Parallel">Trials run at once.</param>
public sealed record TuneOptions(TrainOptions Base, SearchSpace Space, SearchStrategy Strategy, int Trials, int Folds, int Parallel)
{
    /// <summary>At most this many trials in one search (each trains a model, k times with folds).</summary>
    public const int MaxTrials = 1000;

    /// <summary>The options of <c>nabla tune</c>: the search, then the <c>train</c> options it keeps.</summary>
    public static readonly IReadOnlyList<OptionSpec> Specs =
    [
        new("search", "random|grid", "Draw --trials random points of the space, or try every point.", Default: "random"),
        new("trials", "N", "Points a random search tries.", Default: "20"),
        new("folds", "K", "Score each trial by K-fold cross-validation on the training data (0: on the validation split).", Default: "0"),
        new("widths", "N,N,...", "Hidden layer widths to try.", Default: "32,64,128,256"),
        new("depths", "N,N,...", "Hidden layer counts to try.", Default: "1,2,3"),
        new("lrs", "R,R,...", "Learning rates to try.", Default: "0.0003,0.001,0.003,0.01"),
        new("weight-decays", "L,L,...", "Weight decays to try.", Default: "0,1e-05,0.0001,0.001"),
        new("batch-sizes", "N,N,...", "Batch sizes to try.", Default: "16,32,64,128"),
        new("parallel", "N", "Trials run at once, one thread each [default: 2, or 1 on one core].", Default: null),
        .. TrainOptions.Specs.Where(s => s.Name is not ("resume" or "layers" or "lr" or "weight-decay" or "batch-size" or "mode" or "epochs")),
    ];

    /// <summary>Validates <paramref name="raw"/> and builds the options.</summary>
    public static TuneOptions From(RawOptions raw)
    {
        var defaults = new SearchSpace();
        var space = new SearchSpace
        {
            Widths = raw.GetIntList("widths", min: 1, max: 1 << 16) ?? defaults.Widths,
            Depths = raw.GetIntList("depths", min: 0, max: 32) ?? defaults.Depths,
            LearningRates = Floats(raw, "lrs", min: float.Epsilon) ?? defaults.LearningRates,
            WeightDecays = Floats(raw, "weight-decays", min: 0) ?? defaults.WeightDecays,
            BatchSizes = raw.GetIntList("batch-sizes", min: 1, max: 1 << 20) ?? defaults.BatchSizes,
        };
        var strategy = raw.GetChoice("search", "random", ["random", "grid"]) == "grid" ? SearchStrategy.Grid : SearchStrategy.Random;
        int trials = raw.GetInt("trials", 20, min: 1, max: MaxTrials);
        if (strategy == SearchStrategy.Grid && space.Count > MaxTrials)
            throw new UsageException($"The grid has {space.Count} points; at most {MaxTrials} fit in one search. Shorten a list (--widths, --depths, --lrs, --weight-decays, --batch-sizes) or use --search random --trials N.");
        int folds = raw.GetInt("folds", 0, min: 0, max: 20);
        if (folds == 1) throw new UsageException("--folds 1 leaves nothing to score on: use 2 or more, or 0 to score on the validation split.");
        var train = TrainOptions.From(raw);
        if (folds == 0 && train.ValidationSplit <= 0)
            throw new UsageException("--validation-split 0 leaves no data to score the trials on: give a validation fraction or --folds K.");
        int parallel = raw.GetInt("parallel", Math.Clamp(Environment.ProcessorCount, 1, 2), min: 1, max: 64);
        return new TuneOptions(train, space, strategy, trials, folds, parallel);
    }

    private static IReadOnlyList<float>? Floats(RawOptions raw, string name, float min)
    {
        var texts = raw.GetStringList(name);
        if (texts is null) return null;
        var values = new List<float>();
        foreach (string t in texts)
        {
            if (!float.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out float v) || !float.IsFinite(v) || v < min)
                throw new UsageException($"--{name}: '{t}' is not a number of at least {min.ToString(CultureInfo.InvariantCulture)}.");
            values.Add(v);
        }
        return values;
    }
}
