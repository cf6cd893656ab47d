namespace Nabla.Whiteboard.Expressions;

/// <summary>What a node of an expression graph is.</summary>
public enum GraphNodeRole
{
    /// <summary>An input variable (a leaf tensor that requires a gradient).</summary>
    Input,
    /// <summary>A number, or a part of the expression made only of numbers (folded into one value, e.g. -2).</summary>
    Constant,
    /// <summary>An operation on other nodes (+, *, sigmoid ...): a non-leaf tensor that keeps its gradient.</summary>
    Operation,
}

/// <summary>
/// One node of an evaluated expression: a scalar <see cref="Nabla.Tensor"/> built by the engine, with a
/// label (the step name, the input name, a constant's formula, or an automatic name t1, t2 ...) and the
/// formula computing it from its operands' labels (<c>-2 * w1</c>).
/// Values and gradients are read from the tensor: <see cref="Value"/> after the forward pass,
/// <see cref="Gradient"/> after <see cref="ExpressionGraph.Backward"/>.
/// </summary>
public sealed class GraphNode
{
    internal GraphNode(string label, GraphNodeRole role, ExprNode? syntax, Tensor tensor, IReadOnlyList<GraphNode> operands,
        string formula, bool isStep)
    {
        Label = label;
        Role = role;
        Syntax = syntax;
        Tensor = tensor;
        Operands = operands;
        Formula = formula;
        IsStep = isStep;
    }

    /// <summary>The node's name in explanations: "g", "w1", "t3", "-2".</summary>
    public string Label { get; }

    /// <summary>Input, constant or operation.</summary>
    public GraphNodeRole Role { get; }

    /// <summary>The syntax node this graph node was built from (the operation or constant); null for inputs.</summary>
    public ExprNode? Syntax { get; }

    /// <summary>The engine's scalar tensor (shape []) holding this node's value, and its gradient after backward.</summary>
    public Tensor Tensor { get; }

    /// <summary>The nodes this operation reads, in argument order (constants included); empty for inputs and constants.</summary>
    public IReadOnlyList<GraphNode> Operands { get; }

    /// <summary>The computation in terms of operand labels ("y * w3"); the name for inputs; the value's formula for constants.</summary>
    public string Formula { get; }

    /// <summary>Whether the label is a step name written in the source (as opposed to an automatic name).</summary>
    public bool IsStep { get; }

    /// <summary>The forward value (float32 from the engine, widened to double).</summary>
    public double Value => Tensor.Item();

    /// <summary>d output / d this node as computed by the engine's Backward; null before backward or for constants.</summary>
    public double? Gradient => Tensor.Grad is { } g ? g.Item() : null;

    /// <inheritdoc />
    public override string ToString() => Role == GraphNodeRole.Operation ? $"{Label} = {Formula}" : Label;
}
