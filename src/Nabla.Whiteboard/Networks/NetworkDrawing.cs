using System.Text;
using Nabla.Whiteboard.Charts;
using Nabla.Whiteboard.Rendering;

namespace Nabla.Whiteboard.Networks;

/// <summary>One drawn box: an input, a neuron or the loss, with the lines it shows.</summary>
/// <param name="Id">x1, a11 ... or L: also the SVG id and the DOT/Mermaid node name.</param>
/// <param name="Layer">0 for inputs, l for layer l, one more than the output layer for the loss.</param>
/// <param name="Lines">Name, values, gradient.</param>
/// <param name="Kind">input, neuron, output or loss.</param>
/// <param name="OnPath">Whether it lies on the highlighted weight's chain-rule paths.</param>
public sealed record NetDrawNode(string Id, int Layer, IReadOnlyList<string> Lines, string Kind, bool OnPath);

/// <summary>One drawn edge with its label ("w7 = -0.86" or "dL/da31 = -0.5897").</summary>
public sealed record NetDrawEdge(string From, string To, string Label, bool OnPath);

/// <summary>
/// The network of a <see cref="NetworkExplanation"/> as a picture, the way the lecture draws a 3-2-2-1 net:
/// every weight on its edge, every neuron with z, a = f(z) and dL/da from the engine, the loss at the end, and
/// the chain-rule paths of one chosen weight highlighted with their product as a caption
/// (dL/dw11 = dL/da31 * da31/dw11). Written as SVG (laid out by <see cref="LayeredLayout"/>), DOT or Mermaid.
/// </summary>
public sealed class NetworkDrawing
{
    const double Margin = 24, LineHeight = 16, PadX = 10, PadY = 8, FontSize = 12;

    NetworkDrawing(IReadOnlyList<NetDrawNode> nodes, IReadOnlyList<NetDrawEdge> edges, NetGradient highlighted, string caption)
    {
        Nodes = nodes;
        Edges = edges;
        Highlighted = highlighted;
        Caption = caption;
    }

    /// <summary>Inputs, neurons layer by layer, then the loss.</summary>
    public IReadOnlyList<NetDrawNode> Nodes { get; }

    /// <summary>One edge per weight, then one per output into the loss.</summary>
    public IReadOnlyList<NetDrawEdge> Edges { get; }

    /// <summary>The weight whose chain-rule paths are highlighted.</summary>
    public NetGradient Highlighted { get; }

    /// <summary>The highlighted weight's chain rule with numbers.</summary>
    public string Caption { get; }

    /// <summary>
    /// The drawing of <paramref name="e"/> with the paths of weight <paramref name="highlight"/> (w1, w11 ...)
    /// highlighted; null picks the first weight of the last layer (the lecture's dL/dw11^2 example).
    /// </summary>
    /// <exception cref="ArgumentException">No weight called <paramref name="highlight"/>; the message lists the names.</exception>
    public static NetworkDrawing Of(NetworkExplanation e, string? highlight = null)
    {
        ArgumentNullException.ThrowIfNull(e);
        int depth = e.Spec.Layers.Count - 1;
        var gradient = highlight is null
            ? e.Gradients.First(g => g.Weight.Layer == depth && !g.Weight.IsBias)
            : e.Gradients.FirstOrDefault(g => g.Weight.Name == highlight)
              ?? throw new ArgumentException($"the network has no weight '{highlight}'; its weights are {e.Gradients.First().Weight.Name} to {e.Gradients.Last().Weight.Name}");
        string F(double v) => e.Format(v);

        // On the path: the weight's own neuron and every neuron after it (every later neuron connects to it), and the loss.
        var w = gradient.Weight;
        bool NeuronOnPath(NeuronStep n) => n.Layer > w.Layer || (n.Layer == w.Layer && n.Index == w.Neuron);

        var nodes = new List<NetDrawNode>();
        for (int i = 0; i < e.InputNames.Count; i++)
            nodes.Add(new NetDrawNode(e.InputNames[i], 0, [e.InputNames[i], $"value {F(e.Spec.X[i])}"], "input",
                w.Layer == 1 && w.Input == i + 1));
        foreach (var n in e.Neurons)
        {
            var lines = new List<string> { $"{n.Name} = {e.ActivationName}(z)", $"z = {F(n.PreActivation)}, a = {F(n.Value)}", $"dL/d{n.Name} = {F(n.Gradient)}" };
            if (n.Weights.FirstOrDefault(x => x.IsBias) is { } b) lines.Insert(1, $"{b.Name} = {F(b.Value)}");
            nodes.Add(new NetDrawNode(n.Name, n.Layer, lines, n.Layer == depth ? "output" : "neuron", NeuronOnPath(n)));
        }
        nodes.Add(new NetDrawNode("L", depth + 1, [$"L = {e.LossFormula}", $"value {F(e.Loss)}", string.Join(", ", e.TargetNames.Select((y, k) => $"{y} = {F(e.Spec.Y[k])}"))], "loss", true));

        var edges = new List<NetDrawEdge>();
        foreach (var n in e.Neurons)
            foreach (var (x, i) in n.Weights.Where(x => !x.IsBias).Select((x, i) => (x, i)))
                edges.Add(new NetDrawEdge(n.Inputs[i], n.Name, $"{x.Name} = {F(x.Value)}",
                    x == w || (NeuronOnPath(n) && n.Layer > w.Layer && e.Neurons.First(p => p.Name == n.Inputs[i]) is var from && NeuronOnPath(from))));
        foreach (var (d, k) in e.OutputDerivatives.Select((d, k) => (d, k)))
            edges.Add(new NetDrawEdge(e.Neurons.Where(n => n.Layer == depth).ElementAt(k).Name, "L", $"{d.Symbol} = {F(d.Value)}", true));

        return new NetworkDrawing(nodes, edges, gradient, ChainCaption(gradient, F));
    }

    static string ChainCaption(NetGradient g, Func<double, string> f)
    {
        static string Paren(string s) => s.StartsWith('-') ? "(" + s + ")" : s;
        if (g.Paths.Count == 1)
        {
            var p = g.Paths[0];
            return $"{g.Symbol} = {string.Join(" * ", p.Factors.Select(x => x.Symbol))} = {string.Join(" * ", p.Factors.Select(x => Paren(f(x.Value))))} = {f(g.EngineGradient)}";
        }
        return $"{g.Symbol} = sum over the {g.Paths.Count} highlighted paths = {string.Join(" + ", g.Paths.Select(p => Paren(f(p.Product))))} = {f(g.EngineGradient)}";
    }

    /// <summary>The drawing as a self-contained SVG document (no XML declaration), followed by a new line.</summary>
    public string ToSvg()
    {
        var size = Nodes.ToDictionary(n => n.Id, n => (W: n.Lines.Max(l => Svg.TextWidth(l, FontSize)) + 2 * PadX, H: n.Lines.Count * LineHeight + 2 * PadY));
        var order = Nodes.GroupBy(n => n.Layer).SelectMany(g => g.Select((n, i) => (n.Id, i))).ToDictionary(p => p.Id, p => (double)p.i);
        var layout = LayeredLayout.Compute(
            Nodes.Select(n => new LayoutBox(n.Id, n.Layer, size[n.Id].W, size[n.Id].H, order[n.Id])).ToArray(),
            Edges.Select(x => new LayoutLink(x.From, x.To, GraphSvg.LabelWidth(x.Label))).ToArray(),
            Margin, Margin + 40);
        var svg = Svg.Root(Math.Max(layout.Width, Svg.TextWidth(Caption, 11) + Margin) + Margin, layout.Height + Margin,
            $"Network {string.Join("-", Nodes.GroupBy(n => n.Layer).SkipLast(1).Select(g => g.Count()))}: weights, values and gradients", "nabla-network");
        svg.Add(GraphSvg.Arrowhead());
        svg.Add(Svg.Text(Margin, Margin + 4, "each edge: its weight; each neuron: z, a = f(z) and dL/da; highlighted: the chain-rule paths of " + Highlighted.Weight.Name,
            "caption", size: 11, fill: "#555555"));
        svg.Add(Svg.Text(Margin, Margin + 22, Caption, "chain", size: 11, fill: "#c77700", weight: "bold"));

        for (int k = 0; k < Edges.Count; k++)
        {
            var edge = Edges[k];
            var route = layout.Links[k];
            svg.Add(Svg.El("path", ("class", edge.OnPath ? "edge on-path" : "edge"), ("data-from", edge.From), ("data-to", edge.To), ("d", route.Path),
                ("fill", "none"), ("stroke", edge.OnPath ? "#c77700" : "#999999"), ("stroke-width", edge.OnPath ? 2.4 : 1.1), ("marker-end", "url(#arrow)")));
            var at = route.Label!.Value;
            svg.Add(Svg.El("rect", ("class", "edge-label"), ("x", at.X), ("y", at.Y), ("width", at.Width), ("height", at.Height), ("fill", "#ffffff"), ("opacity", 0.9)));
            string kind = edge.To == "L" ? "gradient" : "weight";
            svg.Add(Svg.Text(at.X + at.Width / 2, at.Y + 10, edge.Label, edge.OnPath ? kind + " on-path" : kind, "middle", 10, edge.OnPath ? "#8a3b12" : "#444444", edge.OnPath ? "bold" : null));
        }

        foreach (var n in Nodes)
        {
            var r = layout.Boxes[n.Id];
            var group = Svg.El("g", ("class", $"node {n.Kind}{(n.OnPath ? " on-path" : "")}"), ("id", n.Id));
            var (fill, stroke) = n.Kind switch
            {
                "input" => ("#eef4ff", "#4a6fa5"),
                "loss" => ("#fff4e0", "#c77700"),
                _ => ("#ffffff", "#444444"),
            };
            group.Add(Svg.El("rect", ("x", r.X), ("y", r.Y), ("width", r.Width), ("height", r.Height), ("rx", 6), ("fill", fill),
                ("stroke", n.OnPath ? "#c77700" : stroke), ("stroke-width", n.OnPath ? 2.4 : 1)));
            for (int i = 0; i < n.Lines.Count; i++)
            {
                string color = n.Lines[i].StartsWith("dL/d", StringComparison.Ordinal) ? "#b3261e" : Svg.Ink;
                group.Add(Svg.Text(r.X + r.Width / 2, r.Y + PadY + (i + 1) * LineHeight - 4, n.Lines[i], i == 0 ? "name" : "number", "middle", FontSize, color, i == 0 ? "bold" : null));
            }
            svg.Add(group);
        }
        return Svg.ToText(svg) + "\n";
    }

    /// <summary>The drawing as Graphviz DOT (left to right; the highlighted paths thick and orange).</summary>
    public string ToDot()
    {
        static string Q(string t) => "\"" + t.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal) + "\"";
        var sb = new StringBuilder("digraph network {\n  rankdir=LR;\n  labelloc=t;\n");
        sb.Append("  label=").Append(Q(Caption)).Append(";\n");
        sb.Append("  node [shape=box, style=\"rounded\", fontname=\"Helvetica\"];\n  edge [fontname=\"Helvetica\", fontsize=10];\n");
        foreach (var n in Nodes)
        {
            string fill = n.Kind switch { "input" => ", style=\"rounded,filled\", fillcolor=\"#eef4ff\"", "loss" => ", style=\"rounded,filled\", fillcolor=\"#fff4e0\"", _ => "" };
            sb.Append($"  {Q(n.Id)} [label={Q(string.Join("\n", n.Lines))}{fill}{(n.OnPath ? ", color=\"#c77700\", penwidth=2.4" : "")}];\n");
        }
        foreach (var x in Edges)
            sb.Append($"  {Q(x.From)} -> {Q(x.To)} [label={Q(x.Label)}{(x.OnPath ? ", color=\"#c77700\", penwidth=2.4, fontcolor=\"#8a3b12\"" : "")}];\n");
        return sb.Append("}\n").ToString();
    }

    /// <summary>The drawing as a Mermaid flowchart (left to right; the highlighted paths styled with linkStyle).</summary>
    public string ToMermaid()
    {
        static string E(string t) => t.Replace("\"", "#quot;", StringComparison.Ordinal).Replace("<", "#lt;", StringComparison.Ordinal).Replace(">", "#gt;", StringComparison.Ordinal);
        var sb = new StringBuilder("flowchart LR\n");
        sb.Append("  %% ").Append(Caption).Append('\n');
        foreach (var n in Nodes)
        {
            string text = string.Join("<br/>", n.Lines.Select(E));
            sb.Append($"  {n.Id}").Append(n.Kind == "input" ? $"([\"{text}\"])" : $"(\"{text}\")").Append('\n');
        }
        foreach (var x in Edges) sb.Append($"  {x.From} -->|\"{E(x.Label)}\"| {x.To}\n");
        var onPath = Edges.Select((x, i) => (x, i)).Where(p => p.x.OnPath).Select(p => p.i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        if (onPath.Length > 0) sb.Append("  linkStyle ").Append(string.Join(",", onPath)).Append(" stroke:#c77700,stroke-width:3px\n");
        var nodesOnPath = Nodes.Where(n => n.OnPath).Select(n => n.Id).ToArray();
        sb.Append("  classDef path stroke:#c77700,stroke-width:3px\n  class ").Append(string.Join(",", nodesOnPath)).Append(" path\n");
        return sb.ToString();
    }
}
