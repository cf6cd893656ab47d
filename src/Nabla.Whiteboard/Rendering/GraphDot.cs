using System.Text;
using Nabla.Whiteboard.Explanations;
using Nabla.Whiteboard.Expressions;

namespace Nabla.Whiteboard.Rendering;

/// <summary>
/// The computation graph as Graphviz DOT text, left to right: each node shows its formula, value and
/// gradient, each edge the local derivative. <c>dot -Tsvg graph.dot</c> draws it; the whiteboard's own
/// <see cref="GraphSvg"/> needs no Graphviz.
/// </summary>
public static class GraphDot
{
    /// <summary>The DOT text for <paramref name="explanation"/>'s graph.</summary>
    public static string Render(Explanation explanation)
    {
        var g = ComputationGraph.Of(explanation);
        string F(double v) => explanation.Format(v);
        var sb = new StringBuilder();
        sb.Append("digraph ").Append(Quote(g.Output)).Append(" {\n");
        sb.Append("  rankdir=LR;\n");
        sb.Append("  node [shape=box, style=\"rounded\", fontname=\"Helvetica\"];\n");
        sb.Append("  edge [fontname=\"Helvetica\", fontsize=10];\n");
        foreach (var n in g.Nodes)
        {
            var lines = NodeLines(n, g.Output, F);
            string attrs = n.Role switch
            {
                GraphNodeRole.Constant => ", shape=plaintext",
                GraphNodeRole.Input => ", style=\"rounded,filled\", fillcolor=\"#eef4ff\"",
                _ when n.IsOutput => ", style=\"rounded,filled,bold\", fillcolor=\"#fff4e0\"",
                _ => "",
            };
            sb.Append($"  {n.Id} [label={Quote(string.Join("\n", lines))}{attrs}];\n");
        }
        foreach (var e in g.Edges)
        {
            string label = e.Local is { } d ? $" [label={Quote($"{d.Symbol} = {F(d.Value)}")}]" : "";
            sb.Append($"  {e.From} -> {e.To}{label};\n");
        }
        sb.Append("}\n");
        return sb.ToString();
    }

    /// <summary>The lines shown in a node: "g = -2 * w1", "value -6", "dz/dg = 5" (constants show only their value).</summary>
    internal static List<string> NodeLines(GraphNodeView n, string output, Func<double, string> f)
    {
        if (n.Role == GraphNodeRole.Constant)
            return n.Label == n.Formula && f(n.Value) == n.Label ? [n.Label] : [$"{n.Label} = {f(n.Value)}"];
        var lines = new List<string> { n.Role == GraphNodeRole.Operation ? $"{n.Label} = {n.Formula}" : n.Label, $"value {f(n.Value)}" };
        if (n.Gradient is double grad) lines.Add($"d{output}/d{n.Label} = {f(grad)}");
        return lines;
    }

    // DOT string: double quotes and backslashes escaped; newlines as \n (centred lines).
    static string Quote(string text) =>
        "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal) + "\"";
}
