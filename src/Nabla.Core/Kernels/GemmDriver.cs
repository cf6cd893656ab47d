using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Nabla.Kernels;

/// <summary>A validated GEMM problem on pinned memory (see the public Gemm.Multiply for the meaning).</summary>
internal readonly unsafe struct GemmProblem
{
    public readonly bool TransA, TransB, Accumulate;
    public readonly int M, N, K;
    public readonly float* A, B, C;
    public readonly nint Lda, Ldb, Ldc;
    public readonly GemmBlocking Blocking;

    public GemmProblem(bool transA, bool transB, int m, int n, int k, float* a, nint lda, float* b, nint ldb,
        float* c, nint ldc, bool accumulate, GemmBlocking blocking)
    {
        TransA = transA; TransB = transB; M = m; N = n; K = k;
        A = a; Lda = lda; B = b; Ldb = ldb; C = c; Ldc = ldc; Accumulate = accumulate; Blocking = blocking;
    }

    /// <summary>B is read in place (not packed) for full tiles: only when op(B) = B and few rows reuse it.</summary>
    public bool PackB => TransB || M > GemmBlocking.InPlaceBMaxRows;
}

/// <summary>The blocked loop nest around the micro-kernel, for one rectangle of C.</summary>
internal static unsafe class GemmDriver
{
    /// <summary>Computes <c>C[i0..i1, j0..j1]</c> of the problem on the calling thread.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run<TOps, TVec, TTile>(in GemmProblem g, int i0, int i1, int j0, int j1)
        where TOps : struct, ISimdOps<TVec>
        where TVec : struct
        where TTile : struct, IGemmTile
    {
        int mr = TTile.Rows;
        int width = TOps.Width;
        int nr = TTile.Vectors * width;
        GemmBuffers buf = GemmBuffers.For(g.Blocking);
        bool packB = g.PackB;
        int blockNc = g.Blocking.BlockWidth(packB, g.K, nr);

        for (int jc = j0; jc < j1; jc += blockNc)
        {
            int nc = Math.Min(blockNc, j1 - jc);
            int tiles = (nc + nr - 1) / nr;
            for (int pc = 0; pc < g.K; pc += g.Blocking.KC)
            {
                int kc = Math.Min(g.Blocking.KC, g.K - pc);
                bool loadC = g.Accumulate || pc > 0;

                // Pack the B block (tile t at buf.B + t·kc·nr); in-place mode packs only a narrow last tile.
                for (int t = 0; t < tiles; t++)
                {
                    int w = Math.Min(nr, nc - t * nr);
                    if (packB || w < nr)
                        GemmPacking.PackB(g.TransB, g.B, g.Ldb, pc, kc, jc + t * nr, w, RoundUp(w, width),
                            buf.B + (nint)t * kc * nr);
                }

                for (int i = i0; i < i1; i += mr)
                {
                    int rows = Math.Min(mr, i1 - i);
                    float* ap;
                    nint aRs, aCs;
                    if (!g.TransA && rows == mr)
                    {
                        ap = g.A + i * g.Lda + pc; aRs = g.Lda; aCs = 1;
                    }
                    else
                    {
                        GemmPacking.PackA(g.TransA, g.A, g.Lda, i, rows, pc, kc, buf.A, mr);
                        ap = buf.A; aRs = 1; aCs = mr;
                    }

                    for (int t = 0; t < tiles; t++)
                    {
                        int jj = jc + t * nr;
                        int w = Math.Min(nr, nc - t * nr);
                        int sw = RoundUp(w, width);
                        bool inPlace = !packB && w == nr;
                        float* bp = inPlace ? g.B + pc * g.Ldb + jj : buf.B + (nint)t * kc * nr;
                        nint bs = inPlace ? g.Ldb : sw;
                        float* cp = g.C + i * g.Ldc + jj;
                        // Edge tile (fewer rows, or a partial last vector): run the same kernel on a scratch
                        // tile, then copy the valid rows x w rectangle; the padding lanes are discarded.
                        bool edge = rows < mr || w < sw;
                        float* ct = edge ? buf.C : cp;
                        nint ldct = edge ? sw : g.Ldc;
                        if (edge && loadC)
                            for (int r = 0; r < rows; r++)
                                Unsafe.CopyBlockUnaligned(ct + r * sw, cp + r * g.Ldc, (uint)(w * sizeof(float)));
                        if (inPlace) Tile<TOps, TVec, TTile, InPlaceB>(sw / width, kc, ap, aRs, aCs, bp, bs, ct, ldct, loadC);
                        else Tile<TOps, TVec, TTile, PackedB>(sw / width, kc, ap, aRs, aCs, bp, bs, ct, ldct, loadC);
                        if (edge)
                            for (int r = 0; r < rows; r++)
                                Unsafe.CopyBlockUnaligned(cp + r * g.Ldc, ct + r * sw, (uint)(w * sizeof(float)));
                    }
                }
            }
        }
    }

    /// <summary>
    /// One tile over a kc slice (which starts at a multiple of <see cref="GemmBlocking.SumBlock"/>): one
    /// micro-kernel call per sum block, each chain from 0, added to C unless it is the very first block of a
    /// non-accumulating product.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Tile<TOps, TVec, TTile, TB>(int vectors, int kc, float* a, nint aRs, nint aCs, float* b, nint bs,
        float* c, nint ldc, bool addC)
        where TOps : struct, ISimdOps<TVec>
        where TVec : struct
        where TTile : struct, IGemmTile
        where TB : struct, IBSource
    {
        for (int q = 0; q < kc; q += GemmBlocking.SumBlock)
        {
            int len = Math.Min(GemmBlocking.SumBlock, kc - q);
            float* aq = a + q * aCs, bq = b + q * bs;
            bool add = addC || q > 0;
            switch (vectors)
            {
                case 4: GemmMicroKernel.Run<TOps, TVec, TTile, Four, TB>(len, aq, aRs, aCs, bq, bs, c, ldc, add); break;
                case 3: GemmMicroKernel.Run<TOps, TVec, TTile, Three, TB>(len, aq, aRs, aCs, bq, bs, c, ldc, add); break;
                case 2: GemmMicroKernel.Run<TOps, TVec, TTile, Two, TB>(len, aq, aRs, aCs, bq, bs, c, ldc, add); break;
                default: GemmMicroKernel.Run<TOps, TVec, TTile, One, TB>(len, aq, aRs, aCs, bq, bs, c, ldc, add); break;
            }
        }
    }

    private static int RoundUp(int x, int multiple) => (x + multiple - 1) / multiple * multiple;
}
