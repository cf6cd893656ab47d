namespace Nabla.Whiteboard.Expressions;

/// <summary>
/// An expression evaluated by the Nabla engine: every node is a real scalar tensor, connected as the
/// engine recorded it. Built by <see cref="GraphBuilder.Build"/>; call <see cref="Backward"/> once to fill
/// every node's <see cref="GraphNode.Gradient"/> (intermediates keep theirs through RetainGrad).
/// </summary>
public sealed class ExpressionGraph
{
    internal ExpressionGraph(ExpressionProgram program, Statement target, IReadOnlyList<GraphNode> nodes, GraphNode output)
    {
        Program = program;
        Target = target;
        Nodes = nodes;
        Output = output;
    }

    /// <summary>The parsed program.</summary>
    public ExpressionProgram Program { get; }

    /// <summary>The step whose value is the output.</summary>
    public Statement Target { get; }

    /// <summary>All nodes in evaluation order: every node comes after its operands. Inputs first appear when first used.</summary>
    public IReadOnlyList<GraphNode> Nodes { get; }

    /// <summary>The output node (the target step).</summary>
    public GraphNode Output { get; }

    /// <summary>The input variables the output depends on, in order of first use.</summary>
    public IEnumerable<GraphNode> Inputs => Nodes.Where(n => n.Role == GraphNodeRole.Input);

    /// <summary>The node labelled <paramref name="label"/>.</summary>
    public GraphNode this[string label] =>
        Nodes.FirstOrDefault(n => n.Label == label) ?? throw new KeyNotFoundException($"no node is labelled '{label}'; the labels are {string.Join(", ", Nodes.Select(n => n.Label))}");

    /// <summary>The operations that read <paramref name="node"/> (once per use: x * x lists the product twice).</summary>
    public IEnumerable<GraphNode> ConsumersOf(GraphNode node) =>
        Nodes.SelectMany(n => n.Operands.Where(o => ReferenceEquals(o, node)).Select(_ => n));

    /// <summary>Runs the engine's reverse pass from the output (d output / d output = 1). Call once.</summary>
    public void Backward()
    {
        if (Output.Gradient is not null) throw new InvalidOperationException("Backward() was already run on this graph");
        Output.Tensor.Backward();
    }
}
