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

    // One declaration per option; the search space's defaults are the library's (SearchSpace), not re-typed here.
    private static readonly SearchSpace DefaultSpace = new();
    private static readonly TypedOption<string> SearchOption = TypedOptions.InlineChoice("search", "Draw --trials random points of the space, or try every point.", "random", ["random", "grid"]);
    private static readonly TypedOption<int> TrialsOption = TypedOptions.Int("trials", "N", "Points a random search tries.", 20, min: 1, max: MaxTrials);
    private static readonly TypedOption<int> FoldsOption = TypedOptions.Int("folds", "K", "Score each trial by K-fold cross-validation on the training data (0: on the validation split).", 0, min: 0, max: 20);
    private static readonly TypedOption<IReadOnlyList<int>> WidthsOption = TypedOptions.IntList("widths", "N,N,...", "Hidden layer widths to try.", DefaultSpace.Widths, min: 1, max: 1 << 16);
    private static readonly TypedOption<IReadOnlyList<int>> DepthsOption = TypedOptions.IntList("depths", "N,N,...", "Hidden layer counts to try.", DefaultSpace.Depths, min: 0, max: 32);
    private static readonly TypedOption<IReadOnlyList<float>> LrsOption = TypedOptions.FloatList("lrs", "R,R,...", "Learning rates to try.", DefaultSpace.LearningRates, min: float.Epsilon);
    private static readonly TypedOption<IReadOnlyList<float>> WeightDecaysOption = TypedOptions.FloatList("weight-decays", "L,L,...", "Weight decays to try.", DefaultSpace.WeightDecays, min: 0);
    private static readonly TypedOption<IReadOnlyList<int>> BatchSizesOption = TypedOptions.IntList("batch-sizes", "N,N,...", "Batch sizes to try.", DefaultSpace.BatchSizes, min: 1, max: 1 << 20);
    private static readonly TypedOption<int?> ParallelOption = TypedOptions.OptionalInt("parallel", "N", "Trials run at once, one thread each [default: 2, or 1 on one core].", min: 1, max: 64);

    /// <summary>The options of <c>nabla tune</c>: the search, then the <c>train</c> options it keeps.</summary>
    public static readonly IReadOnlyList<OptionSpec> Specs =
    [
        SearchOption.Spec, TrialsOption.Spec, FoldsOption.Spec, WidthsOption.Spec, DepthsOption.Spec, LrsOption.Spec,
        WeightDecaysOption.Spec, BatchSizesOption.Spec, ParallelOption.Spec,
        .. TrainOptions.Specs.Where(s => s.Name is not ("resume" or "layers" or "lr" or "weight-decay" or "batch-size" or "mode" or "epochs")),
    ];

    /// <summary>Validates <paramref name="raw"/> and builds the options.</summary>
    public static TuneOptions From(RawOptions raw)
    {
        var space = new SearchSpace
        {
            Widths = WidthsOption.Read(raw),
            Depths = DepthsOption.Read(raw),
            LearningRates = LrsOption.Read(raw),
            WeightDecays = WeightDecaysOption.Read(raw),
            BatchSizes = BatchSizesOption.Read(raw),
        };
        var strategy = SearchOption.Read(raw) == "grid" ? SearchStrategy.Grid : SearchStrategy.Random;
        int trials = TrialsOption.Read(raw);
        if (strategy == SearchStrategy.Grid && space.Count > MaxTrials)
            throw new UsageException($"The grid has {space.Count} points; at most {MaxTrials} fit in one search. Shorten a list (--widths, --depths, --lrs, --weight-decays, --batch-sizes) or use --search random --trials N.");
        int folds = FoldsOption.Read(raw);
        if (folds == 1) throw new UsageException("--folds 1 leaves nothing to score on: use 2 or more, or 0 to score on the validation split.");
        var train = TrainOptions.From(raw);
        if (folds == 0 && train.ValidationSplit <= 0)
            throw new UsageException("--validation-split 0 leaves no data to score the trials on: give a validation fraction or --folds K.");
        int parallel = ParallelOption.Read(raw) ?? Math.Clamp(Environment.ProcessorCount, 1, 2);
        return new TuneOptions(train, space, strategy, trials, folds, parallel);
    }
}
