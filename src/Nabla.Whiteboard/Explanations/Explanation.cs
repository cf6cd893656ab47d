using Nabla.Whiteboard.Expressions;

namespace Nabla.Whiteboard.Explanations;

/// <summary>
/// A worked solution of one expression, as data: the forward pass, every local derivative, the backward
/// pass node by node, the chain rule per variable (all paths and their sum), the gradient table and
/// optional gradient steps. Every value and gradient comes from the Nabla engine; local derivatives are
/// the engine's rules evaluated at its forward values. Built by <see cref="Explainer.Explain(string, IReadOnlyDictionary{string, double}, ExplainOptions?)"/>;
/// renderers (text, Markdown, JSON ...) only format it.
/// </summary>
public sealed class Explanation
{
    internal Explanation() { }

    /// <summary>The program as written.</summary>
    public required string Source { get; init; }

    /// <summary>The parsed program.</summary>
    public required ExpressionProgram Program { get; init; }

    /// <summary>The evaluated graph (only the nodes the output depends on are listed in the steps).</summary>
    public required ExpressionGraph Graph { get; init; }

    /// <summary>The options used.</summary>
    public required ExplainOptions Options { get; init; }

    /// <summary>The output's label ("z").</summary>
    public string Output => Graph.Output.Label;

    /// <summary>The output's value.</summary>
    public double OutputValue => Graph.Output.Value;

    /// <summary>The inputs and their values, in order of first use.</summary>
    public required IReadOnlyList<KeyValuePair<string, double>> Inputs { get; init; }

    /// <summary>Forward pass, one step per operation, in evaluation order.</summary>
    public required IReadOnlyList<ForwardStep> Forward { get; init; }

    /// <summary>Every local derivative (one per edge from an operation to a non-constant operand).</summary>
    public required IReadOnlyList<LocalDerivative> LocalDerivatives { get; init; }

    /// <summary>Backward pass from the output to the inputs, one step per node.</summary>
    public required IReadOnlyList<BackwardStep> Backward { get; init; }

    /// <summary>Chain rule per chosen variable.</summary>
    public required IReadOnlyList<ChainRule> ChainRules { get; init; }

    /// <summary>The gradient table (chosen variables).</summary>
    public required IReadOnlyList<GradientRow> Gradients { get; init; }

    /// <summary>Gradient steps (empty without a learning rate).</summary>
    public required IReadOnlyList<UpdateStep> Updates { get; init; }

    /// <summary>Where a value first left the real numbers (log(-1), 1 / 0 ...), one sentence each; empty when every value is finite.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>The update rule in words, e.g. "w = w - lr * dz/dw (descent: makes z smaller)"; null without updates.</summary>
    public string? UpdateRule => Options.LearningRate is null ? null
        : Options.Ascent ? $"w = w + lr * d{Output}/dw (gradient ascent: moves {Output} up)"
        : $"w = w - lr * d{Output}/dw (gradient descent: moves {Output} down)";

    /// <summary>A number at the explanation's precision.</summary>
    public string Format(double value) => NumberFormat.Format(value, Options.Precision);
}
