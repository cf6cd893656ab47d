using Nabla.Cli.Parsing;

namespace Nabla.Cli.Options;

/// <summary>Options of <c>nabla explain-net</c>: one sample through a small dense network, neuron by neuron, and its backward pass.</summary>
public sealed record ExplainNetOptions
{
    /// <summary>Values of <c>--loss</c>.</summary>
    public static readonly string[] LossKinds = [.. Nabla.Whiteboard.Networks.NetLossRegistry.All.Names];
    /// <summary>Values of <c>--format</c>.</summary>
    public static readonly string[] Formats = ["text", "markdown", "json", "svg", "dot", "mermaid", "html"];

    // Each option once: name, type, default, range and help feed the help text, the config keys, validation and the
    // record's initial values below.
    private static readonly TypedOption<IReadOnlyList<int>> LayersOption = TypedOptions.IntList("layers", "N,N,...", "Layer widths from input to output.", [3, 2, 2, 1], min: 1, max: 64);
    private static readonly TypedOption<string> ActivationOption = TypedOptions.Choice("activation", "Activation of every layer.", "sigmoid", Choices.Activations);
    private static readonly TypedOption<string> BiasOption = TypedOptions.Choice("bias", "Whether layers have biases.", "false", ["true", "false"]);
    private static readonly TypedOption<IReadOnlyList<float>?> WeightsOption = TypedOptions.FloatList("weights", "W,W,...", "Every weight, layer by layer, row-major [out, in], then biases [default: drawn from --seed].");
    private static readonly TypedOption<int> SeedOption = TypedOptions.Int("seed", "N", "Seed of the drawn weights.", 1, min: 0);
    private static readonly TypedOption<IReadOnlyList<float>?> XOption = TypedOptions.FloatList("x", "V,V,...", "The input sample (required).");
    private static readonly TypedOption<IReadOnlyList<float>?> YOption = TypedOptions.FloatList("y", "V,V,...", "The target (required).");
    private static readonly TypedOption<string> LossOption = TypedOptions.Choice("loss", "Loss of the sample.", "squared", LossKinds);
    private static readonly TypedOption<float> LrOption = TypedOptions.Float("lr", "RATE", "Learning rate of the update shown.", 0.1f, min: 0f);
    private static readonly TypedOption<int> PrecisionOption = TypedOptions.Int("precision", "DIGITS", "Significant digits of printed numbers.", 4, min: 1, max: 9);
    private static readonly TypedOption<string> FormatOption = TypedOptions.Choice("format", "Output format (svg, dot and mermaid draw the network; html is an interactive, offline page).", "text", Formats);
    private static readonly TypedOption<string?> HighlightOption = TypedOptions.Text("highlight", "WEIGHT", "The weight (w1, w11 ...) whose chain-rule paths the drawing highlights [default: the last layer's first].");
    private static readonly TypedOption<bool> MatrixOption = TypedOptions.Flag("matrix", "Print the backward pass as matrices: delta = (W^T delta_next) * f'(z), dL/dW = delta x^T.");

    /// <summary>Layer widths including input and output, e.g. [3, 2, 2, 1].</summary>
    public IReadOnlyList<int> Layers { get; init; } = LayersOption.Default;
    /// <summary>Activation of every layer.</summary>
    public string Activation { get; init; } = ActivationOption.Default;
    /// <summary>Whether the layers have biases.</summary>
    public bool Bias { get; init; }
    /// <summary>Every weight (then bias) in layer order, row-major [out, in]; null to draw them from <see cref="Seed"/>.</summary>
    public IReadOnlyList<float>? Weights { get; init; }
    /// <summary>Seed of the drawn weights.</summary>
    public int Seed { get; init; } = SeedOption.Default;
    /// <summary>The input sample; its length is the first layer width.</summary>
    public IReadOnlyList<float> X { get; init; } = [];
    /// <summary>The target; its length is the last layer width.</summary>
    public IReadOnlyList<float> Y { get; init; } = [];
    /// <summary>The loss.</summary>
    public string Loss { get; init; } = LossOption.Default;
    /// <summary>Learning rate of the update shown.</summary>
    public float Lr { get; init; } = LrOption.Default;
    /// <summary>Significant digits of printed numbers.</summary>
    public int Precision { get; init; } = PrecisionOption.Default;
    /// <summary>Output format.</summary>
    public string Format { get; init; } = FormatOption.Default;
    /// <summary>The weight whose chain-rule paths a drawing highlights; null for the first weight of the last layer.</summary>
    public string? Highlight { get; init; }
    /// <summary>Print the backward pass in matrix form instead.</summary>
    public bool Matrix { get; init; }

    /// <summary>The options of <c>nabla explain-net</c>.</summary>
    public static readonly IReadOnlyList<OptionSpec> Specs =
    [
        LayersOption.Spec, ActivationOption.Spec, BiasOption.Spec, WeightsOption.Spec, SeedOption.Spec, XOption.Spec, YOption.Spec,
        LossOption.Spec, LrOption.Spec, PrecisionOption.Spec, FormatOption.Spec, HighlightOption.Spec, MatrixOption.Spec,
    ];

    /// <summary>Validates <paramref name="raw"/> and builds the options, checking that --x and --y fit --layers.</summary>
    public static ExplainNetOptions From(RawOptions raw)
    {
        var layers = LayersOption.Read(raw);
        if (layers.Count < 2) throw new UsageException($"--layers {raw.GetString("layers")}: give at least an input and an output width, e.g. 3,2,2,1.");
        var x = XOption.Read(raw) ?? throw new UsageException($"--x is required: the input sample, {layers[0]} numbers separated by commas.");
        var y = YOption.Read(raw) ?? throw new UsageException($"--y is required: the target, {layers[^1]} number(s) separated by commas.");
        if (x.Count != layers[0]) throw new UsageException($"--x has {x.Count} values but --layers starts with {layers[0]} inputs.");
        if (y.Count != layers[^1]) throw new UsageException($"--y has {y.Count} values but --layers ends with {layers[^1]} outputs.");
        return new ExplainNetOptions
        {
            Layers = layers,
            Activation = ActivationOption.Read(raw),
            Bias = BiasOption.Read(raw) == "true",
            Weights = WeightsOption.Read(raw),
            Seed = SeedOption.Read(raw),
            X = x,
            Y = y,
            Loss = LossOption.Read(raw),
            Lr = LrOption.Read(raw),
            Precision = PrecisionOption.Read(raw),
            Format = FormatOption.Read(raw),
            Highlight = HighlightOption.Read(raw),
            Matrix = MatrixOption.Read(raw),
        };
    }
}
