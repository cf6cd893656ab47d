using Nabla.Fused;
using Nabla.Kernels;

namespace Nabla.Tests.Kernels;

/// <summary>The element-wise and matrix-vector kernels of the fused training path against scalar references.</summary>
public class FusedLayerKernelTests
{
    private static float[] Random(Rng rng, int n, float scale = 1f)
    {
        var a = new float[n];
        for (int i = 0; i < n; i++) a[i] = scale * rng.NextGaussian();
        return a;
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(3, 15)]
    [InlineData(4, 16)]
    [InlineData(7, 17)]
    [InlineData(10, 128)]
    [InlineData(257, 784)]
    [InlineData(13, 33)]
    public void MatVec_Multiply_EqualsNaiveDotProducts(int rows, int cols)
    {
        var rng = new Rng((ulong)(rows * 1000 + cols));
        float[] w = Random(rng, rows * cols), x = Random(rng, cols), bias = Random(rng, rows), y = new float[rows];
        MatVec.Multiply(w, rows, cols, x, bias, y);
        for (int j = 0; j < rows; j++)
        {
            double expected = bias[j];
            for (int k = 0; k < cols; k++) expected += (double)w[j * cols + k] * x[k];
            Assert.Equal(expected, y[j], 1e-4 * Math.Sqrt(cols));
        }
    }

    [Theory]
    [InlineData(nameof(ActivationKind.Identity))]
    [InlineData(nameof(ActivationKind.Relu))]
    [InlineData(nameof(ActivationKind.LeakyRelu))]
    [InlineData(nameof(ActivationKind.Sigmoid))]
    [InlineData(nameof(ActivationKind.Tanh))]
    public void BiasActivation_ForwardAndBackward_EqualScalarFormulas(string kindName)
    {
        // By name (written when ActivationKind was internal; kept so the test data is unchanged).
        var kind = Enum.Parse<ActivationKind>(kindName);
        const int rows = 5, cols = 37;   // 37: vector body plus a scalar tail
        const float slope = 0.2f;
        var rng = new Rng(7);
        float[] z = Random(rng, rows * cols, 3f), bias = Random(rng, cols), g = Random(rng, rows * cols);
        float[] z0 = (float[])z.Clone(), g0 = (float[])g.Clone(), y = new float[rows * cols];
        BiasActivation.Forward(z, bias, rows, cols, kind, slope, y);
        BiasActivation.Backward(g, z, y, rows, cols, kind, slope);
        for (int i = 0; i < z.Length; i++)
        {
            float pre = z0[i] + bias[i % cols];
            (double f, double df) = kind switch
            {
                ActivationKind.Identity => (pre, 1.0),
                ActivationKind.Relu => (Math.Max(pre, 0), pre > 0 ? 1.0 : 0.0),
                ActivationKind.LeakyRelu => (pre > 0 ? pre : slope * pre, pre > 0 ? 1.0 : slope),
                ActivationKind.Sigmoid => (1 / (1 + Math.Exp(-pre)), Math.Exp(-pre) / Math.Pow(1 + Math.Exp(-pre), 2)),
                _ => (Math.Tanh(pre), 1 - Math.Tanh(pre) * Math.Tanh(pre)),
            };
            Assert.Equal(pre, z[i], 1e-6f);
            Assert.Equal(f, y[i], 1e-5);
            Assert.Equal(g0[i] * df, g[i], 1e-5);
        }
    }

    [Fact]
    public void BiasGradient_IsColumnSums()
    {
        float[] dz = [1, 2, 3, 10, 20, 30];
        var db = new float[3];
        BiasActivation.BiasGradient(dz, 2, 3, db);
        Assert.Equal([11f, 22f, 33f], db);
    }

    [Fact]
    public void SoftmaxCrossEntropy_HugeLogits_StaysFiniteAndMatchesClosedForm()
    {
        // Row 0: logits (1000, 0): loss = log(1 + e^-1000) ~ 0 for class 0. Row 1: (0, 0) with class 1: loss = log 2.
        float[] logits = [1000f, 0f, 0f, 0f], grad = new float[4];
        float loss = SoftmaxCrossEntropy.ForwardBackward(logits, [0f, 1f], 2, 2, grad);
        Assert.Equal(MathF.Log(2f) / 2f, loss, 1e-6f);
        // d/dx = (softmax - onehot) / 2: row 0 (1 - 1, 0) / 2; row 1 (0.5, 0.5 - 1) / 2.
        Assert.Equal([0f, 0f, 0.25f, -0.25f], grad);
    }

    [Fact]
    public void SoftmaxCrossEntropy_FractionalTarget_NamesTheRow()
    {
        var e = Assert.Throws<ArgumentException>(() => SoftmaxCrossEntropy.ForwardBackward(new float[4], [0f, 0.5f], 2, 2, new float[4]));
        Assert.Contains("target 1 is 0.5", e.Message);
    }
}
