using System.Text;

namespace Nabla.Whiteboard.Networks;

/// <summary>
/// The backward pass of a <see cref="NetworkExplanation"/> in matrix form, layer by layer from the output:
/// delta_L = dL/da_L * f'(z_L), delta_l = (W_(l+1)^T delta_(l+1)) * f'(z_l) (elementwise *), and
/// dL/dW_l = delta_l a_(l-1)^T, dL/db_l = delta_l, every matrix written out with its numbers. W_l is
/// [out, in] (row k holds neuron k's weights), as in <see cref="NetworkSpec.Weights"/>; a_0 = x.
/// For a linear 2-2-1 net with the squared loss this is the lecture's dL/dw11^2 = -2 (y - y_hat) o11.
/// </summary>
public static class NetworkMatrix
{
    /// <summary>The matrix form as text, lines separated by '\n'.</summary>
    public static string Render(NetworkExplanation e)
    {
        ArgumentNullException.ThrowIfNull(e);
        string F(double v) => e.Format(v);
        int depth = e.Spec.Layers.Count - 1;
        var sb = new StringBuilder();
        sb.Append($"Backward pass in matrix form ({string.Join("-", e.Spec.Layers)}, {e.ActivationName}, L = {e.LossFormula})\n");
        sb.Append("  delta_l = dL/dz_l; * is elementwise; W_l is [out, in]; a_0 = x\n");
        var delta = new double[depth + 1][];
        for (int l = depth; l >= 1; l--)
        {
            var layer = e.Neurons.Where(n => n.Layer == l).ToArray();
            var slope = Column(layer.Select(n => n.Slope));
            var input = l == 1 ? e.Spec.X.Select(v => (double)(float)v).ToArray() : e.Neurons.Where(n => n.Layer == l - 1).Select(n => n.Value).ToArray();
            sb.Append($"\nLayer {l}{(l == depth ? " (output)" : "")}\n");
            double[] upstream;
            if (l == depth)
            {
                upstream = e.OutputDerivatives.Select(d => d.Value).ToArray();
                sb.Append($"  delta{l} = dL/da{l} * f'(z{l})\n");
                Side(sb, [("dL/da" + l, Column(upstream)), ("*", null), ($"f'(z{l})", slope), ("=", null), ("delta" + l, null)], F, delta[l] = Times(upstream, layer));
            }
            else
            {
                var next = e.Neurons.Where(n => n.Layer == l + 1).ToArray();
                // W_(l+1)^T: row j holds the weights leaving neuron j of layer l.
                var wT = Enumerable.Range(0, layer.Length).Select(j => next.Select(n => n.Weights[j].Value).ToArray()).ToArray();
                upstream = wT.Select(row => row.Zip(delta[l + 1], (w, d) => w * d).Sum()).ToArray();
                sb.Append($"  delta{l} = (W{l + 1}^T delta{l + 1}) * f'(z{l})\n");
                Side(sb, [($"W{l + 1}^T", wT), ("", null), ("delta" + (l + 1), Column(delta[l + 1])), ("=", null), ("", Column(upstream)), ("*", null), ($"f'(z{l})", slope), ("=", null), ("delta" + l, null)],
                    F, delta[l] = Times(upstream, layer));
            }
            var grad = delta[l].Select(d => input.Select(a => d * a).ToArray()).ToArray();
            sb.Append($"  dL/dW{l} = delta{l} a{l - 1}^T\n");
            Side(sb, [("delta" + l, Column(delta[l])), ("", null), ($"a{l - 1}^T", [input]), ("=", null), ("dL/dW" + l, grad)], F, null);
            if (layer[0].Weights.Any(w => w.IsBias)) sb.Append($"  dL/db{l} = delta{l}\n");
            if (l == depth && layer.Length == 1 && e.Spec.Loss == NetLoss.Squared)
            {
                // The lecture's scalar form of the same entries: dL/dw = -2 (y - y_hat) f'(z) o.
                double y = e.Spec.Y[0], yHat = layer[0].Value;
                foreach (var (w, i) in layer[0].Weights.Where(w => !w.IsBias).Select((w, i) => (w, i)))
                    sb.Append($"  as the lecture writes it: dL/d{w.Name} = -2 (y - y_hat) f'(z{l}) {layer[0].Inputs[i]} = -2 * ({F(y)} - {Paren(F(yHat))}) * {F(layer[0].Slope)} * {Paren(F(input[i]))} = {F(grad[0][i])}\n");
            }
            // Each entry is one weight's gradient: name them so the matrix meets the scalar chain rule.
            var names = layer.SelectMany((n, k) => n.Weights.Where(w => !w.IsBias).Select((w, i) => $"{w.Name} = {F(grad[k][i])}"));
            sb.Append($"  entries: {string.Join(", ", names)}\n");
        }
        return sb.ToString();
    }

    static string Paren(string number) => number.StartsWith('-') ? "(" + number + ")" : number;

    static double[][] Column(IEnumerable<double> values) => values.Select(v => new[] { v }).ToArray();

    static double[] Times(double[] upstream, NeuronStep[] layer) => upstream.Select((u, k) => u * layer[k].Slope).ToArray();

    // Matrices side by side, each with its name above, rows vertically centred; a null matrix is an operator
    // (or, as the last item, the result given by `result`).
    static void Side(StringBuilder sb, (string Name, double[][]? M)[] items, Func<double, string> f, double[]? result)
    {
        var blocks = items.Select((it, i) =>
        {
            if (it.M is null && i == items.Length - 1 && result is not null) return (it.Name, Lines: Block(Column(result), f));
            return it.M is null ? (Name: "", Lines: new List<string> { it.Name }) : (it.Name, Lines: Block(it.M, f));
        }).ToList();
        int rows = blocks.Max(b => b.Lines.Count);
        var widths = blocks.Select(b => Math.Max(b.Name.Length, b.Lines.Max(l => l.Length))).ToArray();
        var text = new List<string> { "    " + string.Join("  ", blocks.Select((b, i) => b.Name.PadRight(widths[i]))) };
        for (int r = 0; r < rows; r++)
        {
            var cells = blocks.Select((b, i) =>
            {
                int top = (rows - b.Lines.Count) / 2;
                string cell = r >= top && r < top + b.Lines.Count ? b.Lines[r - top] : "";
                return cell.PadRight(widths[i]);
            });
            text.Add("    " + string.Join("  ", cells));
        }
        foreach (var line in text) sb.Append(line.TrimEnd()).Append('\n');
    }

    // "[ 0.41  -0.22 ]" per row, columns right-aligned.
    static List<string> Block(double[][] m, Func<double, string> f)
    {
        var cells = m.Select(row => row.Select(f).ToArray()).ToArray();
        int cols = cells.Max(r => r.Length);
        var width = Enumerable.Range(0, cols).Select(c => cells.Max(r => c < r.Length ? r[c].Length : 0)).ToArray();
        return cells.Select(r => "[ " + string.Join("  ", r.Select((c, i) => c.PadLeft(width[i]))) + " ]").ToList();
    }
}
