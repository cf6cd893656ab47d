using System.Xml.Linq;
using Nabla.Whiteboard.Charts;
using Nabla.Whiteboard.Explanations;
using Nabla.Whiteboard.Expressions;

namespace Nabla.Whiteboard.Rendering;

/// <summary>
/// The computation graph as a self-contained SVG, laid out left to right by <see cref="ComputationGraph"/>
/// (no Graphviz): each node a box with its formula, value and gradient, each edge a curve labelled with the
/// local derivative. Inputs are blue, the output orange, constants plain text.
/// </summary>
public static class GraphSvg
{
    const double Margin = 24, LineHeight = 16, PadX = 10, PadY = 8, ColumnGap = 90, RowGap = 28, FontSize = 12;

    /// <summary>The SVG document (no XML declaration) for <paramref name="explanation"/>'s graph.</summary>
    public static string Render(Explanation explanation)
    {
        var g = ComputationGraph.Of(explanation);
        string F(double v) => explanation.Format(v);
        var lines = g.Nodes.ToDictionary(n => n.Id, n => GraphDot.NodeLines(n, g.Output, F));
        var size = lines.ToDictionary(p => p.Key, p => (W: p.Value.Max(l => Svg.TextWidth(l, FontSize)) + 2 * PadX, H: p.Value.Count * LineHeight + 2 * PadY));

        // Column widths and x positions; rows stacked with their own heights and centred vertically.
        int layers = g.LayerCount;
        var colWidth = Enumerable.Range(0, layers).Select(l => g.Nodes.Where(n => n.Layer == l).Select(n => size[n.Id].W).DefaultIfEmpty(0).Max()).ToArray();
        var colX = new double[layers];
        for (int l = 1; l < layers; l++) colX[l] = colX[l - 1] + colWidth[l - 1] + ColumnGap;
        var colHeight = Enumerable.Range(0, layers).Select(l => g.Nodes.Where(n => n.Layer == l).Sum(n => size[n.Id].H + RowGap) - RowGap).ToArray();
        double height = colHeight.DefaultIfEmpty(0).Max();
        var box = new Dictionary<string, (double X, double Y, double W, double H)>();
        for (int l = 0; l < layers; l++)
        {
            double y = Margin + 20 + (height - colHeight[l]) / 2;
            foreach (var n in g.Nodes.Where(n => n.Layer == l).OrderBy(n => n.Row))
            {
                var (w, h) = size[n.Id];
                box[n.Id] = (Margin + colX[l] + (colWidth[l] - w) / 2, y, w, h);
                y += h + RowGap;
            }
        }
        double totalW = 2 * Margin + (layers == 0 ? 0 : colX[^1] + colWidth[^1]);
        double totalH = 2 * Margin + 20 + height;

        var svg = Svg.Root(totalW, totalH, $"Computation graph of {g.Output}: values and gradients", "nabla-graph");
        svg.Add(Arrowhead());
        svg.Add(Svg.Text(Margin, Margin + 4, $"{g.Output} = {F(explanation.OutputValue)}; each box: value and d{g.Output}/d(node); each edge: local derivative",
            "caption", size: 11, fill: "#555555"));

        // Ports: several edges leaving or entering one box are spread along its side, in argument order,
        // so that curves and their labels do not pile up on one point.
        var outgoing = g.Edges.GroupBy(e => e.From).ToDictionary(grp => grp.Key, grp => grp.OrderBy(e => box[e.To].Y).ToList());
        var incoming = g.Edges.GroupBy(e => e.To).ToDictionary(grp => grp.Key, grp => grp.ToList());
        static double Port(double top, double height, int index, int count) => top + height * (index + 1) / (count + 1);
        foreach (var e in g.Edges)
        {
            var a = box[e.From];
            var b = box[e.To];
            var outs = outgoing[e.From];
            var ins = incoming[e.To];
            double x1 = a.X + a.W, y1 = Port(a.Y, a.H, outs.IndexOf(e), outs.Count);
            double x2 = b.X - 2, y2 = Port(b.Y, b.H, ins.IndexOf(e), ins.Count), mx = (x1 + x2) / 2;
            svg.Add(Svg.El("path", ("class", "edge"), ("d", $"M {Svg.Num(x1)} {Svg.Num(y1)} C {Svg.Num(mx)} {Svg.Num(y1)}, {Svg.Num(mx)} {Svg.Num(y2)}, {Svg.Num(x2)} {Svg.Num(y2)}"),
                ("fill", "none"), ("stroke", "#777777"), ("stroke-width", 1.2), ("marker-end", "url(#arrow)")));
            if (e.Local is { } d)
            {
                // The label sits on the curve near its arrowhead (t = 0.8 of the cubic), where edges into one box are apart.
                const double t = 0.8;
                double u = 1 - t;
                double lx = u * u * u * x1 + 3 * u * u * t * mx + 3 * u * t * t * mx + t * t * t * x2;
                double ly = u * u * u * y1 + 3 * u * u * t * y1 + 3 * u * t * t * y2 + t * t * t * y2;
                string label = F(d.Value);
                double lw = Svg.TextWidth(label, 10) + 6;
                svg.Add(Svg.El("rect", ("x", lx - lw / 2), ("y", ly - 8), ("width", lw), ("height", 13), ("fill", "#ffffff"), ("opacity", 0.85)));
                var text = Svg.Text(lx, ly + 2, label, "local", "middle", 10, "#8a3b12");
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

    static XElement Arrowhead()
    {
        var defs = Svg.El("defs");
        var marker = Svg.El("marker", ("id", "arrow"), ("viewBox", "0 0 10 10"), ("refX", 9), ("refY", 5), ("markerWidth", 7), ("markerHeight", 7), ("orient", "auto"));
        marker.Add(Svg.El("path", ("d", "M 0 0 L 10 5 L 0 10 z"), ("fill", "#777777")));
        defs.Add(marker);
        return defs;
    }
}
