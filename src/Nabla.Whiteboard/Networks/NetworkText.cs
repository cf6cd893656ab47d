using System.Text;

namespace Nabla.Whiteboard.Networks;

/// <summary>
/// Renders a <see cref="NetworkExplanation"/> as plain text: the network and its weights, the forward pass
/// neuron by neuron, the loss, the local derivatives, every weight's gradient as a sum over chain-rule
/// paths (checked against the engine), flagged paths, and the update.
/// </summary>
public static class NetworkText
{
    /// <summary>The worked solution, lines separated by '\n'.</summary>
    public static string Render(NetworkExplanation e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var s = e.Spec;
        var sb = new StringBuilder();
        string F(double v) => e.Format(v);
        string P(double v) => NetworkExplainer.Paren(F(v));

        sb.Append($"Network {string.Join("-", s.Layers)}, f = {e.ActivationName} on every layer, {(s.Bias ? "with" : "no")} biases; ");
        sb.Append($"loss L = {e.LossFormula}\n");
        sb.Append($"sample {string.Join(", ", e.InputNames.Select((n, i) => $"{n} = {F(s.X[i])}"))}; {string.Join(", ", e.TargetNames.Select((n, i) => $"{n} = {F(s.Y[i])}"))}\n\n");

        sb.Append(e.WeightsDrawn ? $"Weights (seed {s.Seed}: uniform in [-1, 1], rounded to 2 decimals)\n" : "Weights\n");
        foreach (var n in e.Neurons)
            sb.Append($"  into {n.Name}: {string.Join(", ", n.Weights.Select(w => $"{w.Name} = {F(w.Value)}"))}\n");

        sb.Append("\nForward pass (z = weighted sum, a = f(z))\n");
        foreach (var n in e.Neurons)
        {
            var terms = n.Inputs.Select((input, i) => $"{n.Weights[i].Name}*{input}").ToList();
            var numbers = n.Inputs.Select((_, i) => $"{P(n.Weights[i].Value)}*{P(n.InputValues[i])}").ToList();
            if (n.Weights.Count > n.Inputs.Count) { terms.Add(n.Weights[^1].Name); numbers.Add(P(n.Weights[^1].Value)); }
            sb.Append($"  {n.Name} = f({string.Join(" + ", terms)}) = f({string.Join(" + ", numbers)}) = f({F(n.PreActivation)}) = {F(n.Value)}\n");
        }
        sb.Append($"  L = {e.LossFormula} = {e.LossSubstituted} = {F(e.Loss)}\n");

        sb.Append($"\nLocal derivatives (f = {e.ActivationName}, f'(z) = {NetworkExplainer.DerivativeFormula(s.Activation)})\n");
        foreach (var f in e.OutputDerivatives.Concat(e.NeuronDerivatives).Concat(e.WeightDerivatives))
            sb.Append("  ").Append(Factor(f, F)).Append('\n');

        sb.Append("\nGradients by the chain rule (every path from L down to the weight; engine = Nabla's Backward)\n");
        foreach (var g in e.Gradients)
        {
            string Symbols(NetPath p) => string.Join(" * ", p.Factors.Select(x => x.Symbol));
            string Numbers(NetPath p) => string.Join(" * ", p.Factors.Select(x => P(x.Value)));
            if (g.Paths.Count == 1)
            {
                var p = g.Paths[0];
                sb.Append($"  {g.Symbol} = {Symbols(p)} = {Numbers(p)} = {F(g.PathSum)}{Flag(p, F)}   (engine {F(g.EngineGradient)})\n");
                continue;
            }
            sb.Append($"  {g.Symbol} = sum over {g.Paths.Count} paths\n");
            foreach (var p in g.Paths)
                sb.Append($"    {Symbols(p)} = {Numbers(p)} = {F(p.Product)}{Flag(p, F)}\n");
            sb.Append($"  {g.Symbol} = {string.Join(" + ", g.Paths.Select(p => P(p.Product)))} = {F(g.PathSum)}   (engine {F(g.EngineGradient)})\n");
        }

        var flagged = e.FlaggedPaths.ToList();
        sb.Append("\nPath check\n");
        if (flagged.Count == 0)
            sb.Append($"  no path vanishes (gain below {F(s.VanishingBelow)}) or explodes (above {F(s.ExplodingAbove)}).\n");
        else
        {
            foreach (var group in flagged.GroupBy(x => x.Path.Health))
                sb.Append($"  {group.Count()} path(s) {Describe(group.Key, s, F)}: {string.Join(", ", group.Select(x => x.Gradient.Weight.Name).Distinct())}\n");
            sb.Append("  (gain = product of the factors between L and the weight's own neuron, f'(z) included.)\n");
        }

        sb.Append($"\nUpdate (gradient descent: w = w - lr * dL/dw, lr = {F(s.LearningRate)})\n");
        foreach (var u in e.Updates)
            sb.Append($"  {u.Weight.Name} = {F(u.Weight.Value)} - {F(s.LearningRate)} * {P(u.Gradient)} = {Explanations.NumberFormat.FormatChanged(u.Weight.Value, u.New, s.Precision)}\n");
        sb.Append($"  new output {string.Join(", ", e.NewOutputs.Select(F))}; new L = {F(e.NewLoss)} (was {F(e.Loss)})\n");
        return sb.ToString();
    }

    internal static string Factor(NetFactor f, Func<double, string> fmt)
    {
        string value = fmt(f.Value);
        var parts = new List<string> { f.Formula };
        if (f.Substituted != f.Formula && f.Substituted != value) parts.Add(f.Substituted);
        if (parts[^1] != value) parts.Add(value);
        return $"{f.Symbol} = {string.Join(" = ", parts)}";
    }

    static string Flag(NetPath p, Func<double, string> f) => p.Health switch
    {
        PathHealth.Blocked => "   [blocked: a factor is 0]",
        PathHealth.Vanishing => $"   [vanishing: gain {f(p.Gain)}]",
        PathHealth.Exploding => $"   [exploding: gain {f(p.Gain)}]",
        _ => "",
    };

    internal static string Describe(PathHealth h, NetworkSpec s, Func<double, string> f) => h switch
    {
        PathHealth.Blocked => "blocked (a zero derivative: an inactive relu or a step)",
        PathHealth.Vanishing => $"vanishing (|gain| < {f(s.VanishingBelow)})",
        _ => $"exploding (|gain| > {f(s.ExplodingAbove)})",
    };
}
