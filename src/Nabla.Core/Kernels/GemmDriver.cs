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

    public GemmProblem(bool transA, bool transB, int m, int n, int k, float* a, nint lda, float* b, nint ldb,
        float* c, nint ldc, bool accumulate)
    {
        TransA = transA; TransB = transB; M = m; N = n; K = k;
        A = a; Lda = lda; B = b; Ldb = ldb; C = c; Ldc = ldc; Accumulate = accumulate;
    }

    /// <summary>B is read in place (not packed) for full tiles: only when op(B) = B and few rows reuse it.</summary>
    public bool PackB => TransB || M > GemmBlocking.InPlaceBMaxRows;
}

/// <summary>The blocked loop nest around the micro-kernel, for one rectangle of C.</summary>
internal static unsafe class GemmDriver
{
    /// <summary>Widest register tile in vectors for an ISA: 4 with 32 vector registers, 2 with 16.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int MaxVectors<TVec>() => typeof(TVec) == typeof(Vector512<float>) ? 4 : 2;

    /// <summary>Computes <c>C[i0..i1, j0..j1]</c> of the problem on the calling thread.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run<TOps, TVec>(in GemmProblem g, int i0, int i1, int j0, int j1)
        where TOps : struct, ISimdOps<TVec>
        where TVec : struct
    {
        const int mr = GemmMicroKernel.MR;
        int width = TOps.Width;
        int nr = MaxVectors<TVec>() * width;
        GemmBuffers buf = GemmBuffers.Current;
        bool packB = g.PackB;

        for (int jc = j0; jc < j1; jc += GemmBlocking.NC)
        {
            int nc = Math.Min(GemmBlocking.NC, j1 - jc);
            int tiles = (nc + nr - 1) / nr;
            for (int pc = 0; pc < g.K; pc += GemmBlocking.KC)
            {
                int kc = Math.Min(GemmBlocking.KC, g.K - pc);
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
                        GemmPacking.PackA(g.TransA, g.A, g.Lda, i, rows, pc, kc, buf.A);
                        ap = buf.A; aRs = 1; aCs = mr;
                    }

                    for (int t = 0; t < tiles; t++)
                    {
                        int jj = jc + t * nr;
                        int w = Math.Min(nr, nc - t * nr);
                        int sw = RoundUp(w, width);
                        float* bp;
                        nint bs;
                        if (!packB && w == nr) { bp = g.B + pc * g.Ldb + jj; bs = g.Ldb; }
                        else { bp = buf.B + (nint)t * kc * nr; bs = sw; }
                        float* cp = g.C + i * g.Ldc + jj;
                        if (rows == mr && w == sw)
                        {
                            Tile<TOps, TVec>(sw / width, kc, ap, aRs, aCs, bp, bs, cp, g.Ldc, loadC);
                            continue;
                        }
                        // Edge tile (fewer rows, or a partial last vector): run the same kernel on a scratch
                        // tile, then copy the valid rows x w rectangle; the padding lanes are discarded.
                        float* tmp = buf.C;
                        if (loadC)
                            for (int r = 0; r < rows; r++)
                                Unsafe.CopyBlockUnaligned(tmp + r * sw, cp + r * g.Ldc, (uint)(w * sizeof(float)));
                        Tile<TOps, TVec>(sw / width, kc, ap, aRs, aCs, bp, bs, tmp, sw, loadC);
                        for (int r = 0; r < rows; r++)
                            Unsafe.CopyBlockUnaligned(cp + r * g.Ldc, tmp + r * sw, (uint)(w * sizeof(float)));
                    }
                }
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Tile<TOps, TVec>(int vectors, int kc, float* a, nint aRs, nint aCs, float* b, nint bs,
        float* c, nint ldc, bool loadC)
        where TOps : struct, ISimdOps<TVec>
        where TVec : struct
    {
        switch (vectors)
        {
            case 4: GemmMicroKernel.Run<TOps, TVec, Four>(kc, a, aRs, aCs, b, bs, c, ldc, loadC); break;
            case 3: GemmMicroKernel.Run<TOps, TVec, Three>(kc, a, aRs, aCs, b, bs, c, ldc, loadC); break;
            case 2: GemmMicroKernel.Run<TOps, TVec, Two>(kc, a, aRs, aCs, b, bs, c, ldc, loadC); break;
            default: GemmMicroKernel.Run<TOps, TVec, One>(kc, a, aRs, aCs, b, bs, c, ldc, loadC); break;
        }
    }

    private static int RoundUp(int x, int multiple) => (x + multiple - 1) / multiple * multiple;
}
