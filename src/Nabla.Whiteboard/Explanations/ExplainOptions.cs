namespace Nabla.Whiteboard.Explanations;

/// <summary>What to explain and how (the options of <c>nabla explain</c>).</summary>
public sealed record ExplainOptions
{
    /// <summary>The step to treat as the output (<c>--target</c>); null means the last step.</summary>
    public string? Target { get; init; }

    /// <summary>The variables to differentiate and update (<c>--wrt</c>); null means every input the output depends on.</summary>
    public IReadOnlyList<string>? Wrt { get; init; }

    /// <summary>Learning rate for update steps (<c>--lr</c>); null means no update steps.</summary>
    public double? LearningRate { get; init; }

    /// <summary>How many update steps to show (<c>--steps</c>), at least 1.</summary>
    public int Steps { get; init; } = 1;

    /// <summary>
    /// Gradient ascent (<c>--ascent</c>): w + lr * dz/dw, the lectures' form for making the output larger.
    /// Default is descent, w - lr * dz/dw, which makes the output (a loss) smaller.
    /// </summary>
    public bool Ascent { get; init; }

    /// <summary>
    /// A loss to explain on top of the output (<c>--loss</c>): "squared" for (target - z)^2, "abs" for
    /// abs(target - z), or an expression in <c>target</c> and the output's name such as "target - z".
    /// It becomes an extra step called <c>loss</c>, which is then the output. Null for none.
    /// </summary>
    public string? Loss { get; init; }

    /// <summary>The value of <c>target</c> in the loss; required with <see cref="Loss"/>.</summary>
    public double? LossTarget { get; init; }

    /// <summary>Significant digits in printed numbers (<c>--precision</c>).</summary>
    public int Precision { get; init; } = 4;

    /// <summary>Most chain-rule paths listed per variable (the count can grow exponentially with shared nodes).</summary>
    public int MaxPaths { get; init; } = 64;
}
