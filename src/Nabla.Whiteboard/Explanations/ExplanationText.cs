using System.Text;

namespace Nabla.Whiteboard.Explanations;

/// <summary>
/// Renders an <see cref="Explanation"/> as plain text, the way a teacher writes it on the board:
/// forward pass, local derivatives, backward pass, chain rule per variable, gradient table, updates.
/// </summary>
public static class ExplanationText
{
    /// <summary>The whole worked solution, lines separated by '\n'.</summary>
    public static string Render(Explanation e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var sb = new StringBuilder();
        string F(double v) => e.Format(v);

        sb.Append("Expression\n");
        foreach (var s in e.Program.Statements) sb.Append("  ").Append(s).Append('\n');
        sb.Append("at ").Append(string.Join(", ", e.Inputs.Select(p => $"{p.Key} = {F(p.Value)}"))).Append("\n\n");
        if (e.Warnings.Count > 0)
        {
            sb.Append("Warnings\n");
            foreach (var w in e.Warnings) sb.Append("  ").Append(w).Append('\n');
            sb.Append('\n');
        }

        sb.Append("Forward pass\n");
        foreach (var f in e.Forward)
        {
            string value = F(f.Value);
            var parts = new List<string> { f.Formula };
            if (f.Substituted != f.Formula) parts.Add(f.Substituted);
            if (parts[^1] != value) parts.Add(value);
            sb.Append($"  {f.Label} = {string.Join(" = ", parts)}\n");
        }

        sb.Append("\nLocal derivatives\n");
        foreach (var d in e.LocalDerivatives)
        {
            // x * x has two edges to x with the same symbol dt/dx: say which argument each one is.
            bool repeated = e.LocalDerivatives.Count(o => o.Of == d.Of && o.Wrt == d.Wrt) > 1;
            sb.Append("  ").Append(Local(d, F)).Append(repeated ? $"   (argument {d.OperandIndex + 1} of {d.Of})" : "").Append('\n');
        }

        sb.Append($"\nBackward pass (d{e.Output}/d{e.Output} = 1, then each node from the output back to the inputs)\n");
        foreach (var b in e.Backward.Skip(1))
            sb.Append("  ").Append(BackwardLine(b, e.Output, F)).Append('\n');

        sb.Append("\nChain rule\n");
        foreach (var c in e.ChainRules) AppendChain(sb, c, F);

        sb.Append("\nGradients\n");
        var rows = e.Gradients.Select(g => (g.Variable, F(g.Value), F(g.Gradient))).ToArray();
        string gradHeader = $"d{e.Output}/dvariable";
        int w0 = Math.Max("variable".Length, rows.Select(r => r.Variable.Length).DefaultIfEmpty(0).Max());
        int w1 = Math.Max("value".Length, rows.Select(r => r.Item2.Length).DefaultIfEmpty(0).Max());
        sb.Append($"  {"variable".PadRight(w0)}  {"value".PadLeft(w1)}  {gradHeader}\n");
        foreach (var (v, val, g) in rows) sb.Append($"  {v.PadRight(w0)}  {val.PadLeft(w1)}  {g.PadLeft(gradHeader.Length)}\n");

        if (e.Updates.Count > 0)
        {
            string op = e.Options.Ascent ? "+" : "-";
            sb.Append($"\nUpdates with lr = {F(e.Options.LearningRate!.Value)}: {e.UpdateRule}\n");
            double before = e.OutputValue;
            foreach (var u in e.Updates)
            {
                sb.Append($"  step {u.Step}\n");
                foreach (var p in u.Updates)
                    sb.Append($"    {p.Variable} = {F(p.Old)} {op} {F(e.Options.LearningRate!.Value)} * {Paren(F(p.Gradient))} = {NumberFormat.FormatChanged(p.Old, p.New, e.Options.Precision)}\n");
                sb.Append($"    new {e.Output} = {F(u.NewOutput)} (was {F(before)})\n");
                before = u.NewOutput;
            }
        }
        return sb.ToString();
    }

    static string Local(LocalDerivative d, Func<double, string> f)
    {
        string value = f(d.Value);
        string text = d.Formula == value ? $"{d.Symbol} = {value}" : $"{d.Symbol} = {d.Formula} = {value}";
        return d.Condition is null ? text : $"{text}   ({d.Condition})";
    }

    static string BackwardLine(BackwardStep b, string output, Func<double, string> f)
    {
        // Used once, by the output itself: the gradient is just that local derivative (d output/d output = 1).
        if (b.Contributions.Count == 1 && b.Contributions[0].Consumer == output)
            return Local(b.Contributions[0].Local, f);
        // A use by the output itself needs no upstream factor: d output/d output = 1.
        var symbols = b.Contributions.Select(c => c.Consumer == output
            ? (c.Local.Formula.Contains(' ') ? "(" + c.Local.Formula + ")" : c.Local.Formula)
            : $"d{output}/d{c.Consumer} * {c.Local.Symbol}");
        var numbers = b.Contributions.Select(c => c.Consumer == output ? f(c.Local.Value) : $"{f(c.Upstream)} * {f(c.Local.Value)}");
        string line = $"{b.Symbol} = {string.Join(" + ", symbols)} = {string.Join(" + ", numbers)}";
        return line + $" = {f(b.Gradient)}";
    }

    static void AppendChain(StringBuilder sb, ChainRule c, Func<double, string> f)
    {
        if (c.Paths.Count == 0)
        {
            sb.Append($"  {c.Symbol} = 0 (no path from {c.Output} to {c.Variable})\n");
            return;
        }
        string Symbols(ChainPath p) => string.Join(" * ", p.Factors.Select(x => x.Symbol));
        string Numbers(ChainPath p) => string.Join(" * ", p.Factors.Select(x => f(x.Value)));
        if (c.Paths.Count == 1)
        {
            var p = c.Paths[0];
            // A variable read directly by the output: the gradient is that one local derivative.
            if (p.Factors.Count == 1) sb.Append("  ").Append(Local(p.Factors[0], f)).Append('\n');
            else sb.Append($"  {c.Symbol} = {Symbols(p)} = {Numbers(p)} = {f(c.Gradient)}\n");
            return;
        }
        // A variable used more than once: one product per path, then their sum.
        sb.Append($"  {c.Symbol} = sum over {c.TotalPaths} paths{(c.Truncated ? $" ({c.Paths.Count} of {c.TotalPaths} shown)" : "")}\n");
        foreach (var p in c.Paths)
            sb.Append($"    {Symbols(p)} = {Numbers(p)} = {f(p.Product)}\n");
        // NOTE: the shown paths of a truncated sum do not add up to the gradient; never write them as if they did.
        if (c.Truncated)
            sb.Append($"  the {c.Paths.Count} paths shown add up to {f(c.PathSum)}; all {c.TotalPaths} paths: {c.Symbol} = {f(c.Gradient)}   (engine)\n");
        else
            sb.Append($"  {c.Symbol} = {string.Join(" + ", c.Paths.Select(p => Paren(f(p.Product))))} = {f(c.Gradient)}\n");
    }

    static string Paren(string number) => number.StartsWith('-') ? "(" + number + ")" : number;
}
