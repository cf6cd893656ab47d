using System.Text;
using Nabla.Whiteboard.Explanations;
using Nabla.Whiteboard.Expressions;

namespace Nabla.Whiteboard.Rendering;

/// <summary>
/// The computation graph as a Mermaid flowchart (left to right), which GitHub renders inside a
/// <c>```mermaid</c> block: nodes show formula, value and gradient; edges the local derivative.
/// </summary>
public static class GraphMermaid
{
    /// <summary>The Mermaid text for <paramref name="explanation"/>'s graph.</summary>
    public static string Render(Explanation explanation)
    {
        var g = ComputationGraph.Of(explanation);
        string F(double v) => explanation.Format(v);
        var sb = new StringBuilder("flowchart LR\n");
        foreach (var n in g.Nodes)
        {
            string text = string.Join("<br/>", GraphDot.NodeLines(n, g.Output, F).Select(Escape));
            // Shapes: inputs as stadiums, constants as plain circles, operations as rounded boxes.
            sb.Append("  ").Append(n.Id).Append(n.Role switch
            {
                GraphNodeRole.Input => $"([\"{text}\"])",
                GraphNodeRole.Constant => $"((\"{text}\"))",
                _ => $"(\"{text}\")",
            }).Append('\n');
        }
        foreach (var e in g.Edges)
        {
            sb.Append("  ").Append(e.From);
            sb.Append(e.Local is { } d ? $" -->|\"{Escape($"{d.Symbol} = {F(d.Value)}")}\"| " : " --> ");
            sb.Append(e.To).Append('\n');
        }
        var inputs = g.Nodes.Where(n => n.Role == GraphNodeRole.Input).Select(n => n.Id).ToArray();
        if (inputs.Length > 0) sb.Append("  classDef input fill:#eef4ff,stroke:#4a6fa5\n  class ").Append(string.Join(",", inputs)).Append(" input\n");
        var output = g.Nodes.First(n => n.IsOutput);
        sb.Append("  classDef output fill:#fff4e0,stroke:#c77700,stroke-width:2px\n  class ").Append(output.Id).Append(" output\n");
        return sb.ToString();
    }

    // Inside a quoted Mermaid label, quotes and angle brackets are written as entity codes.
    static string Escape(string text) => text
        .Replace("\"", "#quot;", StringComparison.Ordinal)
        .Replace("<", "#lt;", StringComparison.Ordinal)
        .Replace(">", "#gt;", StringComparison.Ordinal);
}
