using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Nabla.Whiteboard.Explanations;
using Nabla.Whiteboard.Expressions;
using Nabla.Whiteboard.Networks;
using Nabla.Whiteboard.Reports;

namespace Nabla.Whiteboard.Rendering;

/// <summary>One node of the page's scalar graph, as its script reads it.</summary>
/// <param name="Id">The id of the node's &lt;g&gt; in the drawing.</param>
/// <param name="Label">Its name in formulas.</param>
/// <param name="Op">input, const, add, sub, mul, div, pow, neg, a function name (sigmoid, log ...), neuron or loss.</param>
/// <param name="Value">The value of an input or constant.</param>
/// <param name="Args">Operand ids, in argument order.</param>
/// <param name="Lines">The drawing's number lines of this node as templates: {v} value, {g} gradient, {z} pre-activation.</param>
internal sealed record PageNode(string Id, string Label, string Op, double? Value = null, IReadOnlyList<string>? Args = null, IReadOnlyList<string>? Lines = null)
{
    /// <summary>A neuron's weights, one per argument.</summary>
    public IReadOnlyList<double>? Weights { get; init; }
    /// <summary>A neuron's bias.</summary>
    public double? Bias { get; init; }
    /// <summary>A neuron's activation, by its expression name (a key of the script's activation table).</summary>
    public string? Act { get; init; }
    /// <summary>The loss node's targets, one per argument.</summary>
    public IReadOnlyList<double>? Targets { get; init; }
    /// <summary>The loss node's kind: squared, half-squared, abs, bce.</summary>
    public string? Loss { get; init; }
    /// <summary>The loss formula in names.</summary>
    public string? LossFormula { get; init; }
}

/// <summary>What the page's script computes with: the graph in evaluation order, its output and the printing precision.</summary>
internal sealed record PageModel(string Output, int Precision, IReadOnlyList<PageNode> Nodes);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(PageModel))]
internal sealed partial class PageJsonContext : JsonSerializerContext;

/// <summary>
/// One self-contained, offline HTML page (no network, no external script or style) in which a learner steps
/// forward and backward through a computation: the drawing highlights the node of the step, the panel shows its
/// value, its local derivative(s) and the running chain-rule product, and editing an input re-runs the forward
/// and backward pass in the page (float32, the engine's rules) and rewrites every number of the drawing.
/// </summary>
public static class InteractivePage
{
    /// <summary>The page for an expression's explanation (<c>nabla explain --format html</c>).</summary>
    public static string Of(Explanation e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var g = ComputationGraph.Of(e);
        string output = g.Output;
        var nodes = g.Nodes.Select((v, i) =>
        {
            var source = g.Sources[i];
            var lines = v.Role == GraphNodeRole.Constant ? [] : new[] { "value {v}", $"d{output}/d{v.Label} = {{g}}" };
            return v.Role switch
            {
                GraphNodeRole.Input => new PageNode(v.Id, v.Label, "input", v.Value, Lines: lines),
                GraphNodeRole.Constant => new PageNode(v.Id, v.Label, "const", v.Value, Lines: lines),
                _ => new PageNode(v.Id, v.Label, Op(source), Args: g.Edges.Where(x => x.To == v.Id).OrderBy(x => x.Argument).Select(x => x.From).ToArray(), Lines: lines),
            };
        }).ToArray();
        var model = new PageModel(g.Nodes.First(n => n.IsOutput).Id, e.Options.Precision, nodes);
        return Page($"{output} = {e.Source}", GraphSvg.Render(e), model,
            g.Nodes.Where(n => n.Role == GraphNodeRole.Input).Select(n => (n.Id, n.Label, n.Value)));
    }

    /// <summary>The page for a network (<c>nabla explain-net --format html</c>); the drawing highlights <paramref name="drawing"/>'s weight.</summary>
    public static string Of(NetworkExplanation e, NetworkDrawing drawing)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(drawing);
        var nodes = new List<PageNode>();
        for (int i = 0; i < e.InputNames.Count; i++) nodes.Add(new PageNode(e.InputNames[i], e.InputNames[i], "input", e.Spec.X[i], Lines: ["value {v}"]));
        foreach (var n in e.Neurons)
        {
            var bias = n.Weights.FirstOrDefault(w => w.IsBias);
            var lines = new List<string> { "z = {z}, a = {v}", $"dL/d{n.Name} = {{g}}" };
            if (bias is not null) lines.Insert(0, $"{bias.Name} = {e.Format(bias.Value)}");
            nodes.Add(new PageNode(n.Name, n.Name, "neuron", Args: n.Inputs, Lines: lines)
            {
                Weights = n.Weights.Where(w => !w.IsBias).Select(w => w.Value).ToArray(),
                Bias = bias?.Value,
                Act = e.ActivationName,
            });
        }
        var outputs = e.Neurons.Where(n => n.Layer == e.Spec.Layers.Count - 1).Select(n => n.Name).ToArray();
        nodes.Add(new PageNode("L", "L", "loss", Args: outputs,
            Lines: ["value {v}", string.Join(", ", e.TargetNames.Select((y, k) => $"{y} = {e.Format(e.Spec.Y[k])}"))])
        {
            Targets = e.Spec.Y,
            Loss = NetLossRegistry.NameOf(e.Spec.Loss),
            LossFormula = e.LossFormula,
        });
        var model = new PageModel("L", e.Spec.Precision, nodes);
        return Page($"Network {string.Join("-", e.Spec.Layers)}: {drawing.Caption}", drawing.ToSvg(), model,
            e.InputNames.Select((x, i) => (x, x, e.Spec.X[i])));
    }

    static string Op(GraphNode n) => n.Syntax switch
    {
        NegateNode => "neg",
        BinaryNode b => b.Operator switch
        {
            BinaryOperator.Add => "add",
            BinaryOperator.Subtract => "sub",
            BinaryOperator.Multiply => "mul",
            BinaryOperator.Divide => "div",
            _ => "pow",
        },
        CallNode c => c.FunctionName,
        _ => throw new InvalidOperationException($"node {n.Label} has no operation the page knows"),
    };

    static string Page(string title, string svg, PageModel model, IEnumerable<(string Id, string Label, double Value)> inputs)
    {
        var body = new StringBuilder();
        body.Append("<div class=\"controls\">\n").Append(StepButtons);
        foreach (var (id, label, value) in inputs)
            body.Append($"<label>{Html.Encode(label)} <input type=\"number\" step=\"any\" data-node=\"{Html.Encode(id)}\" value=\"{Number(value)}\"></label>\n");
        body.Append("</div>\n<p id=\"step-title\"></p>\n<table class=\"panel\">\n");
        foreach (var (id, name) in new[] { ("current-node", "node"), ("step-text", "this step"), ("value", "value"), ("local", "local derivative"), ("chain", "chain rule so far") })
            body.Append($"<tr><th>{name}</th><td id=\"{id}\"></td></tr>\n");
        body.Append("</table>\n<div class=\"drawing\">").Append(svg).Append("</div>\n");
        body.Append("<table id=\"numbers\"><thead><tr><th>node</th><th>value</th><th>gradient</th></tr></thead><tbody>\n");
        foreach (var n in model.Nodes) body.Append($"<tr data-node=\"{Html.Encode(n.Id)}\"><td>{Html.Encode(n.Label)}</td><td></td><td></td></tr>\n");
        body.Append("</tbody></table>\n");
        return Shell(title, body.ToString(), JsonSerializer.Serialize(model, PageJsonContext.Default.PageModel), InteractiveScript.Source);
    }

    /// <summary>The previous / next / start-over buttons every page's script listens to.</summary>
    internal const string StepButtons = "<button id=\"prev\" type=\"button\">previous step</button>\n<button id=\"next\" type=\"button\">next step</button>\n<button id=\"reset\" type=\"button\">start over</button>\n";

    /// <summary>A number as an input field's value (round-trip digits, invariant culture).</summary>
    internal static string Number(double value) => value.ToString("R", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// The page around <paramref name="body"/>: a policy that forbids every fetch, the style, the model JSON (the
    /// default encoder escapes &lt;, &gt; and &amp;, so it cannot close its script element) and the script.
    /// </summary>
    internal static string Shell(string title, string body, string modelJson, string script)
    {
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        sb.Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'\">\n");
        sb.Append("<title>").Append(Html.Encode(title)).Append("</title>\n<style>\n").Append(Style).Append("</style>\n</head>\n<body>\n");
        sb.Append("<h1>").Append(Html.Encode(title)).Append("</h1>\n").Append(body);
        sb.Append("<script type=\"application/json\" id=\"model\">").Append(modelJson).Append("</script>\n");
        sb.Append("<script>\n").Append(InteractiveScript.Format).Append(script).Append("</script>\n</body>\n</html>\n");
        return sb.ToString();
    }

    const string Style = """
        body { font-family: DejaVu Sans, Helvetica, Arial, sans-serif; margin: 16px; color: #222; }
        h1 { font-size: 18px; }
        .controls { display: flex; gap: 12px; align-items: center; flex-wrap: wrap; margin-bottom: 8px; }
        .controls input { width: 6em; }
        table.panel th { text-align: left; padding-right: 12px; font-weight: normal; color: #555; }
        table.panel td { font-family: DejaVu Sans Mono, monospace; }
        #numbers, #rows, #losses { margin-top: 12px; border-collapse: collapse; }
        #numbers td, #numbers th, #rows td, #rows th, #losses td, #losses th { border: 1px solid #ddd; padding: 2px 8px; text-align: right; }
        #losses tr.current td { background: #fde2e1; }
        g.node.current rect { stroke: #d62728 !important; stroke-width: 4px !important; }
        .drawing { overflow-x: auto; }

        """;
}
