using System.Numerics.Tensors;
using System.Runtime.Intrinsics;

namespace Nabla.Kernels;

/// <summary>
/// Activation backward passes fused with the incoming gradient: one pass computes g * f'(x) from the saved
/// output, with no mask tensor in between.
/// </summary>
internal static class ActivationGrad
{
    /// <summary>dx = 0 where y &lt;= 0, else g (y = relu(x)); a NaN y passes g, as PyTorch's threshold_backward.</summary>
    public static void Relu(ReadOnlySpan<float> g, ReadOnlySpan<float> y, Span<float> dx)
    {
        int i = 0;
        if (Vector512.IsHardwareAccelerated)
            for (; i <= g.Length - Vector512<float>.Count; i += Vector512<float>.Count)
            {
                var yv = Vector512.Create(y.Slice(i, Vector512<float>.Count));
                var gv = Vector512.Create(g.Slice(i, Vector512<float>.Count));
                Vector512.ConditionalSelect(Vector512.LessThanOrEqual(yv, Vector512<float>.Zero), Vector512<float>.Zero, gv)
                    .CopyTo(dx.Slice(i, Vector512<float>.Count));
            }
        else if (Vector256.IsHardwareAccelerated)
            for (; i <= g.Length - Vector256<float>.Count; i += Vector256<float>.Count)
            {
                var yv = Vector256.Create(y.Slice(i, Vector256<float>.Count));
                var gv = Vector256.Create(g.Slice(i, Vector256<float>.Count));
                Vector256.ConditionalSelect(Vector256.LessThanOrEqual(yv, Vector256<float>.Zero), Vector256<float>.Zero, gv)
                    .CopyTo(dx.Slice(i, Vector256<float>.Count));
            }
        for (; i < g.Length; i++) dx[i] = y[i] <= 0f ? 0f : g[i];
    }

    /// <summary>dx = g y (1 - y) (y = sigmoid(x)).</summary>
    public static void Sigmoid(ReadOnlySpan<float> g, ReadOnlySpan<float> y, Span<float> dx)
    {
        // y - y^2 = y (1 - y); then times g.
        TensorPrimitives.Multiply(y, y, dx);
        TensorPrimitives.Subtract(y, dx, dx);
        TensorPrimitives.Multiply(dx, g, dx);
    }

    /// <summary>dx = g (1 - y^2) (y = tanh(x)).</summary>
    public static void Tanh(ReadOnlySpan<float> g, ReadOnlySpan<float> y, Span<float> dx)
    {
        TensorPrimitives.Multiply(y, y, dx);
        TensorPrimitives.Subtract(1f, dx, dx);
        TensorPrimitives.Multiply(dx, g, dx);
    }

    /// <summary>dx = g where x &gt; 0, else slope g.</summary>
    public static void LeakyRelu(ReadOnlySpan<float> g, ReadOnlySpan<float> x, float slope, Span<float> dx)
    {
        for (int i = 0; i < g.Length; i++) dx[i] = x[i] > 0f ? g[i] : slope * g[i];
    }
}
