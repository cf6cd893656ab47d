using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Nabla.Kernels;

/// <summary>
/// The dedicated path for narrow outputs, <c>n &lt;= 16</c> (a classifier's output layer: 10 classes), on AVX-512:
/// each row of C is one masked 16-lane vector, so there is no edge tile, no scratch copy and, for op(B) = B, no
/// packing at all (B's rows are read with masked loads that never touch memory past column n).
/// </summary>
/// <remarks>
/// Twelve rows run at once: twelve independent FMA chains hide the 4-cycle FMA latency that a single row's chain
/// would expose. As in the main path, C[i, j] is one FMA chain over p = 0..k-1 in order, started from 0 or from C.
/// </remarks>
internal static unsafe class GemmNarrow
{
    /// <summary>Widest n this path takes.</summary>
    public const int MaxN = 16;

    /// <summary>Rows per register block.</summary>
    public const int Rows = 12;

    /// <summary>True when the narrow path applies to this problem on this ISA.</summary>
    public static bool Applies(int n, GemmIsa isa) => n <= MaxN && isa == GemmIsa.Avx512;

    /// <summary>Computes rows <c>i0 .. i1</c> of C.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run(in GemmProblem g, int i0, int i1)
    {
        Vector512<float> mask = Vector512.LessThan(Vector512<int>.Indices, Vector512.Create(g.N)).AsSingle();
        // A[r, p] is at a + r·aRs + p·aCs (row-major in place, or read transposed in place).
        nint aRs = g.TransA ? 1 : g.Lda, aCs = g.TransA ? g.Lda : 1;
        // op(B) = B is read in place; a transposed B is gathered into rows of 16 in slices that fit the buffer.
        int slice = g.TransB ? GemmBuffers.BCapacity / MaxN : g.K;
        for (int pc = 0; pc < g.K; pc += slice)
        {
            int kc = Math.Min(slice, g.K - pc);
            float* bp = g.B + pc * g.Ldb;
            nint bs = g.Ldb;
            if (g.TransB)
            {
                // op(B)[p, j] = B[j, p]: k rows of 16 floats, zero past column n.
                float* packed = GemmBuffers.Current.B;
                new Span<float>(packed, kc * MaxN).Clear();
                for (int j = 0; j < g.N; j++)
                {
                    float* src = g.B + j * g.Ldb + pc;
                    for (int p = 0; p < kc; p++) packed[p * MaxN + j] = src[p];
                }
                bp = packed;
                bs = MaxN;
            }
            // Continuing a chain from the value stored in C gives the same bits as one unbroken chain.
            bool loadC = g.Accumulate || pc > 0;
            for (int i = i0; i < i1; i += Rows)
                Block(kc, g.A + i * aRs + pc * aCs, aRs, aCs, bp, bs, g.C + i * g.Ldc, g.Ldc,
                    Math.Min(Rows, i1 - i), mask, loadC);
        }
    }

    /// <summary>
    /// One block of up to 12 rows. Rows past <paramref name="rows"/> re-read the last valid row of A (so no
    /// load leaves A) and are never stored.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Block(int k, float* a, nint aRs, nint aCs, float* b, nint bs, float* c, nint ldc, int rows,
        Vector512<float> mask, bool loadC)
    {
        nint last = rows - 1;
        nint o1 = Math.Min(1, last) * aRs, o2 = Math.Min(2, last) * aRs, o3 = Math.Min(3, last) * aRs;
        nint o4 = Math.Min(4, last) * aRs, o5 = Math.Min(5, last) * aRs, o6 = Math.Min(6, last) * aRs;
        nint o7 = Math.Min(7, last) * aRs, o8 = Math.Min(8, last) * aRs, o9 = Math.Min(9, last) * aRs;
        nint o10 = Math.Min(10, last) * aRs, o11 = Math.Min(11, last) * aRs;
        Vector512<float> z = Vector512<float>.Zero;
        Vector512<float> c0 = z, c1 = z, c2 = z, c3 = z, c4 = z, c5 = z, c6 = z, c7 = z, c8 = z, c9 = z, c10 = z, c11 = z;
        if (loadC)
        {
            c0 = Load(c, 0, ldc, rows, mask); c1 = Load(c, 1, ldc, rows, mask); c2 = Load(c, 2, ldc, rows, mask);
            c3 = Load(c, 3, ldc, rows, mask); c4 = Load(c, 4, ldc, rows, mask); c5 = Load(c, 5, ldc, rows, mask);
            c6 = Load(c, 6, ldc, rows, mask); c7 = Load(c, 7, ldc, rows, mask); c8 = Load(c, 8, ldc, rows, mask);
            c9 = Load(c, 9, ldc, rows, mask); c10 = Load(c, 10, ldc, rows, mask); c11 = Load(c, 11, ldc, rows, mask);
        }
        for (int p = 0; p < k; p++)
        {
            Vector512<float> bv = Avx512F.MaskLoad(b, mask, z);
            c0 = Avx512F.FusedMultiplyAdd(Vector512.Create(a[0]), bv, c0);
            c1 = Avx512F.FusedMultiplyAdd(Vector512.Create(a[o1]), bv, c1);
            c2 = Avx512F.FusedMultiplyAdd(Vector512.Create(a[o2]), bv, c2);
            c3 = Avx512F.FusedMultiplyAdd(Vector512.Create(a[o3]), bv, c3);
            c4 = Avx512F.FusedMultiplyAdd(Vector512.Create(a[o4]), bv, c4);
            c5 = Avx512F.FusedMultiplyAdd(Vector512.Create(a[o5]), bv, c5);
            c6 = Avx512F.FusedMultiplyAdd(Vector512.Create(a[o6]), bv, c6);
            c7 = Avx512F.FusedMultiplyAdd(Vector512.Create(a[o7]), bv, c7);
            c8 = Avx512F.FusedMultiplyAdd(Vector512.Create(a[o8]), bv, c8);
            c9 = Avx512F.FusedMultiplyAdd(Vector512.Create(a[o9]), bv, c9);
            c10 = Avx512F.FusedMultiplyAdd(Vector512.Create(a[o10]), bv, c10);
            c11 = Avx512F.FusedMultiplyAdd(Vector512.Create(a[o11]), bv, c11);
            a += aCs;
            b += bs;
        }
        Store(c, 0, ldc, rows, mask, c0); Store(c, 1, ldc, rows, mask, c1); Store(c, 2, ldc, rows, mask, c2);
        Store(c, 3, ldc, rows, mask, c3); Store(c, 4, ldc, rows, mask, c4); Store(c, 5, ldc, rows, mask, c5);
        Store(c, 6, ldc, rows, mask, c6); Store(c, 7, ldc, rows, mask, c7); Store(c, 8, ldc, rows, mask, c8);
        Store(c, 9, ldc, rows, mask, c9); Store(c, 10, ldc, rows, mask, c10); Store(c, 11, ldc, rows, mask, c11);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Load(float* c, int r, nint ldc, int rows, Vector512<float> mask)
        => r < rows ? Avx512F.MaskLoad(c + r * ldc, mask, Vector512<float>.Zero) : Vector512<float>.Zero;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(float* c, int r, nint ldc, int rows, Vector512<float> mask, Vector512<float> v)
    {
        if (r < rows) Avx512F.MaskStore(c + r * ldc, mask, v);
    }
}
