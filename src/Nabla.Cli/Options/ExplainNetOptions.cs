using Nabla.Cli.Parsing;

namespace Nabla.Cli.Options;

/// <summary>Options of <c>nabla explain-net</c>: one sample through a small dense network, neuron by neuron, and its backward pass.</summary>
public sealed record ExplainNetOptions
{
    /// <summary>Values of <c>--loss</c>.</summary>
    public static readonly string[] LossKinds = ["squared", "half-squared", "abs", "bce"];
    /// <summary>Values of <c>--format</c>.</summary>
    public static readonly string[] Formats = ["text", "markdown", "json", "svg", "dot", "mermaid", "html"];

    /// <summary>Layer widths including input and output, e.g. [3, 2, 2, 1].</summary>
    public IReadOnlyList<int> Layers { get; init; } = [3, 2, 2, 1];
    /// <summary>Activation of every layer.</summary>
    public string Activation { get; init; } = "sigmoid";
    /// <summary>Whether the layers have biases.</summary>
    public bool Bias { get; init; }
    /// <summary>Every weight (then bias) in layer order, row-major [out, in]; null to draw them from <see cref="Seed"/>.</summary>
    public IReadOnlyList<float>? Weights { get; init; }
    /// <summary>Seed of the drawn weights.</summary>
    public int Seed { get; init; } = 1;
    /// <summary>The input sample; its length is the first layer width.</summary>
    public IReadOnlyList<float> X { get; init; } = [];
    /// <summary>The target; its length is the last layer width.</summary>
    public IReadOnlyList<float> Y { get; init; } = [];
    /// <summary>The loss.</summary>
    public string Loss { get; init; } = "squared";
    /// <summary>Learning rate of the update shown.</summary>
    public float Lr { get; init; } = 0.1f;
    /// <summary>Significant digits of printed numbers.</summary>
    public int Precision { get; init; } = 4;
    /// <summary>Output format.</summary>
    public string Format { get; init; } = "text";
    /// <summary>The weight whose chain-rule paths a drawing highlights; null for the first weight of the last layer.</summary>
    public string? Highlight { get; init; }
    /// <summary>Print the backward pass in matrix form instead.</summary>
    public bool Matrix { get; init; }

    /// <summary>The options of <c>nabla explain-net</c>.</summary>
    public static readonly IReadOnlyList<OptionSpec> Specs =
    [
        new("layers", "N,N,...", "Layer widths from input to output.", Default: "3,2,2,1"),
        OptionSpec.Choice("activation", "Activation of every layer.", "sigmoid", Choices.Activations),
        OptionSpec.Choice("bias", "Whether layers have biases.", "false", "true", "false"),
        new("weights", "W,W,...", "Every weight, layer by layer, row-major [out, in], then biases [default: drawn from --seed]."),
        new("seed", "N", "Seed of the drawn weights.", Default: "1"),
        new("x", "V,V,...", "The input sample (required)."),
        new("y", "V,V,...", "The target (required)."),
        OptionSpec.Choice("loss", "Loss of the sample.", "squared", LossKinds),
        new("lr", "RATE", "Learning rate of the update shown.", Default: "0.1"),
        new("precision", "DIGITS", "Significant digits of printed numbers.", Default: "4"),
        OptionSpec.Choice("format", "Output format (svg, dot and mermaid draw the network; html is an interactive, offline page).", "text", Formats),
        new("highlight", "WEIGHT", "The weight (w1, w11 ...) whose chain-rule paths the drawing highlights [default: the last layer's first]."),
        OptionSpec.Flag("matrix", "Print the backward pass as matrices: delta = (W^T delta_next) * f'(z), dL/dW = delta x^T."),
    ];

    /// <summary>Validates <paramref name="raw"/> and builds the options, checking that --x and --y fit --layers.</summary>
    public static ExplainNetOptions From(RawOptions raw)
    {
        var layers = raw.GetIntList("layers", min: 1, max: 64) ?? [3, 2, 2, 1];
        if (layers.Count < 2) throw new UsageException($"--layers {raw.GetString("layers")}: give at least an input and an output width, e.g. 3,2,2,1.");
        var x = raw.GetFloatList("x") ?? throw new UsageException($"--x is required: the input sample, {layers[0]} numbers separated by commas.");
        var y = raw.GetFloatList("y") ?? throw new UsageException($"--y is required: the target, {layers[^1]} number(s) separated by commas.");
        if (x.Count != layers[0]) throw new UsageException($"--x has {x.Count} values but --layers starts with {layers[0]} inputs.");
        if (y.Count != layers[^1]) throw new UsageException($"--y has {y.Count} values but --layers ends with {layers[^1]} outputs.");
        return new ExplainNetOptions
        {
            Layers = layers,
            Activation = raw.GetChoice("activation", "sigmoid", Choices.Activations),
            Bias = raw.GetChoice("bias", "false", ["true", "false"]) == "true",
            Weights = raw.GetFloatList("weights"),
            Seed = raw.GetInt("seed", 1, min: 0),
            X = x,
            Y = y,
            Loss = raw.GetChoice("loss", "squared", LossKinds),
            Lr = raw.GetFloat("lr", 0.1f, min: 0f),
            Precision = raw.GetInt("precision", 4, min: 1, max: 9),
            Format = raw.GetChoice("format", "text", Formats),
            Highlight = raw.GetString("highlight"),
            Matrix = raw.GetFlag("matrix"),
        };
    }
}
