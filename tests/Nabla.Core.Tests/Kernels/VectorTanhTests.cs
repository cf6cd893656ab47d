using Nabla.Kernels;

namespace Nabla.Core.Tests;

/// <summary>Issue 18 defect 7: tanh on long spans (the vector lanes) against double precision over the float range.</summary>
public class VectorTanhTests
{
    [Fact]
    public void Tanh_IssueExample_IsOddAndExactNearZero()
    {
        var y = Tensor.FromArray([0f, 1e-6f, 1e-3f, -1e-9f], 4).Tanh().ToArray();
        Assert.Equal([0f, 1e-6f, (float)Math.Tanh(1e-3f), -1e-9f], y);
    }

    [Fact]
    public void Tanh_EveryFloatSampledAcrossTheRange_WithinHalfAnUlpPlusDoubleRounding()
    {
        // Every 997th positive bit pattern (about 2.1 million floats, 0 to +inf), each with its negative, in long spans.
        const int stride = 997;
        var xs = new List<float>();
        for (long bits = 0; bits < 0x7F800000L; bits += stride) xs.Add(BitConverter.Int32BitsToSingle((int)bits));
        xs.AddRange([float.Epsilon, 1e-30f, 1e-8f, 0.3f, 0.55f, 0.625f, 1f, 6f, 9f, 9.1f, 20f, float.MaxValue, float.PositiveInfinity]);
        var x = xs.SelectMany(v => new[] { v, -v }).ToArray();
        var y = new float[x.Length];
        VectorTanh.Apply(x, y);
        int worst = 0;
        for (int i = 0; i < x.Length; i++)
        {
            float expected = (float)Math.Tanh(x[i]);
            int ulps = Math.Abs(BitConverter.SingleToInt32Bits(expected) - BitConverter.SingleToInt32Bits(y[i]));
            worst = Math.Max(worst, ulps);
            Assert.True(ulps <= 1, $"tanh({x[i]:R}) = {y[i]:R}, double gives {expected:R}");
            if (i % 2 == 1) Assert.Equal(BitConverter.SingleToInt32Bits(-y[i - 1]), BitConverter.SingleToInt32Bits(y[i]));
        }
        Assert.True(worst <= 1);
    }

    [Fact]
    public void Tanh_NaNAndSignedZero_AreKept()
    {
        var y = new float[9];
        VectorTanh.Apply([float.NaN, -0f, 0f, float.NegativeInfinity, 1, 2, 3, 4, 5], y);
        Assert.True(float.IsNaN(y[0]));
        Assert.True(float.IsNegative(y[1]) && y[1] == 0f);
        Assert.Equal(-1f, y[3]);
    }

    [Fact]
    public void TanhGradient_NearSix_MatchesDoubleWithinTheSavedOutputsRounding()
    {
        // d tanh/dx = 1 - tanh^2 from the saved output: with a correctly rounded output the error is the float
        // rounding of tanh itself (half an ulp of 1 relative to 1 - y^2 = 2.5e-5), about 0.25%, not 0.9%.
        var x = Tensor.FromArray(Enumerable.Range(0, 16).Select(i => 5.5f + i * 0.03f).ToArray(), 16);
        x.RequiresGrad = true;
        x.Tanh().Sum().Backward();
        var g = x.Grad!.ToArray();
        var xs = x.ToArray();
        for (int i = 0; i < g.Length; i++)
        {
            double exact = 1 - Math.Pow(Math.Tanh(xs[i]), 2);
            Assert.True(Math.Abs(g[i] - exact) <= 0.004 * exact, $"x = {xs[i]}: {g[i]} vs {exact}");
        }
    }
}
