using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace Nabla.Kernels;

/// <summary>
/// The register-blocked GEMM micro-kernel: one tile <c>C[MR, NV·W] (+)= A[MR, kc] · B[kc, NV·W]</c> kept in
/// MR·NV vector registers for the whole k loop (W = vector width; MR and the widest NV come from the ISA's
/// <see cref="IGemmTile"/>: 6x64 on AVX-512 uses 24 of the 32 zmm registers, plus NV for the B row and one for
/// the broadcast of A; 4x24 on AVX2 uses 12 of the 16 ymm registers, plus 3 for B and one for A).
/// </summary>
/// <remarks>
/// Per k step: NV vector loads of B, MR broadcasts of A, MR·NV FMAs. Element <c>A[r, p]</c> is read at
/// <c>a + r·aRs + p·aCs</c>, so the same code reads A in place (row-major: aRs = lda, aCs = 1) or from a
/// packed micro-panel (aRs = 1, aCs = MR). B row p is at <c>b + p·bs</c> (a packed panel or B in place).
/// Each C element gets one FMA chain over p in increasing order, started from 0, then added to C (or stored):
/// with the driver cutting k at fixed multiples of <see cref="GemmBlocking.SumBlock"/>, this fixed order is
/// what makes results independent of the tile shape, the blocking and the tiling by threads.
/// The source is written for up to 8 rows and 4 vectors; the JIT keeps only the registers of the tile it
/// specialises for (the tile type's Rows and the vector count type are constants to it).
/// </remarks>
internal static unsafe class GemmMicroKernel
{
    /// <summary>Most rows any tile has (buffer sizes).</summary>
    public const int MaxRows = 8;

    /// <summary>
    /// How many k steps ahead the kernel prefetches B's row when B is read in place (<see cref="InPlaceB"/>).
    /// Hardware prefetchers stop at 4 KiB page boundaries, and in-place rows of a wide B are on a new page almost
    /// every step (784 floats apart in the dY·W of a 784-wide layer). Measured on Zen 1 (`gemm-variants`):
    /// 3 to 6 steps ahead all gave that 64x784x256 product +8-12% (1 and 2 threads) and 3-4 steps the 64x256x784
    /// one +2-5% (rows 1 KiB apart); 6 steps cost the latter 2%, 8 steps 10%, 16 steps 27%. Packed B is not prefetched.
    /// </summary>
    public const int PrefetchRows = 4;

    /// <summary>
    /// Computes one MR x (NV·W) tile over <paramref name="kc"/> &lt;= <see cref="GemmBlocking.SumBlock"/> steps:
    /// the chains start from 0 and the tile is stored, or added to C when <paramref name="addC"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run<TOps, TVec, TTile, TNv, TB>(int kc, float* a, nint aRs, nint aCs, float* b, nint bs,
        float* c, nint ldc, bool addC)
        where TOps : struct, ISimdOps<TVec>
        where TVec : struct
        where TTile : struct, IGemmTile
        where TNv : struct, IConstInt
        where TB : struct, IBSource
    {
        int mr = TTile.Rows;
        int nv = TNv.Value;
        nint w = TOps.Width;
        TVec c00 = TOps.Zero, c01 = TOps.Zero, c02 = TOps.Zero, c03 = TOps.Zero;
        TVec c10 = TOps.Zero, c11 = TOps.Zero, c12 = TOps.Zero, c13 = TOps.Zero;
        TVec c20 = TOps.Zero, c21 = TOps.Zero, c22 = TOps.Zero, c23 = TOps.Zero;
        TVec c30 = TOps.Zero, c31 = TOps.Zero, c32 = TOps.Zero, c33 = TOps.Zero;
        TVec c40 = TOps.Zero, c41 = TOps.Zero, c42 = TOps.Zero, c43 = TOps.Zero;
        TVec c50 = TOps.Zero, c51 = TOps.Zero, c52 = TOps.Zero, c53 = TOps.Zero;
        TVec c60 = TOps.Zero, c61 = TOps.Zero, c62 = TOps.Zero, c63 = TOps.Zero;
        TVec c70 = TOps.Zero, c71 = TOps.Zero, c72 = TOps.Zero, c73 = TOps.Zero;
        nint o1 = 1 * aRs, o2 = 2 * aRs, o3 = 3 * aRs, o4 = 4 * aRs, o5 = 5 * aRs, o6 = 6 * aRs, o7 = 7 * aRs;
        nint ahead = PrefetchRows * bs;
        for (int p = 0; p < kc; p++)
        {
            if (TB.Strided && Sse.IsSupported && w <= 8)
            {
                // B in place: fetch the row PrefetchRows steps ahead, its first and last float (the lines a row of
                // up to 24 floats spans at 32-byte alignment; a third prefetch in between cost dX 3-5%). A prefetch
                // never faults, so the last steps' prefetches past the slice (or past B) are harmless. Not on the
                // 16-lane (AVX-512) path: its 64-float rows span 4-5 lines, and no AVX-512 host was there to measure.
                Sse.Prefetch0(b + ahead);
                Sse.Prefetch0(b + ahead + (nv * w - 1));
            }
            TVec b0 = TOps.Load(b);
            TVec b1 = nv > 1 ? TOps.Load(b + 1 * w) : TOps.Zero;
            TVec b2 = nv > 2 ? TOps.Load(b + 2 * w) : TOps.Zero;
            TVec b3 = nv > 3 ? TOps.Load(b + 3 * w) : TOps.Zero;
            TVec a0 = TOps.Broadcast(a);
            c00 = TOps.MulAdd(a0, b0, c00);
            if (nv > 1) c01 = TOps.MulAdd(a0, b1, c01);
            if (nv > 2) c02 = TOps.MulAdd(a0, b2, c02);
            if (nv > 3) c03 = TOps.MulAdd(a0, b3, c03);
            TVec a1 = TOps.Broadcast(a + o1);
            c10 = TOps.MulAdd(a1, b0, c10);
            if (nv > 1) c11 = TOps.MulAdd(a1, b1, c11);
            if (nv > 2) c12 = TOps.MulAdd(a1, b2, c12);
            if (nv > 3) c13 = TOps.MulAdd(a1, b3, c13);
            TVec a2 = TOps.Broadcast(a + o2);
            c20 = TOps.MulAdd(a2, b0, c20);
            if (nv > 1) c21 = TOps.MulAdd(a2, b1, c21);
            if (nv > 2) c22 = TOps.MulAdd(a2, b2, c22);
            if (nv > 3) c23 = TOps.MulAdd(a2, b3, c23);
            TVec a3 = TOps.Broadcast(a + o3);
            c30 = TOps.MulAdd(a3, b0, c30);
            if (nv > 1) c31 = TOps.MulAdd(a3, b1, c31);
            if (nv > 2) c32 = TOps.MulAdd(a3, b2, c32);
            if (nv > 3) c33 = TOps.MulAdd(a3, b3, c33);
            if (mr > 4)
            {
                TVec a4 = TOps.Broadcast(a + o4);
                c40 = TOps.MulAdd(a4, b0, c40);
                if (nv > 1) c41 = TOps.MulAdd(a4, b1, c41);
                if (nv > 2) c42 = TOps.MulAdd(a4, b2, c42);
                if (nv > 3) c43 = TOps.MulAdd(a4, b3, c43);
            }
            if (mr > 5)
            {
                TVec a5 = TOps.Broadcast(a + o5);
                c50 = TOps.MulAdd(a5, b0, c50);
                if (nv > 1) c51 = TOps.MulAdd(a5, b1, c51);
                if (nv > 2) c52 = TOps.MulAdd(a5, b2, c52);
                if (nv > 3) c53 = TOps.MulAdd(a5, b3, c53);
            }
            if (mr > 6)
            {
                TVec a6 = TOps.Broadcast(a + o6);
                c60 = TOps.MulAdd(a6, b0, c60);
                if (nv > 1) c61 = TOps.MulAdd(a6, b1, c61);
                if (nv > 2) c62 = TOps.MulAdd(a6, b2, c62);
                if (nv > 3) c63 = TOps.MulAdd(a6, b3, c63);
            }
            if (mr > 7)
            {
                TVec a7 = TOps.Broadcast(a + o7);
                c70 = TOps.MulAdd(a7, b0, c70);
                if (nv > 1) c71 = TOps.MulAdd(a7, b1, c71);
                if (nv > 2) c72 = TOps.MulAdd(a7, b2, c72);
                if (nv > 3) c73 = TOps.MulAdd(a7, b3, c73);
            }
            a += aCs;
            b += bs;
        }
        float* s0 = c + 0 * ldc;
        Put<TOps, TVec>(s0, c00, addC);
        if (nv > 1) Put<TOps, TVec>(s0 + 1 * w, c01, addC);
        if (nv > 2) Put<TOps, TVec>(s0 + 2 * w, c02, addC);
        if (nv > 3) Put<TOps, TVec>(s0 + 3 * w, c03, addC);
        float* s1 = c + 1 * ldc;
        Put<TOps, TVec>(s1, c10, addC);
        if (nv > 1) Put<TOps, TVec>(s1 + 1 * w, c11, addC);
        if (nv > 2) Put<TOps, TVec>(s1 + 2 * w, c12, addC);
        if (nv > 3) Put<TOps, TVec>(s1 + 3 * w, c13, addC);
        float* s2 = c + 2 * ldc;
        Put<TOps, TVec>(s2, c20, addC);
        if (nv > 1) Put<TOps, TVec>(s2 + 1 * w, c21, addC);
        if (nv > 2) Put<TOps, TVec>(s2 + 2 * w, c22, addC);
        if (nv > 3) Put<TOps, TVec>(s2 + 3 * w, c23, addC);
        float* s3 = c + 3 * ldc;
        Put<TOps, TVec>(s3, c30, addC);
        if (nv > 1) Put<TOps, TVec>(s3 + 1 * w, c31, addC);
        if (nv > 2) Put<TOps, TVec>(s3 + 2 * w, c32, addC);
        if (nv > 3) Put<TOps, TVec>(s3 + 3 * w, c33, addC);
        if (mr > 4)
        {
            float* s4 = c + 4 * ldc;
            Put<TOps, TVec>(s4, c40, addC);
            if (nv > 1) Put<TOps, TVec>(s4 + 1 * w, c41, addC);
            if (nv > 2) Put<TOps, TVec>(s4 + 2 * w, c42, addC);
            if (nv > 3) Put<TOps, TVec>(s4 + 3 * w, c43, addC);
        }
        if (mr > 5)
        {
            float* s5 = c + 5 * ldc;
            Put<TOps, TVec>(s5, c50, addC);
            if (nv > 1) Put<TOps, TVec>(s5 + 1 * w, c51, addC);
            if (nv > 2) Put<TOps, TVec>(s5 + 2 * w, c52, addC);
            if (nv > 3) Put<TOps, TVec>(s5 + 3 * w, c53, addC);
        }
        if (mr > 6)
        {
            float* s6 = c + 6 * ldc;
            Put<TOps, TVec>(s6, c60, addC);
            if (nv > 1) Put<TOps, TVec>(s6 + 1 * w, c61, addC);
            if (nv > 2) Put<TOps, TVec>(s6 + 2 * w, c62, addC);
            if (nv > 3) Put<TOps, TVec>(s6 + 3 * w, c63, addC);
        }
        if (mr > 7)
        {
            float* s7 = c + 7 * ldc;
            Put<TOps, TVec>(s7, c70, addC);
            if (nv > 1) Put<TOps, TVec>(s7 + 1 * w, c71, addC);
            if (nv > 2) Put<TOps, TVec>(s7 + 2 * w, c72, addC);
            if (nv > 3) Put<TOps, TVec>(s7 + 3 * w, c73, addC);
        }
    }

    /// <summary>Stores <paramref name="v"/> at <paramref name="p"/>, or adds it to what is there.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Put<TOps, TVec>(float* p, TVec v, bool add)
        where TOps : struct, ISimdOps<TVec>
        where TVec : struct
        => TOps.Store(p, add ? TOps.Add(TOps.Load(p), v) : v);
}

/// <summary>Where the micro-kernel's B rows come from, as a type the JIT specialises for.</summary>
internal interface IBSource
{
    /// <summary>True when B is read in place: its rows are <c>ldb</c> apart, mostly on different 4 KiB pages.</summary>
    static abstract bool Strided { get; }
}

/// <summary>B packed into a contiguous panel: the hardware prefetcher follows it.</summary>
internal struct PackedB : IBSource
{
    public static bool Strided => false;
}

/// <summary>B read in place: the kernel prefetches its rows ahead.</summary>
internal struct InPlaceB : IBSource
{
    public static bool Strided => true;
}
