using System.Text;
using System.Text.RegularExpressions;
using Nabla.Whiteboard.Rendering;

namespace Nabla.Whiteboard.Networks;

/// <summary>A <see cref="NetworkExplanation"/> as Markdown with LaTeX math that GitHub renders.</summary>
public static class NetworkMarkdown
{
    /// <summary>The Markdown document, lines separated by '\n'.</summary>
    public static string Render(NetworkExplanation e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var s = e.Spec;
        var sb = new StringBuilder();
        string N(double v) => LatexFormula.Number(e.Format(v));
        string P(double v) => v < 0 && e.Format(v) != "0" ? @"\left(" + N(v) + @"\right)" : N(v);
        string Sym(string symbol)
        {
            // "da31/da21" -> \frac{\partial a_{31}}{\partial a_{21}}
            var parts = symbol.Split('/');
            return $@"\frac{{\partial {LatexFormula.Name(parts[0][1..])}}}{{\partial {LatexFormula.Name(parts[1][1..])}}}";
        }
        // f'(z21) is not in the expression language: parse it as a placeholder name, then typeset it.
        string M(string formula) => Regex.Replace(LatexFormula.Of(Regex.Replace(formula, @"f'\(z(\w+)\)", "fprime_z$1")),
            @"\\mathrm\{fprime\\_z(\w+)\}", m => $@"f'\left(z_{{{m.Groups[1].Value}}}\right)");

        sb.Append($"### Network {string.Join("-", s.Layers)}\n\n");
        sb.Append($"$f = \\mathrm{{{e.ActivationName.Replace("_", @"\_", StringComparison.Ordinal)}}}$ on every layer, {(s.Bias ? "with" : "no")} biases, loss $L = {LatexFormula.Of(e.LossFormula)}$; ");
        sb.Append($"sample {string.Join(", ", e.InputNames.Select((n, i) => $"${LatexFormula.Name(n)} = {N(s.X[i])}$"))}, {string.Join(", ", e.TargetNames.Select((n, i) => $"${LatexFormula.Name(n)} = {N(s.Y[i])}$"))}.\n\n");
        sb.Append(e.WeightsDrawn ? $"Weights (seed {s.Seed}: uniform in [-1, 1], rounded to 2 decimals):\n\n" : "Weights:\n\n");
        sb.Append("| neuron | weights |\n|---|---|\n");
        foreach (var n in e.Neurons)
            sb.Append($"| ${LatexFormula.Name(n.Name)}$ | {string.Join(", ", n.Weights.Select(w => $"${LatexFormula.Name(w.Name)} = {N(w.Value)}$"))} |\n");

        sb.Append("\n### Forward pass\n\n$$\n\\begin{aligned}\n");
        var lines = new List<string>();
        foreach (var n in e.Neurons)
        {
            var terms = n.Inputs.Select((input, i) => $@"{LatexFormula.Name(n.Weights[i].Name)} {LatexFormula.Name(input)}").ToList();
            var numbers = n.Inputs.Select((_, i) => $@"{P(n.Weights[i].Value)} \cdot {P(n.InputValues[i])}").ToList();
            if (n.Weights.Count > n.Inputs.Count) { terms.Add(LatexFormula.Name(n.Weights[^1].Name)); numbers.Add(P(n.Weights[^1].Value)); }
            lines.Add($@"{LatexFormula.Name(n.Name)} &= f\left({string.Join(" + ", terms)}\right) = f\left({string.Join(" + ", numbers)}\right) = f\left({N(n.PreActivation)}\right) = {N(n.Value)}");
        }
        lines.Add($@"L &= {LatexFormula.Of(e.LossFormula)} = {LatexFormula.Of(e.LossSubstituted)} = {N(e.Loss)}");
        sb.Append(string.Join(" \\\\\n", lines)).Append("\n\\end{aligned}\n$$\n\n");

        sb.Append($"### Local derivatives\n\n$f'(z) = {LatexFormula.Escape(NetworkExplainer.DerivativeFormula(s.Activation)).Replace("a * (1 - a)", @"a\,(1 - a)", StringComparison.Ordinal)}$\n\n$$\n\\begin{{aligned}}\n");
        sb.Append(string.Join(" \\\\\n", e.OutputDerivatives.Concat(e.NeuronDerivatives).Concat(e.WeightDerivatives)
            .Select(f => $"{Sym(f.Symbol)} &= {M(f.Formula)} = {N(f.Value)}")));
        sb.Append("\n\\end{aligned}\n$$\n\n");

        sb.Append("### Gradients by the chain rule\n\nEvery path from $L$ down to the weight, summed; the last column is the engine's Backward.\n\n$$\n\\begin{aligned}\n");
        var chain = new List<string>();
        foreach (var g in e.Gradients)
        {
            string lhs = Sym(g.Symbol);
            for (int i = 0; i < g.Paths.Count; i++)
            {
                var p = g.Paths[i];
                string flag = p.Health == PathHealth.Normal ? "" : $@" \quad \text{{({p.Health.ToString().ToLowerInvariant()})}}";
                chain.Add($@"{(i == 0 ? lhs : "")} &{(i == 0 ? "=" : "+")} {string.Join(@" \cdot ", p.Factors.Select(f => Sym(f.Symbol)))} = {string.Join(@" \cdot ", p.Factors.Select(f => P(f.Value)))}{(g.Paths.Count > 1 ? " = " + N(p.Product) : "")}{flag}");
            }
            chain.Add($@"&= {N(g.PathSum)} \quad \text{{(engine: {e.Format(g.EngineGradient)})}}");
        }
        sb.Append(string.Join(" \\\\\n", chain)).Append("\n\\end{aligned}\n$$\n\n");

        var flagged = e.FlaggedPaths.ToList();
        if (flagged.Count > 0)
        {
            sb.Append("**Path check:** ");
            sb.Append(string.Join("; ", flagged.GroupBy(x => x.Path.Health).Select(g =>
                $"{g.Count()} path(s) {NetworkText.Describe(g.Key, s, e.Format).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal)}: {string.Join(", ", g.Select(x => x.Gradient.Weight.Name).Distinct())}")));
            sb.Append(".\n\n");
        }

        sb.Append($"### Update\n\n$w \\leftarrow w - \\eta\\,\\frac{{\\partial L}}{{\\partial w}}$ with $\\eta = {N(s.LearningRate)}$:\n\n$$\n\\begin{{aligned}}\n");
        var updates = e.Updates.Select(u => $@"{LatexFormula.Name(u.Weight.Name)} &= {N(u.Weight.Value)} - {N(s.LearningRate)} \cdot {P(u.Gradient)} = {N(u.New)}").ToList();
        updates.Add($@"L_{{\text{{new}}}} &= {N(e.NewLoss)} \quad \text{{(was {e.Format(e.Loss)})}}");
        sb.Append(string.Join(" \\\\\n", updates)).Append("\n\\end{aligned}\n$$\n");
        return sb.ToString();
    }
}
