using System.Xml.Linq;
using Nabla.Whiteboard.Charts;
using Nabla.Whiteboard.Explanations;
using Nabla.Whiteboard.Expressions;

namespace Nabla.Whiteboard.Rendering;

/// <summary>
/// The computation graph as a self-contained SVG, in layers from <see cref="ComputationGraph"/> placed by
/// <see cref="LayeredLayout"/> (no Graphviz; edges never cross a box): each node a box with its formula, value
/// and gradient, each edge a curve labelled with the local derivative. Inputs are blue, the output orange, constants plain text.
/// </summary>
public static class GraphSvg
{
    const double Margin = 24, LineHeight = 16, PadX = 10, PadY = 8, FontSize = 12;

    /// <summary>The SVG document (no XML declaration) for <paramref name="explanation"/>'s graph.</summary>
    public static string Render(Explanation explanation)
    {
        var g = ComputationGraph.Of(explanation);
        string F(double v) => explanation.Format(v);
        var lines = g.Nodes.ToDictionary(n => n.Id, n => GraphDot.NodeLines(n, g.Output, F));
        var size = lines.ToDictionary(p => p.Key, p => (W: p.Value.Max(l => Svg.TextWidth(l, FontSize)) + 2 * PadX, H: p.Value.Count * LineHeight + 2 * PadY));

        // A layered layout: long edges run through reserved slots, labels sit on the straight run into their box.
        string EdgeLabel(GraphEdgeView e) => e.Local is { } d ? F(d.Value) : "";
        var layout = LayeredLayout.Compute(
            g.Nodes.Select(n => new LayoutBox(n.Id, n.Layer, size[n.Id].W, size[n.Id].H, n.Row)).ToArray(),
            g.Edges.Select(e => new LayoutLink(e.From, e.To, e.Local is null ? 0 : LabelWidth(EdgeLabel(e)))).ToArray(),
            Margin, Margin + 20);
        var box = layout.Boxes.ToDictionary(p => p.Key, p => (p.Value.X, p.Value.Y, W: p.Value.Width, H: p.Value.Height));
        double totalW = layout.Width + Margin;
        double totalH = layout.Height + Margin;

        var svg = Svg.Root(totalW, totalH, $"Computation graph of {g.Output}: values and gradients", "nabla-graph");
        svg.Add(Arrowhead());
        svg.Add(Svg.Text(Margin, Margin + 4, $"{g.Output} = {F(explanation.OutputValue)}; each box: value and d{g.Output}/d(node); each edge: local derivative",
            "caption", size: 11, fill: "#555555"));

        for (int k = 0; k < g.Edges.Count; k++)
        {
            var e = g.Edges[k];
            var route = layout.Links[k];
            svg.Add(Svg.El("path", ("class", "edge"), ("data-from", e.From), ("data-to", e.To), ("d", route.Path),
                ("fill", "none"), ("stroke", "#777777"), ("stroke-width", 1.2), ("marker-end", "url(#arrow)")));
            if (e.Local is { } d && route.Label is { } at)
            {
                string label = EdgeLabel(e);
                svg.Add(Svg.El("rect", ("class", "edge-label"), ("x", at.X), ("y", at.Y), ("width", at.Width), ("height", at.Height), ("fill", "#ffffff"), ("opacity", 0.85)));
                var text = Svg.Text(at.X + at.Width / 2, at.Y + 10, label, "local", "middle", 10, "#8a3b12");
                var tip = Svg.El("title");
                tip.Value = $"{d.Symbol} = {d.Formula} = {label}";
                text.Add(tip);
                svg.Add(text);
            }
        }

        foreach (var n in g.Nodes)
        {
            var (x, y, w, h) = box[n.Id];
            var group = Svg.El("g", ("class", "node " + n.Role.ToString().ToLowerInvariant() + (n.IsOutput ? " output" : "")), ("id", n.Id));
            var (fill, stroke) = n.Role switch
            {
                GraphNodeRole.Input => ("#eef4ff", "#4a6fa5"),
                GraphNodeRole.Constant => ("#ffffff", "#bbbbbb"),
                _ when n.IsOutput => ("#fff4e0", "#c77700"),
                _ => ("#ffffff", "#444444"),
            };
            group.Add(Svg.El("rect", ("x", x), ("y", y), ("width", w), ("height", h), ("rx", 6), ("fill", fill), ("stroke", stroke),
                ("stroke-width", n.IsOutput ? 2 : 1), ("stroke-dasharray", n.Role == GraphNodeRole.Constant ? "3 3" : null)));
            var text = lines[n.Id];
            for (int i = 0; i < text.Count; i++)
            {
                bool head = i == 0;
                string color = !head && n.Role != GraphNodeRole.Constant && i == text.Count - 1 && n.Gradient is not null ? "#b3261e" : Svg.Ink;
                group.Add(Svg.Text(x + w / 2, y + PadY + (i + 1) * LineHeight - 4, text[i], head ? "name" : "number", "middle", FontSize, color, head ? "bold" : null));
            }
            svg.Add(group);
        }
        return Svg.ToText(svg);
    }

    /// <summary>The box an edge label of <paramref name="text"/> needs at 10 px (a margin over the 0.6 em estimate for wide glyphs).</summary>
    internal static double LabelWidth(string text) => Svg.TextWidth(text, 10) * 1.1 + 6;

    internal static XElement Arrowhead()
    {
        var defs = Svg.El("defs");
        var marker = Svg.El("marker", ("id", "arrow"), ("viewBox", "0 0 10 10"), ("refX", 9), ("refY", 5), ("markerWidth", 7), ("markerHeight", 7), ("orient", "auto"));
        marker.Add(Svg.El("path", ("d", "M 0 0 L 10 5 L 0 10 z"), ("fill", "#777777")));
        defs.Add(marker);
        return defs;
    }
}
