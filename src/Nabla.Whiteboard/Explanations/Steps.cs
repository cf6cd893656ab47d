namespace Nabla.Whiteboard.Explanations;

/// <summary>One line of the forward pass: <c>g = -2 * w1 = -2 * 3 = -6</c>.</summary>
/// <param name="Label">The node's name.</param>
/// <param name="Formula">The computation in operand names ("-2 * w1").</param>
/// <param name="Substituted">The same with the operands' values ("-2 * 3"), at the explanation's precision.</param>
/// <param name="Value">The engine's forward value.</param>
/// <param name="IsStep">Whether the name was written in the source (otherwise an automatic name such as t1).</param>
public sealed record ForwardStep(string Label, string Formula, string Substituted, double Value, bool IsStep);

/// <summary>How one use of a node passes gradient back to it: upstream gradient of the consumer times the local derivative.</summary>
/// <param name="Consumer">The operation that used the node.</param>
/// <param name="Upstream">d output / d consumer, from the engine.</param>
/// <param name="Local">d consumer / d node.</param>
/// <param name="Product">Upstream times local.</param>
public sealed record BackwardContribution(string Consumer, double Upstream, LocalDerivative Local, double Product);

/// <summary>
/// One line of the backward pass: <c>dz/dg = dz/dy * dy/dg = 5 * 1 = 5</c>; a node used several times
/// sums one contribution per use. <see cref="Gradient"/> is the engine's value.
/// </summary>
/// <param name="Output">The output's label (the "z" of dz/dg).</param>
/// <param name="Label">The node receiving the gradient.</param>
/// <param name="Contributions">One per use of the node; empty for the output itself (d output/d output = 1).</param>
/// <param name="Gradient">d output / d node from the engine's Backward.</param>
public sealed record BackwardStep(string Output, string Label, IReadOnlyList<BackwardContribution> Contributions, double Gradient)
{
    /// <summary>"dz/dg".</summary>
    public string Symbol => $"d{Output}/d{Label}";
}

/// <summary>One path from the output down to a variable: the local derivatives along it and their product.</summary>
/// <param name="Factors">Local derivatives from the output end to the variable end.</param>
/// <param name="Product">Their product.</param>
public sealed record ChainPath(IReadOnlyList<LocalDerivative> Factors, double Product);

/// <summary>
/// The chain rule for one variable: every path from the output to it, each path's product, and their sum,
/// next to the engine's gradient. <c>dz/dw1 = dz/dy * dy/dg * dg/dw1 = 5 * 1 * -2 = -10</c>.
/// </summary>
/// <param name="Output">The output's label.</param>
/// <param name="Variable">The input variable.</param>
/// <param name="Paths">Every path (up to the explanation's limit).</param>
/// <param name="PathSum">Sum of the path products.</param>
/// <param name="Gradient">The engine's gradient; equals <paramref name="PathSum"/> up to float32 rounding.</param>
/// <param name="Truncated">True when there were more paths than the limit (then PathSum is partial).</param>
public sealed record ChainRule(string Output, string Variable, IReadOnlyList<ChainPath> Paths, double PathSum, double Gradient, bool Truncated)
{
    /// <summary>"dz/dw1".</summary>
    public string Symbol => $"d{Output}/d{Variable}";

    /// <summary>How many paths lead from the output to the variable in all; more than <see cref="Paths"/> holds when <see cref="Truncated"/>.</summary>
    public long PathCount { get; init; } = -1;

    /// <summary>The number of paths in all (<see cref="PathCount"/>, or the listed ones when it was not counted).</summary>
    public long TotalPaths => PathCount >= 0 ? PathCount : Paths.Count;
}

/// <summary>A row of the gradient table: a variable, its value and d output / d variable from the engine.</summary>
public sealed record GradientRow(string Variable, double Value, double Gradient);

/// <summary>One variable's change in a gradient step: new = old - lr * gradient (or + for ascent).</summary>
public sealed record ParameterUpdate(string Variable, double Old, double Gradient, double New);

/// <summary>One gradient step: every chosen variable's update and the output recomputed by the engine at the new values.</summary>
/// <param name="Step">1-based step number.</param>
/// <param name="Updates">One per chosen variable.</param>
/// <param name="NewOutput">The output at the updated values.</param>
public sealed record UpdateStep(int Step, IReadOnlyList<ParameterUpdate> Updates, double NewOutput);
