using Nabla.Cli.Parsing;

namespace Nabla.Cli.Options;

/// <summary>
/// Options of <c>nabla compare</c>: one base training setup (every <c>train</c> option) and the lists of
/// variations to try; every combination of the given lists is trained and overlaid in one report.
/// </summary>
/// <param name="Base">The training setup each variation starts from.</param>
/// <param name="Optimizers">Optimizers to compare, or null to keep the base one.</param>
/// <param name="Modes">Gradient-descent modes to compare, or null.</param>
/// <param name="Inits">Initialisers to compare, or null.</param>
/// <param name="Activations">Activations to compare, or null.</param>
public sealed record CompareOptions(TrainOptions Base, IReadOnlyList<string>? Optimizers, IReadOnlyList<string>? Modes, IReadOnlyList<string>? Inits, IReadOnlyList<string>? Activations)
{
    /// <summary>At most this many runs in one comparison (the product of the list lengths).</summary>
    public const int MaxRuns = 64;

    private static readonly TypedOption<IReadOnlyList<string>?> OptimizersOption = TypedOptions.ChoiceList("optimizers", "Optimizers to compare", Choices.Optimizers);
    private static readonly TypedOption<IReadOnlyList<string>?> ModesOption = TypedOptions.ChoiceList("modes", "Gradient-descent modes to compare", Choices.Modes);
    private static readonly TypedOption<IReadOnlyList<string>?> InitsOption = TypedOptions.ChoiceList("inits", "Initialisations to compare", Choices.Inits);
    private static readonly TypedOption<IReadOnlyList<string>?> ActivationsOption = TypedOptions.ChoiceList("activations", "Activations to compare", Choices.Activations);

    /// <summary>The options of <c>nabla compare</c>: the lists, then every <c>train</c> option except --resume.</summary>
    public static readonly IReadOnlyList<OptionSpec> Specs =
    [
        OptimizersOption.Spec, ModesOption.Spec, InitsOption.Spec, ActivationsOption.Spec,
        .. TrainOptions.Specs.Where(s => s.Name is not "resume"),
    ];

    /// <summary>The variations in the order they are trained: every combination of the lists.</summary>
    public IReadOnlyList<(string Label, TrainOptions Options)> Variations()
    {
        var runs = new List<(string, TrainOptions)> { ("", Base) };
        runs = Expand(runs, Optimizers, (o, v) => o with { Optimizer = v });
        runs = Expand(runs, Modes, (o, v) => o with { Mode = v });
        runs = Expand(runs, Inits, (o, v) => o with { Init = v });
        runs = Expand(runs, Activations, (o, v) => o with { Activation = v });
        return runs.Select(r => (r.Item1.Length == 0 ? "base" : r.Item1, r.Item2)).ToArray();
    }

    private static List<(string, TrainOptions)> Expand(List<(string, TrainOptions)> runs, IReadOnlyList<string>? values, Func<TrainOptions, string, TrainOptions> apply) =>
        values is null ? runs : runs.SelectMany(r => values.Select(v => (r.Item1.Length == 0 ? v : r.Item1 + " " + v, apply(r.Item2, v)))).ToList();

    /// <summary>Validates <paramref name="raw"/> and builds the options.</summary>
    public static CompareOptions From(RawOptions raw)
    {
        var options = new CompareOptions(
            TrainOptions.From(raw),
            OptimizersOption.Read(raw), ModesOption.Read(raw), InitsOption.Read(raw), ActivationsOption.Read(raw));
        int count = options.Variations().Count;
        if (count < 2)
            throw new UsageException("Nothing to compare: give at least two values in --optimizers, --modes, --inits or --activations, e.g. --optimizers sgd,momentum,adam.");
        if (count > MaxRuns)
            throw new UsageException($"The lists make {count} runs; at most {MaxRuns} fit in one comparison. Shorten a list.");
        return options;
    }
}
