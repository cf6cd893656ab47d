using System.Numerics.Tensors;

namespace Nabla.Kernels;

/// <summary>
/// Single-precision general matrix multiply on row-major spans: <c>C = op(A) · op(B)</c>, optionally added to C.
/// </summary>
/// <remarks>
/// <c>op(A)</c> is <c>[m, k]</c>: A is stored <c>[m, k]</c> with row stride <c>lda</c>, or, when
/// <c>transA</c>, stored <c>[k, m]</c> and read transposed. Likewise <c>op(B)</c> is <c>[k, n]</c>.
/// Kernels know nothing about autograd; backward passes call this with the transpose flags they need.
/// </remarks>
public static class Gemm
{
    /// <summary>Computes <c>C[m, n] (+)= op(A)[m, k] · op(B)[k, n]</c>.</summary>
    /// <param name="accumulate">When true, adds to the existing contents of C instead of overwriting them.</param>
    public static void Multiply(bool transA, bool transB, int m, int n, int k,
        ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb, Span<float> c, int ldc, bool accumulate = false)
    {
        if (!accumulate)
            for (int i = 0; i < m; i++) c.Slice(i * ldc, n).Clear();
        if (k == 0) return;
        // Row i of C accumulates a[i,p] * row p of op(B); when B is transposed, gather its column once per p.
        Span<float> bRow = transB ? new float[n] : default;
        for (int p = 0; p < k; p++)
        {
            ReadOnlySpan<float> row;
            if (transB)
            {
                for (int j = 0; j < n; j++) bRow[j] = b[j * ldb + p];
                row = bRow;
            }
            else row = b.Slice(p * ldb, n);
            for (int i = 0; i < m; i++)
            {
                float aip = transA ? a[p * lda + i] : a[i * lda + p];
                if (aip == 0f) continue;
                var ci = c.Slice(i * ldc, n);
                TensorPrimitives.MultiplyAdd(row, aip, ci, ci);
            }
        }
    }
}
