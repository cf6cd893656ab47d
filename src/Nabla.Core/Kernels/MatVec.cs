using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Nabla.Kernels;

/// <summary>
/// Matrix-vector product against a row-major weight as a dense layer stores it: <c>y[j] = Σ_k W[j, k] x[k]</c>
/// for W <c>[rows, cols]</c>, x <c>[cols]</c>, y <c>[rows]</c>. Batch-1 inference is this GEMV; the weights stay in
/// L2, so the limit is L2 bandwidth, and a GEMM's packing would cost more than the product itself.
/// </summary>
public static class MatVec
{
    /// <summary>Computes <c>y = W x</c> (+ <paramref name="bias"/> when not empty).</summary>
    /// <exception cref="ArgumentException">A span is shorter than its declared shape.</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Multiply(ReadOnlySpan<float> w, int rows, int cols, ReadOnlySpan<float> x, ReadOnlySpan<float> bias, Span<float> y)
    {
        if (rows < 0 || cols < 0 || w.Length < (long)rows * cols || x.Length < cols || y.Length < rows
            || (!bias.IsEmpty && bias.Length < rows))
            throw new ArgumentException(
                $"MatVec: W [{rows}, {cols}] needs {(long)rows * cols} floats, x {cols}, y {rows}; got {w.Length}, {x.Length}, {y.Length} (bias {bias.Length}).");
        int j = 0;
        if (Vector512.IsHardwareAccelerated && cols >= 16)
        {
            // Four rows at a time: each x vector is loaded once for four independent FMA chains (hides FMA latency).
            ref float wr = ref MemoryMarshal.GetReference(w);
            ref float xr = ref MemoryMarshal.GetReference(x);
            int full = cols & ~15;
            for (; j <= rows - 4; j += 4)
            {
                nuint o0 = (nuint)(j * cols), o1 = o0 + (nuint)cols, o2 = o1 + (nuint)cols, o3 = o2 + (nuint)cols;
                Vector512<float> a0 = default, a1 = default, a2 = default, a3 = default;
                for (int k = 0; k < full; k += 16)
                {
                    var xv = Vector512.LoadUnsafe(ref xr, (nuint)k);
                    a0 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref wr, o0 + (nuint)k), xv, a0);
                    a1 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref wr, o1 + (nuint)k), xv, a1);
                    a2 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref wr, o2 + (nuint)k), xv, a2);
                    a3 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref wr, o3 + (nuint)k), xv, a3);
                }
                float s0 = Vector512.Sum(a0), s1 = Vector512.Sum(a1), s2 = Vector512.Sum(a2), s3 = Vector512.Sum(a3);
                for (int k = full; k < cols; k++)
                {
                    float xk = x[k];
                    s0 += w[(int)o0 + k] * xk; s1 += w[(int)o1 + k] * xk; s2 += w[(int)o2 + k] * xk; s3 += w[(int)o3 + k] * xk;
                }
                y[j] = s0; y[j + 1] = s1; y[j + 2] = s2; y[j + 3] = s3;
            }
        }
        for (; j < rows; j++) y[j] = TensorPrimitives.Dot(w.Slice(j * cols, cols), x[..cols]);
        if (!bias.IsEmpty) TensorPrimitives.Add(y[..rows], bias[..rows], y[..rows]);
    }
}
