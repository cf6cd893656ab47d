using System.Numerics.Tensors;

namespace Nabla.Kernels;

/// <summary>Activation functions and their derivatives on spans (no graph).</summary>
internal static class Activations
{
    /// <summary>Heaviside step: 1 where x &gt; 0, else 0.</summary>
    public static void Step(ReadOnlySpan<float> x, Span<float> result)
    {
        for (int i = 0; i < x.Length; i++) result[i] = x[i] > 0f ? 1f : 0f;
    }

    /// <summary>Logistic sigmoid; e^-x overflowing to infinity gives exactly 0, never NaN.</summary>
    public static void Sigmoid(ReadOnlySpan<float> x, Span<float> result) => TensorPrimitives.Sigmoid(x, result);

    /// <summary>x where x &gt; 0, else slope * x.</summary>
    public static void LeakyRelu(ReadOnlySpan<float> x, float slope, Span<float> result)
    {
        for (int i = 0; i < x.Length; i++) result[i] = x[i] > 0f ? x[i] : slope * x[i];
    }

    /// <summary>max(x, 0) + log1p(e^-|x|): equal to log(1 + e^x) without overflow.</summary>
    public static void Softplus(ReadOnlySpan<float> x, Span<float> result)
    {
        for (int i = 0; i < x.Length; i++)
            result[i] = (float)ScalarMath.Softplus(x[i]);
    }

    /// <summary>x where x &gt; 0, else alpha (e^x - 1).</summary>
    public static void Elu(ReadOnlySpan<float> x, float alpha, Span<float> result)
    {
        for (int i = 0; i < x.Length; i++) result[i] = x[i] > 0f ? x[i] : (float)(alpha * ScalarMath.Expm1(x[i]));
    }

    /// <summary>x Φ(x) with Φ the standard normal CDF, 0.5 (1 + erf(x / √2)).</summary>
    public static void Gelu(ReadOnlySpan<float> x, Span<float> result)
    {
        for (int i = 0; i < x.Length; i++) result[i] = (float)(x[i] * NormalCdf(x[i]));
    }

    /// <summary>x sigmoid(x).</summary>
    public static void Silu(ReadOnlySpan<float> x, Span<float> result)
    {
        for (int i = 0; i < x.Length; i++) result[i] = (float)(x[i] / (1.0 + Math.Exp(-(double)x[i])));
    }

    /// <summary>Softmax of each row of length <paramref name="width"/>, shifted by the row maximum for stability.</summary>
    public static void SoftmaxRows(ReadOnlySpan<float> x, int width, Span<float> result)
    {
        if (width == 0) return;
        for (int o = 0; o < x.Length; o += width)
        {
            var row = x.Slice(o, width);
            var dst = result.Slice(o, width);
            TensorPrimitives.Subtract(row, TensorPrimitives.Max(row), dst);
            TensorPrimitives.Exp(dst, dst);
            TensorPrimitives.Divide(dst, TensorPrimitives.Sum(dst), dst);
        }
    }

    /// <summary>Log-softmax of each row: x - max - log(sum(e^(x - max))).</summary>
    public static void LogSoftmaxRows(ReadOnlySpan<float> x, int width, Span<float> result)
    {
        if (width == 0) return;
        for (int o = 0; o < x.Length; o += width)
        {
            var row = x.Slice(o, width);
            var dst = result.Slice(o, width);
            float max = TensorPrimitives.Max(row);
            TensorPrimitives.Subtract(row, max, dst);
            double sum = 0;
            foreach (float v in dst) sum += Math.Exp(v);
            TensorPrimitives.Subtract(dst, (float)Math.Log(sum), dst);
        }
    }

    /// <summary>Standard normal CDF Φ(x) = 0.5 erfc(-x / √2).</summary>
    public static double NormalCdf(double x) => 0.5 * Erfc(-x / Math.Sqrt(2.0));

    /// <summary>Standard normal density φ(x) = e^(-x²/2) / √(2π).</summary>
    public static double NormalPdf(double x) => Math.Exp(-0.5 * x * x) / Math.Sqrt(2.0 * Math.PI);

    /// <summary>
    /// Complementary error function, with relative error below 1.2e-7 everywhere (Numerical Recipes' Chebyshev
    /// fit, section 6.2), ample for float32. .NET has no built-in erf.
    /// </summary>
    public static double Erfc(double x)
    {
        double z = Math.Abs(x);
        double t = 1.0 / (1.0 + 0.5 * z);
        double r = t * Math.Exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 +
            t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 +
            t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? r : 2.0 - r;
    }
}
