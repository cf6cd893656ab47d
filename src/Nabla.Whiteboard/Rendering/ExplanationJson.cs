using System.Text.Json;
using Nabla.Whiteboard.Explanations;

namespace Nabla.Whiteboard.Rendering;

/// <summary>
/// An <see cref="Explanation"/> as JSON for notebooks and web pages: every step as data (values as numbers,
/// formulas as text) plus the laid-out graph. Written through System.Text.Json source generation
/// (<see cref="ExplanationDocument"/>; no reflection, so it works under NativeAOT and trimming). Numbers are the
/// engine's float32 values; NaN and the infinities, which JSON numbers cannot hold, are the strings "NaN", "Infinity"
/// and "-Infinity" (as System.Text.Json's named floating-point literals).
/// </summary>
public static class ExplanationJson
{
    /// <summary>The JSON document (indented; + and quotes in formulas are written as themselves, not \u escapes, since the output is a file, not HTML).</summary>
    public static string Render(Explanation e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return WhiteboardJsonContext.Text(Document(e), WhiteboardJsonContext.Default.ExplanationDocument);
    }

    /// <summary>Writes the explanation as one JSON object (indentation and escaping are the writer's).</summary>
    public static void Write(Utf8JsonWriter w, Explanation e)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(e);
        JsonSerializer.Serialize(w, Document(e), WhiteboardJsonContext.Default.ExplanationDocument);
    }

    static ExplanationDocument Document(Explanation e) => new(
        e.Source,
        [.. e.Program.Statements.Select(s => new StatementJson(s.Name, s.Expression.ToFormula()))],
        e.Output,
        e.OutputValue,
        Options(e.Options),
        e.Warnings.Count > 0 ? e.Warnings : null,
        [.. e.Inputs.Select(p => new InputJson(p.Key, p.Value))],
        [.. e.Forward.Select(f => new ForwardJson(f.Label, f.Formula, f.Substituted, f.Value, f.IsStep))],
        [.. e.LocalDerivatives.Select(d => new LocalDerivativeJson(d.Of, d.Wrt, d.OperandIndex, d.Symbol, d.Formula, d.Value, d.Condition))],
        [.. e.Backward.Select(b => new BackwardJson(b.Label, b.Symbol, b.Gradient,
            [.. b.Contributions.Select(c => new ContributionJson(c.Consumer, c.Upstream, c.Local.Symbol, c.Local.Value, c.Product))]))],
        [.. e.ChainRules.Select(c => new ChainRuleJson(c.Variable, c.Symbol,
            [.. c.Paths.Select(p => new ChainPathJson([.. p.Factors.Select(f => f.Symbol)], [.. p.Factors.Select(f => f.Value)], p.Product))],
            c.PathSum, c.Gradient, c.Truncated, c.Truncated ? c.TotalPaths : null))],
        [.. e.Gradients.Select(g => new GradientJson(g.Variable, g.Value, g.Gradient))],
        new UpdatesJson(e.UpdateRule, [.. e.Updates.Select(u => new UpdateStepJson(u.Step,
            [.. u.Updates.Select(p => new ParameterUpdateJson(p.Variable, p.Old, p.Gradient, p.New))], u.NewOutput))]),
        Graph(ComputationGraph.Of(e)));

    static ExplainOptionsJson Options(ExplainOptions o) =>
        new(o.Target, o.Loss, o.LossTarget, o.LearningRate, o.Steps, o.Ascent, o.Wrt, o.Precision);

    static GraphJson Graph(ComputationGraph g) => new(
        [.. g.Nodes.Select(n => new GraphNodeJson(n.Id, n.Label, n.Role.ToString().ToLowerInvariant(), n.Formula, n.Value, n.Gradient, n.Layer, n.Row, n.IsOutput))],
        [.. g.Edges.Select(e => new GraphEdgeJson(e.From, e.To, e.Argument, e.Local?.Symbol, e.Local?.Value))]);
}
