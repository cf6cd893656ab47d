using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Nabla.Fused;

namespace Nabla.Kernels;

/// <summary>
/// The element-wise halves of a dense layer, fused so each row of the layer's output is read and written once
/// while it sits in L1: forward <c>y = f(z + b)</c> after the GEMM, backward <c>dz = g · f'(…)</c> and the bias
/// gradient <c>db = Σ_rows dz</c>. Spans are row-major <c>[rows, cols]</c>; the bias is <c>[cols]</c>.
/// </summary>
internal static class BiasActivation
{
    /// <summary>Whether <paramref name="kind"/>'s backward reads z, so <see cref="Forward"/> needs a separate y.</summary>
    public static bool BackwardReadsZ(ActivationKind kind) => kind == ActivationKind.LeakyRelu;

    /// <summary>
    /// In place on <paramref name="z"/> <c>[rows, cols]</c>: <c>z += bias</c> (when <paramref name="bias"/> is not
    /// empty), then <c>y = f(z)</c> into <paramref name="y"/> (same shape). <paramref name="y"/> may be the same
    /// span as <paramref name="z"/>; LeakyReLU's backward needs z kept, so give it a separate <paramref name="y"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Forward(Span<float> z, ReadOnlySpan<float> bias, int rows, int cols,
        ActivationKind kind, float slope, Span<float> y)
    {
        Check(z.Length, rows, cols, bias.Length, y.Length);
        for (int r = 0; r < rows; r++)
        {
            Span<float> zr = z.Slice(r * cols, cols), yr = y.Slice(r * cols, cols);
            if (!bias.IsEmpty) TensorPrimitives.Add(zr, bias, zr);
            switch (kind)
            {
                case ActivationKind.Identity: if (!Unsafe.AreSame(ref zr[0], ref yr[0])) zr.CopyTo(yr); break;
                case ActivationKind.Relu: TensorPrimitives.Max(zr, 0f, yr); break;
                case ActivationKind.LeakyRelu: LeakyRelu(zr, slope, yr); break;
                case ActivationKind.Sigmoid: TensorPrimitives.Sigmoid(zr, yr); break;
                case ActivationKind.Tanh: VectorTanh.Apply(zr, yr); break;
                default: throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown activation.");
            }
        }
    }

    /// <summary>
    /// In place on <paramref name="g"/> <c>[rows, cols]</c> (dL/dy on entry, dL/dz on return):
    /// <c>g ·= f'(z)</c>, read from the output <paramref name="y"/> (ReLU, sigmoid, tanh) or the pre-activation
    /// <paramref name="z"/> (LeakyReLU). Identity leaves g unchanged.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Backward(Span<float> g, ReadOnlySpan<float> z, ReadOnlySpan<float> y, int rows, int cols,
        ActivationKind kind, float slope)
    {
        int n = rows * cols;
        switch (kind)
        {
            case ActivationKind.Identity: return;
            case ActivationKind.Relu: ActivationGrad.Relu(g[..n], y[..n], g[..n]); return;
            case ActivationKind.LeakyRelu: LeakyReluGrad(g[..n], z[..n], slope); return;
            case ActivationKind.Sigmoid: SigmoidGrad(g[..n], y[..n]); return;
            case ActivationKind.Tanh: TanhGrad(g[..n], y[..n]); return;
            default: throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown activation.");
        }
    }

    /// <summary>The bias gradient: <paramref name="db"/> <c>[cols]</c> = column sums of <paramref name="dz"/> <c>[rows, cols]</c>.</summary>
    public static void BiasGradient(ReadOnlySpan<float> dz, int rows, int cols, Span<float> db) => Reduce.SumRows(dz, rows, cols, db);

    private static void LeakyRelu(ReadOnlySpan<float> z, float slope, Span<float> y)
    {
        int i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            var s = Vector512.Create(slope);
            ref float zr = ref MemoryMarshal.GetReference(z);
            ref float yr = ref MemoryMarshal.GetReference(y);
            for (; i <= z.Length - 16; i += 16)
            {
                var v = Vector512.LoadUnsafe(ref zr, (nuint)i);
                Vector512.ConditionalSelect(Vector512.GreaterThan(v, Vector512<float>.Zero), v, v * s).StoreUnsafe(ref yr, (nuint)i);
            }
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            var s = Vector256.Create(slope);
            ref float zr = ref MemoryMarshal.GetReference(z);
            ref float yr = ref MemoryMarshal.GetReference(y);
            for (; i <= z.Length - 8; i += 8)
            {
                var v = Vector256.LoadUnsafe(ref zr, (nuint)i);
                Vector256.ConditionalSelect(Vector256.GreaterThan(v, Vector256<float>.Zero), v, v * s).StoreUnsafe(ref yr, (nuint)i);
            }
        }
        for (; i < z.Length; i++) y[i] = z[i] > 0f ? z[i] : slope * z[i];
    }

    private static void LeakyReluGrad(Span<float> g, ReadOnlySpan<float> z, float slope)
    {
        int i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            var s = Vector512.Create(slope);
            ref float zr = ref MemoryMarshal.GetReference(z);
            ref float gr = ref MemoryMarshal.GetReference(g);
            for (; i <= g.Length - 16; i += 16)
            {
                var gv = Vector512.LoadUnsafe(ref gr, (nuint)i);
                var zv = Vector512.LoadUnsafe(ref zr, (nuint)i);
                Vector512.ConditionalSelect(Vector512.GreaterThan(zv, Vector512<float>.Zero), gv, gv * s).StoreUnsafe(ref gr, (nuint)i);
            }
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            var s = Vector256.Create(slope);
            ref float zr = ref MemoryMarshal.GetReference(z);
            ref float gr = ref MemoryMarshal.GetReference(g);
            for (; i <= g.Length - 8; i += 8)
            {
                var gv = Vector256.LoadUnsafe(ref gr, (nuint)i);
                var zv = Vector256.LoadUnsafe(ref zr, (nuint)i);
                Vector256.ConditionalSelect(Vector256.GreaterThan(zv, Vector256<float>.Zero), gv, gv * s).StoreUnsafe(ref gr, (nuint)i);
            }
        }
        for (; i < g.Length; i++) g[i] = z[i] > 0f ? g[i] : slope * g[i];
    }

    // g (y - y^2) = g y (1 - y): the same factorisation as ActivationGrad.Sigmoid, so both paths round alike.
    private static void SigmoidGrad(Span<float> g, ReadOnlySpan<float> y)
    {
        int i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            ref float yr = ref MemoryMarshal.GetReference(y);
            ref float gr = ref MemoryMarshal.GetReference(g);
            for (; i <= g.Length - 16; i += 16)
            {
                var yv = Vector512.LoadUnsafe(ref yr, (nuint)i);
                ((yv - yv * yv) * Vector512.LoadUnsafe(ref gr, (nuint)i)).StoreUnsafe(ref gr, (nuint)i);
            }
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            ref float yr = ref MemoryMarshal.GetReference(y);
            ref float gr = ref MemoryMarshal.GetReference(g);
            for (; i <= g.Length - 8; i += 8)
            {
                var yv = Vector256.LoadUnsafe(ref yr, (nuint)i);
                ((yv - yv * yv) * Vector256.LoadUnsafe(ref gr, (nuint)i)).StoreUnsafe(ref gr, (nuint)i);
            }
        }
        for (; i < g.Length; i++) g[i] = (y[i] - y[i] * y[i]) * g[i];
    }

    // g (1 - y^2), as ActivationGrad.Tanh.
    private static void TanhGrad(Span<float> g, ReadOnlySpan<float> y)
    {
        int i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            ref float yr = ref MemoryMarshal.GetReference(y);
            ref float gr = ref MemoryMarshal.GetReference(g);
            for (; i <= g.Length - 16; i += 16)
            {
                var yv = Vector512.LoadUnsafe(ref yr, (nuint)i);
                ((Vector512<float>.One - yv * yv) * Vector512.LoadUnsafe(ref gr, (nuint)i)).StoreUnsafe(ref gr, (nuint)i);
            }
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            ref float yr = ref MemoryMarshal.GetReference(y);
            ref float gr = ref MemoryMarshal.GetReference(g);
            for (; i <= g.Length - 8; i += 8)
            {
                var yv = Vector256.LoadUnsafe(ref yr, (nuint)i);
                ((Vector256<float>.One - yv * yv) * Vector256.LoadUnsafe(ref gr, (nuint)i)).StoreUnsafe(ref gr, (nuint)i);
            }
        }
        for (; i < g.Length; i++) g[i] = (1f - y[i] * y[i]) * g[i];
    }

    private static void Check(int zLength, int rows, int cols, int biasLength, int yLength)
    {
        long n = (long)rows * cols;
        if (rows < 0 || cols < 0 || zLength < n || yLength < n)
            throw new ArgumentException(
                $"BiasActivation: [rows={rows}, cols={cols}] needs {n} floats in z and y; got {zLength} and {yLength}.");
        if (biasLength != 0 && biasLength != cols)
            throw new ArgumentException($"BiasActivation: the bias has {biasLength} values; expected {cols} (one per column) or none.");
    }
}
