using System.Text.Json;
using Nabla.Whiteboard.Explanations;

namespace Nabla.Whiteboard.Rendering;

/// <summary>
/// An <see cref="Explanation"/> as JSON for notebooks and web pages: every step as data (values as numbers,
/// formulas as text) plus the laid-out graph. Written with <see cref="Utf8JsonWriter"/> (no reflection, so it
/// works under NativeAOT and trimming). Numbers are the engine's float32 values; NaN and the infinities, which JSON numbers cannot hold, are the strings "NaN", "Infinity" and "-Infinity" (as System.Text.Json's named floating-point literals).
/// </summary>
public static class ExplanationJson
{
    /// <summary>The JSON document (indented; + and quotes in formulas are written as themselves, not \u escapes, since the output is a file, not HTML).</summary>
    public static string Render(Explanation e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return JsonDocumentText.Write(w => Write(w, e));
    }

    /// <summary>Writes the explanation as one JSON object.</summary>
    public static void Write(Utf8JsonWriter w, Explanation e)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(e);
        w.WriteStartObject();
        w.WriteString("source", e.Source);
        w.WriteStartArray("statements");
        foreach (var s in e.Program.Statements)
        {
            w.WriteStartObject();
            w.WriteString("name", s.Name);
            w.WriteString("formula", s.Expression.ToFormula());
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteString("output", e.Output);
        w.Number("outputValue", e.OutputValue);
        WriteOptions(w, e.Options);
        if (e.Warnings.Count > 0)
        {
            w.WriteStartArray("warnings");
            foreach (var warning in e.Warnings) w.WriteStringValue(warning);
            w.WriteEndArray();
        }

        w.WriteStartArray("inputs");
        foreach (var p in e.Inputs)
        {
            w.WriteStartObject();
            w.WriteString("name", p.Key);
            w.Number("value", p.Value);
            w.WriteEndObject();
        }
        w.WriteEndArray();

        w.WriteStartArray("forward");
        foreach (var f in e.Forward)
        {
            w.WriteStartObject();
            w.WriteString("label", f.Label);
            w.WriteString("formula", f.Formula);
            w.WriteString("substituted", f.Substituted);
            w.Number("value", f.Value);
            w.WriteBoolean("isStep", f.IsStep);
            w.WriteEndObject();
        }
        w.WriteEndArray();

        w.WriteStartArray("localDerivatives");
        foreach (var d in e.LocalDerivatives) WriteLocal(w, d);
        w.WriteEndArray();

        w.WriteStartArray("backward");
        foreach (var b in e.Backward)
        {
            w.WriteStartObject();
            w.WriteString("label", b.Label);
            w.WriteString("symbol", b.Symbol);
            w.Number("gradient", b.Gradient);
            w.WriteStartArray("contributions");
            foreach (var c in b.Contributions)
            {
                w.WriteStartObject();
                w.WriteString("consumer", c.Consumer);
                w.Number("upstream", c.Upstream);
                w.WriteString("local", c.Local.Symbol);
                w.Number("localValue", c.Local.Value);
                w.Number("product", c.Product);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteEndArray();

        w.WriteStartArray("chainRules");
        foreach (var c in e.ChainRules)
        {
            w.WriteStartObject();
            w.WriteString("variable", c.Variable);
            w.WriteString("symbol", c.Symbol);
            w.WriteStartArray("paths");
            foreach (var p in c.Paths)
            {
                w.WriteStartObject();
                w.Factors(p.Factors, f => f.Symbol, f => f.Value);
                w.Number("product", p.Product);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.Number("pathSum", c.PathSum);
            w.Number("gradient", c.Gradient);
            w.WriteBoolean("truncated", c.Truncated);
            if (c.Truncated) w.WriteNumber("pathCount", c.TotalPaths);
            w.WriteEndObject();
        }
        w.WriteEndArray();

        w.WriteStartArray("gradients");
        foreach (var g in e.Gradients)
        {
            w.WriteStartObject();
            w.WriteString("variable", g.Variable);
            w.Number("value", g.Value);
            w.Number("gradient", g.Gradient);
            w.WriteEndObject();
        }
        w.WriteEndArray();

        w.WriteStartObject("updates");
        if (e.UpdateRule is { } rule) w.WriteString("rule", rule);
        else w.WriteNull("rule");
        w.WriteStartArray("steps");
        foreach (var u in e.Updates)
        {
            w.WriteStartObject();
            w.WriteNumber("step", u.Step);
            w.WriteStartArray("parameters");
            foreach (var p in u.Updates)
            {
                w.WriteStartObject();
                w.WriteString("variable", p.Variable);
                w.Number("old", p.Old);
                w.Number("gradient", p.Gradient);
                w.Number("new", p.New);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.Number("newOutput", u.NewOutput);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();

        WriteGraph(w, ComputationGraph.Of(e));
        w.WriteEndObject();
    }

    static void WriteOptions(Utf8JsonWriter w, ExplainOptions o)
    {
        w.WriteStartObject("options");
        if (o.Target is { } t) w.WriteString("output", t); else w.WriteNull("output");
        if (o.Loss is { } loss) w.WriteString("loss", loss); else w.WriteNull("loss");
        w.Number("lossTarget", o.LossTarget);
        w.Number("learningRate", o.LearningRate);
        w.WriteNumber("steps", o.Steps);
        w.WriteBoolean("ascent", o.Ascent);
        if (o.Wrt is { } wrt)
        {
            w.WriteStartArray("wrt");
            foreach (var v in wrt) w.WriteStringValue(v);
            w.WriteEndArray();
        }
        else w.WriteNull("wrt");
        w.WriteNumber("precision", o.Precision);
        w.WriteEndObject();
    }

    static void WriteLocal(Utf8JsonWriter w, LocalDerivative d)
    {
        w.WriteStartObject();
        w.WriteString("of", d.Of);
        w.WriteString("wrt", d.Wrt);
        w.WriteNumber("argument", d.OperandIndex);
        w.WriteString("symbol", d.Symbol);
        w.WriteString("formula", d.Formula);
        w.Number("value", d.Value);
        if (d.Condition is { } c) w.WriteString("condition", c); else w.WriteNull("condition");
        w.WriteEndObject();
    }

    static void WriteGraph(Utf8JsonWriter w, ComputationGraph g)
    {
        w.WriteStartObject("graph");
        w.WriteStartArray("nodes");
        foreach (var n in g.Nodes)
        {
            w.WriteStartObject();
            w.WriteString("id", n.Id);
            w.WriteString("label", n.Label);
            w.WriteString("role", n.Role.ToString().ToLowerInvariant());
            w.WriteString("formula", n.Formula);
            w.Number("value", n.Value);
            w.Number("gradient", n.Gradient);
            w.WriteNumber("layer", n.Layer);
            w.WriteNumber("row", n.Row);
            w.WriteBoolean("isOutput", n.IsOutput);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("edges");
        foreach (var e in g.Edges)
        {
            w.WriteStartObject();
            w.WriteString("from", e.From);
            w.WriteString("to", e.To);
            w.WriteNumber("argument", e.Argument);
            if (e.Local is { } d) { w.WriteString("local", d.Symbol); w.Number("localValue", d.Value); }
            else { w.WriteNull("local"); w.WriteNull("localValue"); }
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }
}
