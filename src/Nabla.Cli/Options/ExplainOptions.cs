using Nabla.Cli.Parsing;

namespace Nabla.Cli.Options;

/// <summary>Options of <c>nabla explain "EXPR" --at w1=3,...</c>: forward and backward pass of an expression, step by step.</summary>
public sealed record ExplainOptions
{
    /// <summary>Values of <c>--format</c>.</summary>
    public static readonly string[] Formats = ["text", "markdown", "json", "dot", "mermaid", "svg", "html"];

    /// <summary>The expression, e.g. <c>g = -2*w1; y = w2 + g; z = y*w3</c>.</summary>
    public required string Expression { get; init; }
    /// <summary>The value of every variable, in the order given.</summary>
    public IReadOnlyList<KeyValuePair<string, float>> At { get; init; } = [];
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
    public int Steps { get; init; } = 1;
    /// <summary>Show ascent updates (w + lr * dz/dw) instead of descent.</summary>
    public bool Ascent { get; init; }
    /// <summary>The variables whose gradients are shown; null for all.</summary>
    public IReadOnlyList<string>? Wrt { get; init; }
    /// <summary>Significant digits of printed numbers.</summary>
    public int Precision { get; init; } = 4;
    /// <summary>Output format.</summary>
    public string Format { get; init; } = "text";

    /// <summary>The options of <c>nabla explain</c>.</summary>
    public static readonly IReadOnlyList<OptionSpec> Specs =
    [
        new("at", "NAME=VALUE,...", "The value of every variable, e.g. w1=3,w2=4,w3=5."),
        new("output", "STEP", "The step to explain as the output [default: the last step]."),
        new("target", "VALUE", "The value the output should reach, for --loss (named 'target' in a loss expression)."),
        new("loss", "squared|abs|EXPR", "The loss on top: squared, abs, or an expression such as \"target - z\"."),
        new("lr", "RATE", "Show gradient-descent updates with this learning rate."),
        new("steps", "N", "Number of updates to show.", Default: "1"),
        OptionSpec.Flag("ascent", "Show ascent updates, w + lr * dz/dw, as some lectures write them."),
        new("wrt", "A,B,...", "Variables whose gradients are shown [default: all]."),
        new("precision", "DIGITS", "Significant digits of printed numbers.", Default: "4"),
        OptionSpec.Choice("format", "Output format (html: an interactive, offline page).", "text", Formats),
    ];

    /// <summary>Validates <paramref name="raw"/> and builds the options.</summary>
    public static ExplainOptions From(RawOptions raw)
    {
        var options = new ExplainOptions
        {
            Expression = raw.Arguments[0],
            At = raw.GetAssignments("at") ?? [],
            Output = raw.GetString("output"),
            Target = raw.GetFloatOrNull("target"),
            Loss = raw.GetString("loss"),
            Lr = raw.GetFloatOrNull("lr", min: 0f),
            Steps = raw.GetInt("steps", 1, min: 1, max: 10_000),
            Ascent = raw.GetFlag("ascent"),
            Wrt = raw.GetStringList("wrt"),
            Precision = raw.GetInt("precision", 4, min: 1, max: 9),
            Format = raw.GetChoice("format", "text", Formats),
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
