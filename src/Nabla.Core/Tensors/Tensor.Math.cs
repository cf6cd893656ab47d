using System.Numerics.Tensors;
using Nabla.Kernels;

namespace Nabla;

public sealed partial class Tensor
{
    /// <summary>Elementwise e^x.</summary>
    public Tensor Exp()
    {
        var result = Map((x, r) => TensorPrimitives.Exp(x, r));
        return Autograd.Record(result, new ExpBackward(this, result));
    }

    /// <summary>Elementwise natural logarithm (NaN below 0, -inf at 0).</summary>
    public Tensor Log() => Autograd.Record(Map((x, r) => TensorPrimitives.Log(x, r)), new LogBackward(this));

    /// <summary>Elementwise log(1 + x), accurate for tiny x (where Log(1 + x) rounds to 0).</summary>
    public Tensor Log1p() => Autograd.Record(MapScalar(ScalarMath.Log1p), new Log1pBackward(this));

    /// <summary>Elementwise e^x - 1, accurate for tiny x (where Exp() - 1 cancels).</summary>
    public Tensor Expm1()
    {
        var result = MapScalar(ScalarMath.Expm1);
        return Autograd.Record(result, new Expm1Backward(this, result));
    }

    /// <summary>Elementwise square root.</summary>
    public Tensor Sqrt()
    {
        var result = Map((x, r) => TensorPrimitives.Sqrt(x, r));
        return Autograd.Record(result, new SqrtBackward(this, result));
    }

    /// <summary>Elementwise absolute value (gradient 0 at 0, as PyTorch).</summary>
    public Tensor Abs() => Autograd.Record(Map((x, r) => TensorPrimitives.Abs(x, r)), new AbsBackward(this));

    /// <summary>Limits every value to [<paramref name="min"/>, <paramref name="max"/>]; the gradient passes where the value was inside.</summary>
    public Tensor Clamp(float min, float max)
    {
        if (min > max) throw new ArgumentException($"Clamp: min ({min}) is greater than max ({max}).");
        var result = Map((x, r) => TensorPrimitives.Clamp(x, min, max, r));
        return Autograd.Record(result, new ClampBackward(this, min, max));
    }

    /// <summary>Heaviside step: 1 where x &gt; 0, else 0. Its derivative is 0 wherever it exists, so no gradient flows through it.</summary>
    public Tensor Step() => Autograd.Record(Map(Activations.Step), new StepBackward(this));

    /// <summary>Logistic sigmoid 1 / (1 + e^-x); saturates to exactly 0 or 1 without overflow for large |x|.</summary>
    public Tensor Sigmoid()
    {
        var result = Map(Activations.Sigmoid);
        return Autograd.Record(result, new SigmoidBackward(this, result));
    }

    /// <summary>Hyperbolic tangent, correctly rounded to float32 (odd, exact near 0).</summary>
    public Tensor Tanh()
    {
        var result = Map(VectorTanh.Apply);
        return Autograd.Record(result, new TanhBackward(this, result));
    }

    /// <summary>Rectified linear unit max(x, 0) (gradient 0 at 0, as PyTorch).</summary>
    public Tensor Relu()
    {
        var result = Map((x, r) => TensorPrimitives.Max(x, 0f, r));
        return Autograd.Record(result, new ReluBackward(this, result));
    }

    /// <summary>Leaky ReLU: x where x &gt; 0, else <paramref name="slope"/> * x.</summary>
    public Tensor LeakyRelu(float slope = 0.01f) =>
        Autograd.Record(Map((x, r) => Activations.LeakyRelu(x, slope, r)), new LeakyReluBackward(this, slope));

    /// <summary>Softplus log(1 + e^x), computed as max(x, 0) + log1p(e^-|x|): never overflows, about e^x for very negative x.</summary>
    public Tensor Softplus() => Autograd.Record(Map(Activations.Softplus), new SoftplusBackward(this));

    /// <summary>Exponential linear unit: x where x &gt; 0, else <paramref name="alpha"/> (e^x - 1).</summary>
    public Tensor Elu(float alpha = 1f)
    {
        var result = Map((x, r) => Activations.Elu(x, alpha, r));
        return Autograd.Record(result, new EluBackward(this, alpha));
    }

    /// <summary>Gaussian error linear unit x Φ(x), with the exact (erf) form PyTorch uses by default.</summary>
    public Tensor Gelu() => Autograd.Record(Map(Activations.Gelu), new GeluBackward(this));

    /// <summary>
    /// GELU, exact (<paramref name="tanhApproximation"/> false, as <see cref="Gelu()"/>) or by the tanh approximation
    /// <c>0.5 x (1 + tanh(√(2/π) (x + 0.044715 x³)))</c> (PyTorch's <c>approximate="tanh"</c>).
    /// </summary>
    public Tensor Gelu(bool tanhApproximation) =>
        tanhApproximation ? Autograd.Record(MapScalar(GeluTanhBackward.Value), new GeluTanhBackward(this)) : Gelu();

    /// <summary>SiLU (swish) x * sigmoid(x).</summary>
    public Tensor Silu() => Autograd.Record(Map(Activations.Silu), new SiluBackward(this));

    /// <summary>A new tensor of this shape with <paramref name="f"/> (computed in double) applied to each value.</summary>
    private Tensor MapScalar(Func<double, double> f)
    {
        var result = new Tensor(new float[Size], Shape);
        var src = Data;
        var dst = result.Data;
        for (int i = 0; i < src.Length; i++) dst[i] = (float)f(src[i]);
        return result;
    }

    /// <summary>
    /// Softmax along <paramref name="dim"/>: e^x / sum(e^x), computed after subtracting the maximum so inputs of
    /// ±1000 neither overflow nor give NaN.
    /// </summary>
    public Tensor Softmax(int dim)
    {
        int d = Shape.NormalizeDim(dim, "Softmax");
        if (d != Rank - 1) return Transpose(d, Rank - 1).Softmax(-1).Transpose(d, Rank - 1);
        var result = new Tensor(new float[Size], Shape);
        Activations.SoftmaxRows(Data, Shape[-1], result.Data);
        return Autograd.Record(result, new SoftmaxBackward(this, result));
    }

    /// <summary>Log-softmax along <paramref name="dim"/>: x - max - log(sum(e^(x - max))) (log-sum-exp, stable).</summary>
    public Tensor LogSoftmax(int dim)
    {
        int d = Shape.NormalizeDim(dim, "LogSoftmax");
        if (d != Rank - 1) return Transpose(d, Rank - 1).LogSoftmax(-1).Transpose(d, Rank - 1);
        var result = new Tensor(new float[Size], Shape);
        Activations.LogSoftmaxRows(Data, Shape[-1], result.Data);
        return Autograd.Record(result, new LogSoftmaxBackward(this, result));
    }
}
