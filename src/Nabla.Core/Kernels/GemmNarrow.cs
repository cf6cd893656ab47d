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
        GemmBuffers buf = GemmBuffers.Current;
        // A[r, p] is at a + r·aRs + p·aCs (row-major in place, or read transposed in place).
        nint aRs = g.TransA ? 1 : g.Lda, aCs = g.TransA ? g.Lda : 1;
        for (int pc = 0; pc < g.K; pc += GemmBlocking.KC)
        {
            int kc = Math.Min(GemmBlocking.KC, g.K - pc);
            float* bp = g.B + pc * g.Ldb;
            nint bs = g.Ldb;
            if (g.TransB)
            {
                // op(B)[p, j] = B[j, p]: kc rows of 16 floats, zero past column n.
                bp = buf.B;
                bs = MaxN;
                GemmPacking.PackB(true, g.B, g.Ldb, pc, kc, 0, g.N, MaxN, bp);
            }
            // Continuing a chain from the value stored in C gives the same bits as one unbroken chain.
            bool loadC = g.Accumulate || pc > 0;
            for (int i = i0; i < i1; i += Rows)
            {
                int rows = Math.Min(Rows, i1 - i);
                if (rows == Rows)
                {
                    Block(kc, g.A + i * aRs + pc * aCs, aRs, aCs, bp, bs, g.C + i * g.Ldc, g.Ldc, rows, mask, loadC);
                    continue;
                }
                // Last, partial block: copy its rows into a zero-padded 12-row panel so no load leaves A.
                float* panel = buf.A;
                GemmPacking.PackA(g.TransA, g.A, g.Lda, i, rows, pc, kc, panel, Rows);
                Block(kc, panel, 1, Rows, bp, bs, g.C + i * g.Ldc, g.Ldc, rows, mask, loadC);
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
        Vector512<float> mask, bool loadC)
    {
        float* a6 = a + 6 * aRs;
        nint o1 = aRs, o2 = 2 * aRs, o3 = 3 * aRs, o4 = 4 * aRs, o5 = 5 * aRs;
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
