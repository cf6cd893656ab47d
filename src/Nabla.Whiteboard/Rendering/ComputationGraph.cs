using Nabla.Whiteboard.Explanations;
using Nabla.Whiteboard.Expressions;

namespace Nabla.Whiteboard.Rendering;

/// <summary>One node of a drawn computation graph: a name, what computes it, its value and gradient, and its place in a left-to-right layout.</summary>
/// <param name="Id">A stable identifier usable in DOT, Mermaid and SVG ids: n0, n1, ...</param>
/// <param name="Label">The node's name ("g", "w1", "-2").</param>
/// <param name="Role">Input, constant or operation.</param>
/// <param name="Formula">The computation in operand names ("-2 * w1"); the name itself for inputs.</param>
/// <param name="Value">The engine's forward value.</param>
/// <param name="Gradient">d output / d node from the engine; null for constants (they take no gradient).</param>
/// <param name="Layer">Column in the layout: 0 for inputs, then one more than the deepest operand.</param>
/// <param name="Row">Position inside the column, from the top.</param>
/// <param name="IsOutput">Whether this is the explained output.</param>
public sealed record GraphNodeView(string Id, string Label, GraphNodeRole Role, string Formula, double Value, double? Gradient, int Layer, int Row, bool IsOutput);

/// <summary>One edge: the operand <paramref name="From"/> feeds the operation <paramref name="To"/>; <paramref name="Local"/> is d To / d From (null from a constant).</summary>
public sealed record GraphEdgeView(string From, string To, int Argument, LocalDerivative? Local);

/// <summary>
/// The part of an explanation's graph that the output depends on, laid out in layers from left (inputs) to
/// right (output): a node's layer is one more than its deepest operand, a constant sits just left of its
/// first consumer, and rows inside a layer are ordered by the mean row of their operands (a barycentre
/// sweep), which keeps edges short and mostly uncrossed for the small graphs the whiteboard draws.
/// </summary>
public sealed class ComputationGraph
{
    ComputationGraph(IReadOnlyList<GraphNodeView> nodes, IReadOnlyList<GraphEdgeView> edges, string output, IReadOnlyList<GraphNode> sources)
    {
        Sources = sources;
        Nodes = nodes;
        Edges = edges;
        Output = output;
    }

    /// <summary>Nodes in evaluation order.</summary>
    public IReadOnlyList<GraphNodeView> Nodes { get; }

    /// <summary>The expression graph's node behind each of <see cref="Nodes"/>, at the same index.</summary>
    internal IReadOnlyList<GraphNode> Sources { get; }

    /// <summary>Edges from operand to operation, one per use (x * x has two).</summary>
    public IReadOnlyList<GraphEdgeView> Edges { get; }

    /// <summary>The output's label.</summary>
    public string Output { get; }

    /// <summary>Number of layers (columns).</summary>
    public int LayerCount => Nodes.Count == 0 ? 0 : Nodes.Max(n => n.Layer) + 1;

    /// <summary>The node with id <paramref name="id"/>.</summary>
    public GraphNodeView this[string id] => Nodes.First(n => n.Id == id);

    /// <summary>The graph of <paramref name="explanation"/>, laid out.</summary>
    public static ComputationGraph Of(Explanation explanation)
    {
        ArgumentNullException.ThrowIfNull(explanation);
        var graph = explanation.Graph;
        var relevant = Relevant(graph);
        var index = new Dictionary<GraphNode, int>(ReferenceEqualityComparer.Instance);
        for (int i = 0; i < relevant.Count; i++) index[relevant[i]] = i;

        // Longest path from the inputs; constants are placed afterwards, next to their first consumer.
        var layer = new int[relevant.Count];
        for (int i = 0; i < relevant.Count; i++)
        {
            var n = relevant[i];
            layer[i] = n.Role == GraphNodeRole.Operation
                ? 1 + n.Operands.Where(o => o.Role != GraphNodeRole.Constant).Select(o => layer[index[o]]).DefaultIfEmpty(0).Max()
                : 0;
        }
        for (int i = 0; i < relevant.Count; i++)
        {
            if (relevant[i].Role != GraphNodeRole.Constant) continue;
            var consumers = relevant.Where(c => c.Operands.Any(o => ReferenceEquals(o, relevant[i]))).Select(c => layer[index[c]]).ToArray();
            layer[i] = consumers.Length == 0 ? 0 : Math.Max(0, consumers.Min() - 1);
        }

        var rows = OrderRows(relevant, index, layer);
        var locals = explanation.LocalDerivatives.ToDictionary(d => (d.Of, d.OperandIndex));
        var nodes = relevant.Select((n, i) => new GraphNodeView("n" + i, n.Label, n.Role, n.Formula, n.Value,
            n.Role == GraphNodeRole.Constant ? null : n.Gradient ?? 0, layer[i], rows[i], ReferenceEquals(n, graph.Output))).ToArray();
        var edges = new List<GraphEdgeView>();
        foreach (var n in relevant)
        {
            for (int k = 0; k < n.Operands.Count; k++)
                edges.Add(new GraphEdgeView("n" + index[n.Operands[k]], "n" + index[n], k, locals.GetValueOrDefault((n.Label, k))));
        }
        return new ComputationGraph(nodes, edges, graph.Output.Label, relevant);
    }

    // Rows: inputs and constants in order of first use; each later layer sorted by the mean row of its operands,
    // then one sweep back from the right so inputs line up with their consumers.
    static int[] OrderRows(List<GraphNode> nodes, Dictionary<GraphNode, int> index, int[] layer)
    {
        int layers = layer.DefaultIfEmpty(0).Max() + 1;
        var columns = Enumerable.Range(0, layers).Select(l => Enumerable.Range(0, nodes.Count).Where(i => layer[i] == l).ToList()).ToArray();
        var row = new double[nodes.Count];
        foreach (var column in columns)
            for (int r = 0; r < column.Count; r++) row[column[r]] = r;

        for (int l = 1; l < layers; l++)
        {
            foreach (int i in columns[l])
            {
                var ops = nodes[i].Operands.Select(o => index[o]).Where(o => layer[o] < l).ToArray();
                if (ops.Length > 0) row[i] = ops.Average(o => row[o]);
            }
            Renumber(columns[l], row);
        }
        for (int l = layers - 2; l >= 0; l--)
        {
            foreach (int i in columns[l])
            {
                var consumers = Enumerable.Range(0, nodes.Count)
                    .Where(c => layer[c] > l && nodes[c].Operands.Any(o => ReferenceEquals(o, nodes[i]))).ToArray();
                if (consumers.Length > 0) row[i] = consumers.Average(c => row[c]);
            }
            Renumber(columns[l], row);
        }
        return row.Select(r => (int)r).ToArray();
    }

    // Sorts a column by its (fractional) rows, ties kept in evaluation order, and writes back 0, 1, 2 ...
    static void Renumber(List<int> column, double[] row)
    {
        var ordered = column.OrderBy(i => row[i]).ThenBy(i => i).ToList();
        for (int r = 0; r < ordered.Count; r++) row[ordered[r]] = r;
        column.Clear();
        column.AddRange(ordered);
    }

    // The nodes the output depends on, in evaluation order.
    static List<GraphNode> Relevant(ExpressionGraph graph)
    {
        var keep = new HashSet<GraphNode>(ReferenceEqualityComparer.Instance) { graph.Output };
        for (int i = graph.Nodes.Count - 1; i >= 0; i--)
        {
            if (!keep.Contains(graph.Nodes[i])) continue;
            foreach (var o in graph.Nodes[i].Operands) keep.Add(o);
        }
        return graph.Nodes.Where(keep.Contains).ToList();
    }
}
