using System.Text;
using System.Text.RegularExpressions;
using Nabla.Whiteboard.Explanations;

namespace Nabla.Whiteboard.Rendering;

/// <summary>
/// An <see cref="Explanation"/> as GitHub-flavoured Markdown with LaTeX math (<c>$...$</c> inline,
/// <c>$$...$$</c> blocks with <c>aligned</c>): the same worked solution as the text form, typeset with
/// partial-derivative fractions, so it can be pasted into a README, an issue or a notebook.
/// </summary>
public static partial class ExplanationMarkdown
{
    /// <summary>The Markdown document, lines separated by '\n'.</summary>
    public static string Render(Explanation e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var sb = new StringBuilder();
        string N(double v) => LatexFormula.Number(e.Format(v));
        string P(double v) => v < 0 && e.Format(v) != "0" ? @"\left(" + N(v) + @"\right)" : N(v);
        string D(string of, string wrt) => $@"\frac{{\partial {LatexFormula.Name(of)}}}{{\partial {LatexFormula.Name(wrt)}}}";
        string Local(LocalDerivative d) => D(d.Of, d.Wrt);
        string output = e.Output;

        sb.Append("### Expression\n\n");
        Block(sb, e.Program.Statements.Select(s => $"{LatexFormula.Name(s.Name)} &= {LatexFormula.Of(s.Expression)}"));
        sb.Append("at ").Append(string.Join(", ", e.Inputs.Select(p => $"${LatexFormula.Name(p.Key)} = {N(p.Value)}$"))).Append("\n\n");

        if (e.Warnings.Count > 0)
            sb.Append("> **Warning:** ").Append(string.Join("\n>\n> **Warning:** ", e.Warnings)).Append("\n\n");
        sb.Append("### Forward pass\n\n");
        Block(sb, e.Forward.Select(f =>
        {
            var parts = new List<string> { LatexFormula.Of(f.Formula) };
            if (f.Substituted != f.Formula) parts.Add(LatexFormula.Of(f.Substituted));
            if (e.Format(f.Value) != f.Substituted && e.Format(f.Value) != f.Formula) parts.Add(N(f.Value));
            return $"{LatexFormula.Name(f.Label)} &= {string.Join(" = ", parts)}";
        }));

        sb.Append("### Local derivatives\n\n");
        string LocalLine(LocalDerivative d, string lhs)
        {
            string formula = LatexFormula.Of(d.Formula);
            string rhs = formula == N(d.Value) ? formula : $"{formula} = {N(d.Value)}";
            return $"{lhs} &= {rhs}{Condition(d.Condition)}";
        }
        Block(sb, e.LocalDerivatives.Select(d =>
        {
            // x * x has two edges to x with the same symbol: say which argument each one is.
            bool repeated = e.LocalDerivatives.Count(o => o.Of == d.Of && o.Wrt == d.Wrt) > 1;
            return LocalLine(d, Local(d)) + (repeated ? $@"\quad \text{{(argument {d.OperandIndex + 1})}}" : "");
        }));

        sb.Append($"### Backward pass\n\nStarting from ${D(output, output)} = 1$, each node from the output back to the inputs:\n\n");
        Block(sb, e.Backward.Skip(1).Select(b =>
        {
            // Used once, by the output itself: the gradient is that local derivative (d output/d output = 1).
            if (b.Contributions.Count == 1 && b.Contributions[0].Consumer == output)
                return LocalLine(b.Contributions[0].Local, D(output, b.Label));
            var symbols = b.Contributions.Select(c => c.Consumer == output ? Paren(LatexFormula.Of(c.Local.Formula), c.Local.Formula) : $@"{D(output, c.Consumer)} \cdot {Local(c.Local)}");
            var numbers = b.Contributions.Select((c, i) => c.Consumer == output ? (i == 0 ? N(c.Local.Value) : P(c.Local.Value)) : $@"{(i == 0 ? N(c.Upstream) : P(c.Upstream))} \cdot {P(c.Local.Value)}");
            return $"{D(output, b.Label)} &= {string.Join(" + ", symbols)} = {string.Join(" + ", numbers)} = {N(b.Gradient)}";
        }));

        sb.Append("### Chain rule\n\n");
        var chainLines = new List<string>();
        foreach (var c in e.ChainRules)
        {
            string lhs = D(output, c.Variable);
            if (c.Paths.Count == 0) { chainLines.Add($@"{lhs} &= 0 \quad \text{{(no path)}}"); continue; }
            string Symbols(ChainPath p) => string.Join(@" \cdot ", p.Factors.Select(Local));
            string Numbers(ChainPath p) => string.Join(@" \cdot ", p.Factors.Select(f => P(f.Value)));
            if (c.Paths.Count == 1)
            {
                var p = c.Paths[0];
                chainLines.Add(p.Factors.Count == 1
                    ? LocalLine(p.Factors[0], lhs)
                    : $"{lhs} &= {Symbols(p)} = {Numbers(p)} = {N(c.Gradient)}");
                continue;
            }
            if (c.Truncated)
            {
                // Only some paths are listed: each is its own equation, and their partial sum is not called the gradient.
                chainLines.Add($@"&\text{{{c.Paths.Count} of {c.TotalPaths} paths shown:}}");
                chainLines.AddRange(c.Paths.Select(p => $"&{Symbols(p)} = {Numbers(p)} = {N(p.Product)}"));
                chainLines.Add($@"&\text{{the {c.Paths.Count} shown add up to }} {N(c.PathSum)}; \text{{ all {c.TotalPaths} paths: }} {lhs} = {N(c.Gradient)}");
                continue;
            }
            // One product per path, then their sum.
            for (int i = 0; i < c.Paths.Count; i++)
                chainLines.Add($@"{(i == 0 ? lhs : "")} &{(i == 0 ? "=" : "+")} {Symbols(c.Paths[i])} = {Numbers(c.Paths[i])} = {N(c.Paths[i].Product)}");
            chainLines.Add($@"&= {string.Join(" + ", c.Paths.Select(p => P(p.Product)))} = {N(c.Gradient)}");
        }
        Block(sb, chainLines);

        sb.Append("### Gradients\n\n");
        sb.Append($"| variable | value | ${D(output, "variable")}$ |\n|---|--:|--:|\n");
        foreach (var g in e.Gradients)
            sb.Append($"| ${LatexFormula.Name(g.Variable)}$ | {e.Format(g.Value)} | {e.Format(g.Gradient)} |\n");
        sb.Append('\n');

        if (e.Updates.Count > 0)
        {
            string op = e.Options.Ascent ? "+" : "-";
            string lr = N(e.Options.LearningRate!.Value);
            string rule = e.Options.Ascent
                ? $@"w \leftarrow w + \eta \, {D(output, "w")}"
                : $@"w \leftarrow w - \eta \, {D(output, "w")}";
            string why = e.Options.Ascent ? $"gradient ascent: moves ${LatexFormula.Name(output)}$ up" : $"gradient descent: moves ${LatexFormula.Name(output)}$ down";
            sb.Append($"### Updates\n\nWith learning rate $\\eta = {lr}$: ${rule}$ ({why}).\n\n");
            double before = e.OutputValue;
            foreach (var u in e.Updates)
            {
                sb.Append($"Step {u.Step}:\n\n");
                var lines = u.Updates.Select(p => $@"{LatexFormula.Name(p.Variable)} &= {N(p.Old)} {op} {lr} \cdot {P(p.Gradient)} = {N(p.New)}").ToList();
                lines.Add($@"{LatexFormula.Name(output)}_{{\text{{new}}}} &= {N(u.NewOutput)} \quad \text{{(was {e.Format(before)})}}");
                Block(sb, lines);
                before = u.NewOutput;
            }
        }
        return sb.ToString();
    }

    static string Paren(string latex, string formula) => formula.Contains(' ') ? @"\left(" + latex + @"\right)" : latex;

    // One display-math block of aligned lines; GitHub renders $$ blocks that sit on their own lines.
    static void Block(StringBuilder sb, IEnumerable<string> lines)
    {
        var list = lines.ToList();
        if (list.Count == 0) return;
        sb.Append("$$\n\\begin{aligned}\n");
        sb.Append(string.Join(" \\\\\n", list));
        sb.Append("\n\\end{aligned}\n$$\n\n");
    }

    // "x > 0", "t1 <= 0", "x < y": relation symbols as LaTeX commands (a bare < would be taken for HTML).
    static string Condition(string? condition)
    {
        if (condition is null) return "";
        var m = RelationPattern().Match(condition);
        if (!m.Success) return $@"\quad \text{{({LatexFormula.Escape(condition)})}}";
        string rel = m.Groups[2].Value switch { ">=" => @"\ge", "<=" => @"\le", ">" => @"\gt", "<" => @"\lt", _ => "=" };
        return $@"\quad \left({LatexFormula.Of(m.Groups[1].Value)} {rel} {LatexFormula.Of(m.Groups[3].Value)}\right)";
    }

    [GeneratedRegex(@"^(\S+) (>=|<=|>|<|=) (\S+)$")]
    private static partial Regex RelationPattern();
}
