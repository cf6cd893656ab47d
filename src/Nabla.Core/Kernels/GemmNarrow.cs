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
/// would expose. As in the main path, C[i, j] gets one FMA chain per sum block of k, each from 0, added to C in k order.
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
        // Sum blocks are the k slices here: the packed B of a slice is SumBlock x 16 floats.
        GemmBuffers buf = GemmBuffers.For(g.Blocking);
        // A[r, p] is at a + r·aRs + p·aCs (row-major in place, or read transposed in place).
        nint aRs = g.TransA ? 1 : g.Lda, aCs = g.TransA ? g.Lda : 1;
        for (int pc = 0; pc < g.K; pc += GemmBlocking.SumBlock)
        {
            int kc = Math.Min(GemmBlocking.SumBlock, g.K - pc);
            float* bp = g.B + pc * g.Ldb;
            nint bs = g.Ldb;
            if (g.TransB)
            {
                // op(B)[p, j] = B[j, p]: kc rows of 16 floats, zero past column n.
                bp = buf.B;
                bs = MaxN;
                GemmPacking.PackB(true, g.B, g.Ldb, pc, kc, 0, g.N, MaxN, bp);
            }
            // Each sum block is a chain from 0, added to C (see GemmBlocking).
            bool addC = g.Accumulate || pc > 0;
            for (int i = i0; i < i1; i += Rows)
            {
                int rows = Math.Min(Rows, i1 - i);
                if (rows == Rows)
                {
                    Block(kc, g.A + i * aRs + pc * aCs, aRs, aCs, bp, bs, g.C + i * g.Ldc, g.Ldc, rows, mask, addC);
                    continue;
                }
                // Last, partial block: copy its rows into a zero-padded 12-row panel so no load leaves A.
                float* panel = buf.A;
                GemmPacking.PackA(g.TransA, g.A, g.Lda, i, rows, pc, kc, panel, Rows);
                Block(kc, panel, 1, Rows, bp, bs, g.C + i * g.Ldc, g.Ldc, rows, mask, addC);
            }
        }
    }

    /// <summary>
    /// One block of 12 rows of A (rows past <paramref name="rows"/> are zero padding and are not stored).
    /// Rows 0-5 are read at <c>a + r·aRs</c> and rows 6-11 at <c>a6 + r·aRs</c>: five shared offsets keep every
    /// address in a register (twelve offsets would spill).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Block(int k, float* a, nint aRs, nint aCs, float* b, nint bs, float* c, nint ldc, int rows,
        Vector512<float> mask, bool addC)
    {
        float* a6 = a + 6 * aRs;
        nint o1 = aRs, o2 = 2 * aRs, o3 = 3 * aRs, o4 = 4 * aRs, o5 = 5 * aRs;
        Vector512<float> z = Vector512<float>.Zero;
        Vector512<float> c0 = z, c1 = z, c2 = z, c3 = z, c4 = z, c5 = z, c6 = z, c7 = z, c8 = z, c9 = z, c10 = z, c11 = z;
        for (int p = 0; p < k; p++)
        {
            Vector512<float> bv = Avx512F.MaskLoad(b, mask, z);
            c0 = Avx512F.FusedMultiplyAdd(Vector512.Create(a[0]), bv, c0);
            c1 = Avx512F.FusedMultiplyAdd(Vector512.Create(a[o1]), bv, c1);
            c2 = Avx512F.FusedMultiplyAdd(Vector512.Create(a[o2]), bv, c2);
            c3 = Avx512F.FusedMultiplyAdd(Vector512.Create(a[o3]), bv, c3);
            c4 = Avx512F.FusedMultiplyAdd(Vector512.Create(a[o4]), bv, c4);
            c5 = Avx512F.FusedMultiplyAdd(Vector512.Create(a[o5]), bv, c5);
            c6 = Avx512F.FusedMultiplyAdd(Vector512.Create(a6[0]), bv, c6);
            c7 = Avx512F.FusedMultiplyAdd(Vector512.Create(a6[o1]), bv, c7);
            c8 = Avx512F.FusedMultiplyAdd(Vector512.Create(a6[o2]), bv, c8);
            c9 = Avx512F.FusedMultiplyAdd(Vector512.Create(a6[o3]), bv, c9);
            c10 = Avx512F.FusedMultiplyAdd(Vector512.Create(a6[o4]), bv, c10);
            c11 = Avx512F.FusedMultiplyAdd(Vector512.Create(a6[o5]), bv, c11);
            a += aCs;
            a6 += aCs;
            b += bs;
        }
        Store(c, 0, ldc, rows, mask, c0, addC); Store(c, 1, ldc, rows, mask, c1, addC); Store(c, 2, ldc, rows, mask, c2, addC);
        Store(c, 3, ldc, rows, mask, c3, addC); Store(c, 4, ldc, rows, mask, c4, addC); Store(c, 5, ldc, rows, mask, c5, addC);
        Store(c, 6, ldc, rows, mask, c6, addC); Store(c, 7, ldc, rows, mask, c7, addC); Store(c, 8, ldc, rows, mask, c8, addC);
        Store(c, 9, ldc, rows, mask, c9, addC); Store(c, 10, ldc, rows, mask, c10, addC); Store(c, 11, ldc, rows, mask, c11, addC);
    }

    /// <summary>Stores row r's sum block (or adds it to C's row), touching only the first n lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(float* c, int r, nint ldc, int rows, Vector512<float> mask, Vector512<float> v, bool add)
    {
        if (r >= rows) return;
        float* p = c + r * ldc;
        if (add) v = Avx512F.MaskLoad(p, mask, Vector512<float>.Zero) + v;
        Avx512F.MaskStore(p, mask, v);
    }
}
