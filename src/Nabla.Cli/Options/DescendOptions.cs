using Nabla.Cli.Parsing;

namespace Nabla.Cli.Options;

/// <summary>Options of <c>nabla descend</c>: a gradient-descent trace on data, step by step.</summary>
public sealed record DescendOptions
{
    /// <summary>Values of <c>--model</c>.</summary>
    public static readonly string[] Models = ["linear", "mlp"];
    /// <summary>Values of <c>--format</c>.</summary>
    public static readonly string[] Formats = ["text", "html"];

    /// <summary>A CSV file; null for the lecture's 4-row height/weight -> BMI table.</summary>
    public string? Data { get; init; }
    /// <summary>The column to predict (with <see cref="Data"/>).</summary>
    public string? Target { get; init; }
    /// <summary>A linear model or a small MLP.</summary>
    public string Model { get; init; } = "linear";
    /// <summary>batch, minibatch or sgd.</summary>
    public string Mode { get; init; } = "batch";
    /// <summary>Samples per step in minibatch mode.</summary>
    public int BatchSize { get; init; } = 2;
    /// <summary>The learning rate of a standardised table (a CSV file, or the lecture's with --model mlp).</summary>
    public const double DefaultLr = 0.1;
    /// <summary>The learning rate; null for the table's own (the lecture's 0.00001 on its raw units, else <see cref="DefaultLr"/>).</summary>
    public float? Lr { get; init; }
    /// <summary>Number of steps traced.</summary>
    public int Steps { get; init; } = 5;
    /// <summary>Seed of initialisation and shuffling.</summary>
    public int Seed { get; init; } = 1;
    /// <summary>Where to write the loss-per-step SVG plot; null for none.</summary>
    public string? Plot { get; init; }
    /// <summary>Significant digits of printed numbers.</summary>
    public int Precision { get; init; } = 4;
    /// <summary>text, or html for the interactive page.</summary>
    public string Format { get; init; } = "text";

    /// <summary>The options of <c>nabla descend</c>.</summary>
    public static readonly IReadOnlyList<OptionSpec> Specs =
    [
        new("data", "FILE", "CSV file [default: the lecture's 4-row height/weight -> BMI table, w = 1, b = 0]."),
        new("target", "COLUMN", "The CSV column to predict."),
        OptionSpec.Choice("model", "Model to train.", "linear", Models),
        OptionSpec.Choice("mode", "Whole set, mini-batches or one sample per step.", "batch", Choices.Modes),
        new("batch-size", "N", "Samples per step in minibatch mode.", Default: "2"),
        new("lr", "RATE", "Learning rate [default: 0.00001 on the lecture's raw table, else 0.1]."),
        new("steps", "N", "Number of steps to trace.", Default: "5"),
        new("seed", "N", "Random seed.", Default: "1"),
        new("plot", "FILE.svg", "Write the loss per step as an SVG chart."),
        new("precision", "DIGITS", "Significant digits of printed numbers.", Default: "4"),
        OptionSpec.Choice("format", "Output format (html: an interactive, offline page).", "text", Formats),
    ];

    /// <summary>Validates <paramref name="raw"/> and builds the options.</summary>
    public static DescendOptions From(RawOptions raw)
    {
        string? data = raw.GetString("data");
        if (data is not null && raw.GetString("target") is null)
            throw new UsageException($"--data {data} needs --target COLUMN: the name of the column to predict.");
        return new DescendOptions
        {
            Data = data,
            Target = raw.GetString("target"),
            Model = raw.GetChoice("model", "linear", Models),
            Mode = raw.GetChoice("mode", "batch", Choices.Modes),
            BatchSize = raw.GetInt("batch-size", 2, min: 1),
            Lr = raw.GetString("lr") is null ? null : raw.GetFloat("lr", (float)DefaultLr, min: 0f),
            Steps = raw.GetInt("steps", 5, min: 1, max: 100_000),
            Seed = raw.GetInt("seed", 1, min: 0),
            Plot = raw.GetString("plot"),
            Precision = raw.GetInt("precision", 4, min: 1, max: 9),
            Format = raw.GetChoice("format", "text", Formats),
        };
    }
}
