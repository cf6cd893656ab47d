using Nabla.Cli.Parsing;

namespace Nabla.Cli.Options;

/// <summary>Options of <c>nabla descend</c>: a gradient-descent trace on data, step by step.</summary>
public sealed record DescendOptions
{
    /// <summary>Values of <c>--model</c>.</summary>
    public static readonly string[] Models = ["linear", "mlp"];
    /// <summary>Values of <c>--format</c>.</summary>
    public static readonly string[] Formats = ["text", "html"];

    // Each option once: name, type, default, range and help feed the help text, the config keys, validation and the
    // record's initial values below.
    private static readonly TypedOption<string?> DataOption = TypedOptions.Text("data", "FILE", "CSV file [default: the lecture's 4-row height/weight -> BMI table, w = 1, b = 0].");
    private static readonly TypedOption<string?> TargetOption = TypedOptions.Text("target", "COLUMN", "The CSV column to predict.");
    private static readonly TypedOption<string> ModelOption = TypedOptions.Choice("model", "Model to train.", "linear", Models);
    private static readonly TypedOption<string> ModeOption = TypedOptions.Choice("mode", "Whole set, mini-batches or one sample per step.", "batch", Choices.Modes);
    private static readonly TypedOption<int> BatchSizeOption = TypedOptions.Int("batch-size", "N", "Samples per step in minibatch mode.", 2, min: 1);
    private static readonly TypedOption<float?> LrOption = TypedOptions.OptionalFloat("lr", "RATE", "Learning rate [default: 0.00001 on the lecture's raw table, else 0.1].", min: 0f);
    private static readonly TypedOption<int> StepsOption = TypedOptions.Int("steps", "N", "Number of steps to trace.", 5, min: 1, max: 100_000);
    private static readonly TypedOption<int> SeedOption = TypedOptions.Int("seed", "N", "Random seed.", 1, min: 0);
    private static readonly TypedOption<string?> PlotOption = TypedOptions.Text("plot", "FILE.svg", "Write the loss per step as an SVG chart.");
    private static readonly TypedOption<int> PrecisionOption = TypedOptions.Int("precision", "DIGITS", "Significant digits of printed numbers.", 4, min: 1, max: 9);
    private static readonly TypedOption<string> FormatOption = TypedOptions.Choice("format", "Output format (html: an interactive, offline page).", "text", Formats);

    /// <summary>A CSV file; null for the lecture's 4-row height/weight -> BMI table.</summary>
    public string? Data { get; init; }
    /// <summary>The column to predict (with <see cref="Data"/>).</summary>
    public string? Target { get; init; }
    /// <summary>A linear model or a small MLP.</summary>
    public string Model { get; init; } = ModelOption.Default;
    /// <summary>batch, minibatch or sgd.</summary>
    public string Mode { get; init; } = ModeOption.Default;
    /// <summary>Samples per step in minibatch mode.</summary>
    public int BatchSize { get; init; } = BatchSizeOption.Default;
    /// <summary>The learning rate of a standardised table (a CSV file, or the lecture's with --model mlp).</summary>
    public const double DefaultLr = 0.1;
    /// <summary>The learning rate; null for the table's own (the lecture's 0.00001 on its raw units, else <see cref="DefaultLr"/>).</summary>
    public float? Lr { get; init; }
    /// <summary>Number of steps traced.</summary>
    public int Steps { get; init; } = StepsOption.Default;
    /// <summary>Seed of initialisation and shuffling.</summary>
    public int Seed { get; init; } = SeedOption.Default;
    /// <summary>Where to write the loss-per-step SVG plot; null for none.</summary>
    public string? Plot { get; init; }
    /// <summary>Significant digits of printed numbers.</summary>
    public int Precision { get; init; } = PrecisionOption.Default;
    /// <summary>text, or html for the interactive page.</summary>
    public string Format { get; init; } = FormatOption.Default;

    /// <summary>The options of <c>nabla descend</c>.</summary>
    public static readonly IReadOnlyList<OptionSpec> Specs =
    [
        DataOption.Spec, TargetOption.Spec, ModelOption.Spec, ModeOption.Spec, BatchSizeOption.Spec, LrOption.Spec, StepsOption.Spec,
        SeedOption.Spec, PlotOption.Spec, PrecisionOption.Spec, FormatOption.Spec,
    ];

    /// <summary>Validates <paramref name="raw"/> and builds the options.</summary>
    public static DescendOptions From(RawOptions raw)
    {
        string? data = DataOption.Read(raw);
        if (data is not null && TargetOption.Read(raw) is null)
            throw new UsageException($"--data {data} needs --target COLUMN: the name of the column to predict.");
        return new DescendOptions
        {
            Data = data,
            Target = TargetOption.Read(raw),
            Model = ModelOption.Read(raw),
            Mode = ModeOption.Read(raw),
            BatchSize = BatchSizeOption.Read(raw),
            Lr = LrOption.Read(raw),
            Steps = StepsOption.Read(raw),
            Seed = SeedOption.Read(raw),
            Plot = PlotOption.Read(raw),
            Precision = PrecisionOption.Read(raw),
            Format = FormatOption.Read(raw),
        };
    }
}
