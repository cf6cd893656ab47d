using Nabla.Cli.Parsing;

namespace Nabla.Cli.Options;

/// <summary>Options of <c>nabla explain "EXPR" --at w1=3,...</c>: forward and backward pass of an expression, step by step.</summary>
public sealed record ExplainOptions
{
    /// <summary>Values of <c>--format</c>.</summary>
    public static readonly string[] Formats = ["text", "markdown", "json", "dot", "mermaid", "svg", "html"];

    // Each option once: name, type, default, range and help feed the help text, the config keys, validation and the
    // record's initial values below.
    private static readonly TypedOption<IReadOnlyList<KeyValuePair<string, float>>> AtOption =
        TypedOptions.Assignments("at", "NAME=VALUE,...", "The value of every variable, e.g. w1=3,w2=4,w3=5.");
    private static readonly TypedOption<string?> OutputOption = TypedOptions.Text("output", "STEP", "The step to explain as the output [default: the last step].");
    private static readonly TypedOption<float?> TargetOption = TypedOptions.OptionalFloat("target", "VALUE", "The value the output should reach, for --loss (named 'target' in a loss expression).");
    private static readonly TypedOption<string?> LossOption = TypedOptions.Text("loss", "squared|abs|EXPR", "The loss on top: squared, abs, or an expression such as \"target - z\".");
    private static readonly TypedOption<float?> LrOption = TypedOptions.OptionalFloat("lr", "RATE", "Show gradient-descent updates with this learning rate.", min: 0f);
    private static readonly TypedOption<int> StepsOption = TypedOptions.Int("steps", "N", "Number of updates to show.", 1, min: 1, max: 10_000);
    private static readonly TypedOption<bool> AscentOption = TypedOptions.Flag("ascent", "Show ascent updates, w + lr * dz/dw, as some lectures write them.");
    private static readonly TypedOption<IReadOnlyList<string>?> WrtOption = TypedOptions.TextList("wrt", "A,B,...", "Variables whose gradients are shown [default: all].");
    private static readonly TypedOption<int> PrecisionOption = TypedOptions.Int("precision", "DIGITS", "Significant digits of printed numbers.", 4, min: 1, max: 9);
    private static readonly TypedOption<string> FormatOption = TypedOptions.Choice("format", "Output format (html: an interactive, offline page).", "text", Formats);

    /// <summary>The expression, e.g. <c>g = -2*w1; y = w2 + g; z = y*w3</c>.</summary>
    public required string Expression { get; init; }
    /// <summary>The value of every variable, in the order given.</summary>
    public IReadOnlyList<KeyValuePair<string, float>> At { get; init; } = AtOption.Default;
    /// <summary>
    /// The step to treat as the output (<c>--output NAME</c>); null means the last step. (Not <c>--target</c>:
    /// in <c>nabla explain</c>, <c>--target</c> is the value a loss compares the output with.)
    /// </summary>
    public string? Output { get; init; }
    /// <summary>A target value; with <see cref="Loss"/>, a loss is explained on top of the expression.</summary>
    public float? Target { get; init; }
    /// <summary>The loss on top: <c>squared</c>, <c>abs</c> or an expression in <c>target</c> and the output, e.g. <c>target - z</c>.</summary>
    public string? Loss { get; init; }
    /// <summary>Learning rate of the gradient-descent steps shown; null for none.</summary>
    public float? Lr { get; init; }
    /// <summary>Number of update steps shown (with <see cref="Lr"/>).</summary>
    public int Steps { get; init; } = StepsOption.Default;
    /// <summary>Show ascent updates (w + lr * dz/dw) instead of descent.</summary>
    public bool Ascent { get; init; }
    /// <summary>The variables whose gradients are shown; null for all.</summary>
    public IReadOnlyList<string>? Wrt { get; init; }
    /// <summary>Significant digits of printed numbers.</summary>
    public int Precision { get; init; } = PrecisionOption.Default;
    /// <summary>Output format.</summary>
    public string Format { get; init; } = FormatOption.Default;

    /// <summary>The options of <c>nabla explain</c>.</summary>
    public static readonly IReadOnlyList<OptionSpec> Specs =
    [
        AtOption.Spec, OutputOption.Spec, TargetOption.Spec, LossOption.Spec, LrOption.Spec, StepsOption.Spec, AscentOption.Spec,
        WrtOption.Spec, PrecisionOption.Spec, FormatOption.Spec,
    ];

    /// <summary>Validates <paramref name="raw"/> and builds the options.</summary>
    public static ExplainOptions From(RawOptions raw)
    {
        var options = new ExplainOptions
        {
            Expression = raw.Arguments[0],
            At = AtOption.Read(raw),
            Output = OutputOption.Read(raw),
            Target = TargetOption.Read(raw),
            Loss = LossOption.Read(raw),
            Lr = LrOption.Read(raw),
            Steps = StepsOption.Read(raw),
            Ascent = AscentOption.Read(raw),
            Wrt = WrtOption.Read(raw),
            Precision = PrecisionOption.Read(raw),
            Format = FormatOption.Read(raw),
        };
        if (options.Loss is not null && options.Target is null)
            throw new UsageException($"--loss {options.Loss} needs --target VALUE: the value the output should reach.");
        if (options.Target is not null && options.Loss is null)
            throw new UsageException("--target VALUE is the value a loss compares the output with: add --loss squared|abs|EXPR (to choose the output step, use --output STEP).");
        if (raw.Has("steps") && options.Lr is null)
            throw new UsageException("--steps needs --lr RATE: the learning rate of the updates to show.");
        return options;
    }
}
