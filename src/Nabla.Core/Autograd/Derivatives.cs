using System.Numerics.Tensors;
using Nabla.Kernels;

namespace Nabla;

// Every derivative rule of Nabla, in one file, so the calculus can be reviewed in one sitting.
// Each class receives g = dL/d(output) and returns dL/d(input) for each input: the local derivative
// times g (the chain rule). Rules run with grad mode off. Broadcasting is undone only by SumTo.

/// <summary>d(a + b)/da = 1, d(a + b)/db = 1.</summary>
internal sealed class AddBackward(Tensor a, Tensor b) : BackwardFunction(a, b)
{
    public override Tensor?[] Backward(Tensor g) => [g.SumTo(a.Shape), g.SumTo(b.Shape)];
}

/// <summary>d(a - b)/da = 1, d(a - b)/db = -1.</summary>
internal sealed class SubBackward(Tensor a, Tensor b) : BackwardFunction(a, b)
{
    public override Tensor?[] Backward(Tensor g) => [g.SumTo(a.Shape), NeedsGrad(1) ? (-g).SumTo(b.Shape) : null];
}

/// <summary>d(a * b)/da = b, d(a * b)/db = a.</summary>
internal sealed class MulBackward(Tensor a, Tensor b) : BackwardFunction(a, b)
{
    public override Tensor?[] Backward(Tensor g) =>
        [NeedsGrad(0) ? (g * b).SumTo(a.Shape) : null, NeedsGrad(1) ? (g * a).SumTo(b.Shape) : null];
}

/// <summary>d(a / b)/da = 1 / b, d(a / b)/db = -a / b^2 = -out / b.</summary>
internal sealed class DivBackward(Tensor a, Tensor b, Tensor output) : BackwardFunction(a, b)
{
    public override Tensor?[] Backward(Tensor g) =>
        [NeedsGrad(0) ? (g / b).SumTo(a.Shape) : null, NeedsGrad(1) ? (-g * output / b).SumTo(b.Shape) : null];
}

/// <summary>d(-a)/da = -1.</summary>
internal sealed class NegBackward(Tensor a) : BackwardFunction(a)
{
    public override Tensor?[] Backward(Tensor g) => [-g];
}

/// <summary>d(x^p)/dx = p x^(p-1) for a constant p; exactly 0 for p = 0 (as PyTorch: 0 * 0^-1 would be NaN at x = 0).</summary>
internal sealed class PowScalarBackward(Tensor x, float p) : BackwardFunction(x)
{
    public override string Name => "PowBackward";
    public override Tensor?[] Backward(Tensor g) => [p == 0f ? Tensor.ZerosLike(x) : p == 2f ? g * x * 2f : g * p * x.Pow(p - 1f)];
}

/// <summary>
/// d(a^b)/da = b a^(b-1), taken as 0 where b = 0; d(a^b)/db = a^b ln a, taken as 0 where a = 0 and b &gt;= 0
/// (PyTorch's conventions: the limits that keep 0^0 = 1 and 0^b = 0 flat instead of NaN or -inf).
/// </summary>
internal sealed class PowBackward(Tensor a, Tensor b, Tensor output) : BackwardFunction(a, b)
{
    public override Tensor?[] Backward(Tensor g)
    {
        var dims = output.Shape.Dims;
        Tensor ab = a.BroadcastTo(dims), bb = b.BroadcastTo(dims);
        Tensor? da = null, db = null;
        if (NeedsGrad(0))
            da = Elementwise.Zip(g * bb * ab.Pow(bb - 1f), bb, (t, e) => e == 0f ? 0f : t).SumTo(a.Shape);
        if (NeedsGrad(1))
        {
            var zeroBase = Elementwise.Zip(ab, bb, (x, e) => x == 0f && e >= 0f ? 1f : 0f);
            db = Elementwise.Zip(g * output * ab.Log(), zeroBase, (t, z) => z != 0f ? 0f : t).SumTo(b.Shape);
        }
        return [da, db];
    }
}

/// <summary>
/// max(a, b) (or min) passes g to the operand it selected; ties go to a (NOTE: PyTorch splits g in halves at a
/// tie: a documented deviation). Where either is NaN, both receive g, as PyTorch.
/// </summary>
internal sealed class MaximumBackward(Tensor a, Tensor b, bool takeMax) : BackwardFunction(a, b)
{
    public override string Name => takeMax ? "MaximumBackward" : "MinimumBackward";

    public override Tensor?[] Backward(Tensor g)
    {
        // Masks in the broadcast shape of the output: a loses only where b is strictly better, b gets g unless a
        // won or tied; comparisons with NaN are false, so NaN sends g to both.
        var dims = g.Shape.Dims;
        Tensor ab = a.BroadcastTo(dims), bb = b.BroadcastTo(dims);
        Func<float, float, bool> better = takeMax ? (x, y) => x > y : (x, y) => x < y;
        var toA = Elementwise.Zip(ab, bb, (x, y) => better(y, x) ? 0f : 1f);
        var toB = Elementwise.Zip(ab, bb, (x, y) => better(x, y) || x == y ? 0f : 1f);
        return [NeedsGrad(0) ? (g * toA).SumTo(a.Shape) : null, NeedsGrad(1) ? (g * toB).SumTo(b.Shape) : null];
    }
}

/// <summary>d e^x/dx = e^x, the saved output.</summary>
internal sealed class ExpBackward(Tensor x, Tensor output) : BackwardFunction(x)
{
    public override Tensor?[] Backward(Tensor g) => [g * output];
}

/// <summary>d ln x/dx = 1 / x.</summary>
internal sealed class LogBackward(Tensor x) : BackwardFunction(x)
{
    public override Tensor?[] Backward(Tensor g) => [g / x];
}

/// <summary>d log(1 + x)/dx = 1 / (1 + x).</summary>
internal sealed class Log1pBackward(Tensor x) : BackwardFunction(x)
{
    public override Tensor?[] Backward(Tensor g) => [g / (x + 1f)];
}

/// <summary>d (e^x - 1)/dx = e^x = out + 1 (as PyTorch).</summary>
internal sealed class Expm1Backward(Tensor x, Tensor output) : BackwardFunction(x)
{
    public override Tensor?[] Backward(Tensor g) => [g * (output + 1f)];
}

/// <summary>
/// GELU, tanh approximation: with u = √(2/π) (x + κ x³) and t = tanh u, y = x (1 + t) / 2 and
/// dy/dx = (1 + t) / 2 + x (1 - t²) √(2/π) (1 + 3κ x²) / 2.
/// </summary>
internal sealed class GeluTanhBackward(Tensor x) : BackwardFunction(x)
{
    private const double Beta = 0.7978845608028654, Kappa = 0.044715; // √(2/π), κ

    public override string Name => "GeluBackward";

    public static double Value(double v) => 0.5 * v * (1 + Math.Tanh(Beta * (v + Kappa * v * v * v)));

    public override Tensor?[] Backward(Tensor g) =>
        [g * Elementwise.Map(x, v =>
        {
            double t = Math.Tanh(Beta * (v + Kappa * v * v * v));
            return (float)(0.5 * (1 + t) + 0.5 * v * (1 - t * t) * Beta * (1 + 3 * Kappa * v * v));
        })];
}

/// <summary>where(c, a, b): g goes to a where c was non-zero, to b elsewhere.</summary>
internal sealed class WhereBackward(bool[] mask, Tensor a, Tensor b) : BackwardFunction(a, b)
{
    public override Tensor?[] Backward(Tensor g)
    {
        Tensor? da = null, db = null;
        if (NeedsGrad(0)) da = Elementwise.Zip(g, g, (v, _) => v).Masked(mask, keep: true).SumTo(a.Shape);
        if (NeedsGrad(1)) db = Elementwise.Zip(g, g, (v, _) => v).Masked(mask, keep: false).SumTo(b.Shape);
        return [da, db];
    }
}

/// <summary>d sqrt(x)/dx = 1 / (2 sqrt(x)), from the saved output.</summary>
internal sealed class SqrtBackward(Tensor x, Tensor output) : BackwardFunction(x)
{
    public override Tensor?[] Backward(Tensor g) => [g / (output * 2f)];
}

/// <summary>d|x|/dx = sign(x), 0 at 0 and at NaN (as PyTorch's sgn; MathF.Sign would throw on NaN).</summary>
internal sealed class AbsBackward(Tensor x) : BackwardFunction(x)
{
    public override Tensor?[] Backward(Tensor g) => [g * Elementwise.Map(x, v => v > 0f ? 1f : v < 0f ? -1f : 0f)];
}

/// <summary>d clamp(x)/dx = 1 inside [min, max] (boundaries included, as PyTorch), else 0.</summary>
internal sealed class ClampBackward(Tensor x, float min, float max) : BackwardFunction(x)
{
    public override Tensor?[] Backward(Tensor g) => [g * Elementwise.Map(x, v => v >= min && v <= max ? 1f : 0f)];
}

/// <summary>
/// The Heaviside step is flat on both sides of 0 (undefined at 0): its derivative is taken as 0 everywhere, as
/// g * 0 so that a NaN or infinite g still shows up downstream.
/// </summary>
internal sealed class StepBackward(Tensor x) : BackwardFunction(x)
{
    public override Tensor?[] Backward(Tensor g) => [g * 0f];
}

/// <summary>d sigma(x)/dx = sigma(x) (1 - sigma(x)), saved output.</summary>
internal sealed class SigmoidBackward(Tensor x, Tensor output) : BackwardFunction(x)
{
    public override Tensor?[] Backward(Tensor g) => [FusedGrad.Apply(g, output, ActivationGrad.Sigmoid)];
}

/// <summary>d tanh(x)/dx = 1 - tanh(x)^2, saved output.</summary>
internal sealed class TanhBackward(Tensor x, Tensor output) : BackwardFunction(x)
{
    public override Tensor?[] Backward(Tensor g) => [FusedGrad.Apply(g, output, ActivationGrad.Tanh)];
}

/// <summary>d relu(x)/dx = 1 where x &gt; 0, else 0 (0 at the kink, as PyTorch).</summary>
internal sealed class ReluBackward(Tensor x, Tensor output) : BackwardFunction(x)
{
    public override Tensor?[] Backward(Tensor g) => [FusedGrad.Apply(g, output, ActivationGrad.Relu)];
}

/// <summary>d leaky_relu(x)/dx = 1 where x &gt; 0, else slope.</summary>
internal sealed class LeakyReluBackward(Tensor x, float slope) : BackwardFunction(x)
{
    public override Tensor?[] Backward(Tensor g) => [FusedGrad.Apply(g, x, (gs, xs, dx) => ActivationGrad.LeakyRelu(gs, xs, slope, dx))];
}

/// <summary>d softplus(x)/dx = sigma(x), in double so that it is about e^x (not 0) for very negative x.</summary>
internal sealed class SoftplusBackward(Tensor x) : BackwardFunction(x)
{
    public override Tensor?[] Backward(Tensor g) => [g * Elementwise.Map(x, v => (float)ScalarMath.Sigmoid(v))];
}

/// <summary>
/// d elu(x)/dx = alpha e^x where x &lt;= 0, else 1 (NaN takes the 1, as PyTorch). From x, not from out + alpha,
/// which cancels to nothing below x = -17.
/// </summary>
internal sealed class EluBackward(Tensor x, float alpha) : BackwardFunction(x)
{
    public override Tensor?[] Backward(Tensor g) =>
        [g * Elementwise.Map(x, v => v <= 0f ? (float)(alpha * Math.Exp(v)) : 1f)];
}

/// <summary>d (x Φ(x))/dx = Φ(x) + x φ(x).</summary>
internal sealed class GeluBackward(Tensor x) : BackwardFunction(x)
{
    public override Tensor?[] Backward(Tensor g) =>
        [g * Elementwise.Map(x, v => (float)(Activations.NormalCdf(v) + v * Activations.NormalPdf(v)))];
}

/// <summary>d (x sigma(x))/dx = sigma(x) (1 + x (1 - sigma(x))).</summary>
internal sealed class SiluBackward(Tensor x) : BackwardFunction(x)
{
    public override Tensor?[] Backward(Tensor g) =>
        [g * Elementwise.Map(x, v => { double s = 1.0 / (1.0 + Math.Exp(-(double)v)); return (float)(s * (1 + v * (1 - s))); })];
}

/// <summary>
/// Softmax over the last dimension, y = softmax(x): dL/dx = y (g - sum(g y)) per row, evaluated without the
/// cancellation of the dominant term (<see cref="SoftmaxRowsGrad"/>; the plain form is 0.3% off for logits of +-100).
/// </summary>
internal sealed class SoftmaxBackward(Tensor x, Tensor output) : BackwardFunction(x)
{
    public override Tensor?[] Backward(Tensor g) => [SoftmaxRowsGrad.Apply(g, output, log: false)];
}

/// <summary>
/// Log-softmax over the last dimension, y = log_softmax(x), p = e^y: dL/dx = g - p sum(g) per row, evaluated as
/// <see cref="SoftmaxRowsGrad"/> does for the same reason as softmax (and e^0 is exactly 1 there).
/// </summary>
internal sealed class LogSoftmaxBackward(Tensor x, Tensor output) : BackwardFunction(x)
{
    public override Tensor?[] Backward(Tensor g) => [SoftmaxRowsGrad.Apply(g, output, log: true)];
}

/// <summary>d sum(x)/dx_i = 1: g spreads to every element.</summary>
internal sealed class SumBackward(Tensor x) : BackwardFunction(x)
{
    public override Tensor?[] Backward(Tensor g) => [Tensor.Full(g.Item(), x.Shape.Dims)];
}

/// <summary>d sum_dim(x)/dx = 1 along the reduced dimension: g is repeated along it.</summary>
internal sealed class SumDimBackward(Tensor x, int dim, bool keepDim) : BackwardFunction(x)
{
    public override string Name => "SumBackward";
    public override Tensor?[] Backward(Tensor g) => [(keepDim ? g : g.Unsqueeze(dim)).BroadcastTo(x.Shape.Dims)];
}

/// <summary>Max/min over a dimension: g goes to the element that was selected (first occurrence), 0 elsewhere.</summary>
internal sealed class IndexReductionBackward(Tensor x, int dim, int[] indices) : BackwardFunction(x)
{
    public override string Name => "MaxBackward";

    public override Tensor?[] Backward(Tensor g)
    {
        var (outer, n, inner) = x.Split(dim);
        var result = Tensor.ZerosLike(x);
        var dst = result.Data;
        var src = g.Data;
        for (int o = 0; o < outer; o++)
            for (int i = 0; i < inner; i++)
                dst[(o * n + indices[o * inner + i]) * inner + i] = src[o * inner + i];
        return [result];
    }
}

/// <summary>A broadcast repeats values: the gradient sums over the repeats.</summary>
internal sealed class BroadcastToBackward(Tensor x) : BackwardFunction(x)
{
    public override Tensor?[] Backward(Tensor g) => [g.SumTo(x.Shape)];
}

/// <summary>A reshape moves no values: the gradient takes the input's shape back.</summary>
internal sealed class ReshapeBackward(Tensor x) : BackwardFunction(x)
{
    public override Tensor?[] Backward(Tensor g) => [g.Reshape(x.Shape.Dims)];
}

/// <summary>A permutation moves values: the gradient is permuted back by the inverse order.</summary>
internal sealed class PermuteBackward(Tensor x, int[] order) : BackwardFunction(x)
{
    public override Tensor?[] Backward(Tensor g)
    {
        var inverse = new int[order.Length];
        for (int i = 0; i < order.Length; i++) inverse[order[i]] = i;
        return [g.Permute(inverse)];
    }
}

/// <summary>A slice: g goes back to the sliced positions, 0 elsewhere.</summary>
internal sealed class SliceBackward(Tensor x, int dim, int start) : BackwardFunction(x)
{
    public override Tensor?[] Backward(Tensor g)
    {
        var (outer, n, inner) = x.Split(dim);
        int length = g.Shape[dim];
        var result = Tensor.ZerosLike(x);
        for (int o = 0; o < outer; o++)
            g.Data.Slice(o * length * inner, length * inner).CopyTo(result.Data.Slice((o * n + start) * inner));
        return [result];
    }
}

/// <summary>IndexSelect: each picked row's gradient is added back to the row it came from (repeats sum).</summary>
internal sealed class IndexSelectBackward(Tensor x, int dim, int[] indices) : BackwardFunction(x)
{
    public override Tensor?[] Backward(Tensor g)
    {
        var (outer, n, inner) = x.Split(dim);
        var result = Tensor.ZerosLike(x);
        for (int o = 0; o < outer; o++)
            for (int k = 0; k < indices.Length; k++)
            {
                var dst = result.Data.Slice((o * n + indices[k]) * inner, inner);
                TensorPrimitives.Add(dst, g.Data.Slice((o * indices.Length + k) * inner, inner), dst);
            }
        return [result];
    }
}

/// <summary>Concat: each input receives its own slice of g.</summary>
internal sealed class ConcatBackward(Tensor[] tensors, int dim) : BackwardFunction(tensors)
{
    public override Tensor?[] Backward(Tensor g)
    {
        var grads = new Tensor?[Inputs.Count];
        int offset = 0;
        for (int i = 0; i < grads.Length; i++)
        {
            int n = Inputs[i].Shape[dim];
            if (NeedsGrad(i)) grads[i] = g.Slice(dim, offset, n);
            offset += n;
        }
        return grads;
    }
}

/// <summary>Gather: g is scattered back, adding where one position was picked several times.</summary>
internal sealed class GatherBackward(Tensor x, int[] positions) : BackwardFunction(x)
{
    public override Tensor?[] Backward(Tensor g)
    {
        var result = Tensor.ZerosLike(x);
        var dst = result.Data;
        var src = g.Data;
        for (int i = 0; i < positions.Length; i++) dst[positions[i]] += src[i];
        return [result];
    }
}

/// <summary>C = A B: dL/dA = g B^T, dL/dB = A^T g (GEMM with transpose flags, nothing materialised).</summary>
internal sealed class MatMulBackward(Tensor a, Tensor b) : BackwardFunction(a, b)
{
    public override Tensor?[] Backward(Tensor g)
    {
        int m = a.Shape[0], k = a.Shape[1], n = b.Shape[1];
        Tensor? ga = null, gb = null;
        if (NeedsGrad(0))
        {
            ga = Tensor.ZerosLike(a);
            Gemm.Multiply(false, true, m, k, n, g.Data, n, b.Data, n, ga.Data, k);
        }
        if (NeedsGrad(1))
        {
            gb = Tensor.ZerosLike(b);
            Gemm.Multiply(true, false, k, n, m, a.Data, k, g.Data, n, gb.Data, n);
        }
        return [ga, gb];
    }
}

/// <summary>Batched C_i = A_i B_i: dL/dA_i = g_i B_i^T, dL/dB_i = A_i^T g_i.</summary>
internal sealed class BatchedMatMulBackward(Tensor a, Tensor b) : BackwardFunction(a, b)
{
    public override string Name => "BmmBackward";

    public override Tensor?[] Backward(Tensor g)
    {
        int batch = a.Shape[0], m = a.Shape[1], k = a.Shape[2], n = b.Shape[2];
        Tensor? ga = NeedsGrad(0) ? Tensor.ZerosLike(a) : null, gb = NeedsGrad(1) ? Tensor.ZerosLike(b) : null;
        for (int i = 0; i < batch; i++)
        {
            var gi = g.Data.Slice(i * m * n, m * n);
            if (ga is not null)
                Gemm.Multiply(false, true, m, k, n, gi, n, b.Data.Slice(i * k * n, k * n), n, ga.Data.Slice(i * m * k, m * k), k);
            if (gb is not null)
                Gemm.Multiply(true, false, k, n, m, a.Data.Slice(i * m * k, m * k), k, gi, n, gb.Data.Slice(i * k * n, k * n), n);
        }
        return [ga, gb];
    }
}

/// <summary>y = x W^T + b: dL/dx = g W, dL/dW = g^T x, dL/db = sum of g over the batch.</summary>
internal sealed class LinearBackward : BackwardFunction
{
    private readonly Tensor x, w;
    private readonly Tensor? b;

    public LinearBackward(Tensor x, Tensor w) : base(x, w) => (this.x, this.w) = (x, w);
    public LinearBackward(Tensor x, Tensor w, Tensor b) : base(x, w, b) => (this.x, this.w, this.b) = (x, w, b);

    public override Tensor?[] Backward(Tensor g)
    {
        int n = x.Shape[0], inF = w.Shape[1], outF = w.Shape[0];
        Tensor? gx = null, gw = null, gb = null;
        if (NeedsGrad(0))
        {
            gx = Tensor.ZerosLike(x);
            Gemm.Multiply(false, false, n, inF, outF, g.Data, outF, w.Data, inF, gx.Data, inF);
        }
        if (NeedsGrad(1))
        {
            gw = Tensor.ZerosLike(w);
            Gemm.Multiply(true, false, outF, inF, n, g.Data, outF, x.Data, inF, gw.Data, inF);
        }
        if (b is not null && NeedsGrad(2)) gb = g.Sum(0);
        return b is null ? [gx, gw] : [gx, gw, gb];
    }
}

/// <summary>Fused softmax cross-entropy, L = mean(logsumexp(x) - x[t]): dL/dx = (softmax(x) - onehot(t)) / n.</summary>
internal sealed class CrossEntropyWithLogitsBackward(Tensor logits, Tensor target, int[] classes, float[] probabilities)
    : BackwardFunction(logits, target)
{
    public override Tensor?[] Backward(Tensor g)
    {
        int n = classes.Length, c = logits.Shape[1];
        var dx = Tensor.ZerosLike(logits);
        var d = dx.Data;
        float scale = g.Item() / n;
        TensorPrimitives.Multiply(probabilities, scale, d);
        for (int i = 0; i < n; i++) d[i * c + classes[i]] -= scale;
        return [dx, null];
    }
}

/// <summary>Runs a fused activation-gradient kernel: dx = g * f'(saved) in one pass.</summary>
internal static class FusedGrad
{
    public delegate void GradKernel(ReadOnlySpan<float> g, ReadOnlySpan<float> saved, Span<float> dx);

    public static Tensor Apply(Tensor g, Tensor saved, GradKernel kernel)
    {
        var dx = Tensor.ZerosLike(saved);
        kernel(g.Data, saved.Data, dx.Data);
        return dx;
    }
}

/// <summary>
/// The row-wise softmax and log-softmax backward passes, in double. With p the (unnormalised) probabilities,
/// S = sum(p), and k the largest: the sums R = sum_{j != k} p_j, Q = sum_{j != k} p_j g_j, G = sum_{j != k} g_j leave the
/// dominant p_k out, so terms like 1 - p_k ~ 1e-15 are not absorbed into 1 (in double too). Then exactly:
/// softmax dx_i = p_i (p_k (g_i - g_k) + g_i R - Q), and log-softmax dx_k = (g_k R - p_k G) / S,
/// dx_i = (g_i S - p_i (g_k + G)) / S for i != k.
/// </summary>
internal static class SoftmaxRowsGrad
{
    public static Tensor Apply(Tensor g, Tensor output, bool log)
    {
        var dx = Tensor.ZerosLike(output);
        int width = output.Shape[-1];
        if (width == 0) return dx;
        var gs = g.Data;
        var ys = output.Data;
        var d = dx.Data;
        var p = new double[width];
        for (int o = 0; o < ys.Length; o += width)
        {
            int k = 0;
            for (int i = 0; i < width; i++)
            {
                p[i] = log ? Math.Exp(ys[o + i]) : ys[o + i];
                if (p[i] > p[k]) k = i;
            }
            double r = 0, q = 0, rest = 0, gk = gs[o + k], pk = p[k];
            for (int j = 0; j < width; j++)
            {
                if (j == k) continue;
                r += p[j];
                q += p[j] * gs[o + j];
                rest += gs[o + j];
            }
            double sum = pk + r;
            for (int i = 0; i < width; i++)
            {
                double gi = gs[o + i];
                d[o + i] = (float)(log
                    ? (i == k ? gk * r - pk * rest : gi * sum - p[i] * (gk + rest)) / sum
                    : p[i] * (pk * (gi - gk) + gi * r - q));
            }
        }
        return dx;
    }
}

/// <summary>Small helpers that build the masks and local-derivative tensors the rules above multiply by.</summary>
internal static class Elementwise
{
    public static Tensor Map(Tensor x, Func<float, float> f)
    {
        var result = Tensor.ZerosLike(x);
        var src = x.Data;
        var dst = result.Data;
        for (int i = 0; i < src.Length; i++) dst[i] = f(src[i]);
        return result;
    }

    /// <summary>Zeroes (in place) the entries where <paramref name="mask"/> differs from <paramref name="keep"/>; returns the tensor.</summary>
    public static Tensor Masked(this Tensor t, bool[] mask, bool keep)
    {
        var d = t.Data;
        for (int i = 0; i < d.Length; i++) if (mask[i] != keep) d[i] = 0f;
        return t;
    }

    public static Tensor Zip(Tensor x, Tensor y, Func<float, float, float> f)
    {
        var result = Tensor.ZerosLike(x);
        var a = x.Data;
        var b = y.Data;
        var dst = result.Data;
        for (int i = 0; i < a.Length; i++) dst[i] = f(a[i], b[i]);
        return result;
    }
}
