using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Nabla.Kernels;

/// <summary>
/// Copies blocks of op(A) and op(B) into the contiguous layouts the micro-kernel streams through.
/// Transposed operands are rearranged while copying; no transposed matrix is ever materialised.
/// </summary>
internal static unsafe class GemmPacking
{
    /// <summary>
    /// Packs <c>op(B)[pc .. pc+kc, j .. j+w]</c> into <paramref name="dst"/>: row p at <c>dst + p·sw</c>, columns
    /// <c>w .. sw</c> zero-filled (sw is w rounded up to whole vectors, so edge tiles need no scalar tail).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void PackB(bool transB, float* b, nint ldb, int pc, int kc, int j, int w, int sw, float* dst)
    {
        if (!transB)
        {
            // op(B) = B: each packed row is a contiguous slice of a row of B.
            nuint bytes = (nuint)w * sizeof(float);
            float* src = b + pc * ldb + j;
            for (int p = 0; p < kc; p++, src += ldb)
            {
                float* d = dst + (nint)p * sw;
                Unsafe.CopyBlockUnaligned(d, src, (uint)bytes);
                for (int c = w; c < sw; c++) d[c] = 0f;
            }
            return;
        }
        // op(B)[p, c] = B[c, p]: column c of the packed block is a contiguous slice of row j+c of B.
        // 16x16 blocks through registers on AVX-512, 8x8 on AVX; partial blocks use masked loads and skip rows past
        // kc, and the missing source rows enter as zeros, which is exactly the zero padding of columns w .. sw.
        int block = Avx512F.IsSupported && sw % 16 == 0 ? 16 : Avx.IsSupported && sw % 8 == 0 ? 8 : 0;
        if (block > 0)
        {
            for (int c0 = 0; c0 < sw; c0 += block)
                for (int p0 = 0; p0 < kc; p0 += block)
                {
                    float* src = b + (j + c0) * ldb + pc + p0, to = dst + (nint)p0 * sw + c0;
                    int rows = Math.Min(block, w - c0), cols = Math.Min(block, kc - p0);
                    if (block == 16) Transpose16x16(src, ldb, rows, cols, to, sw);
                    else if (rows == 8 && cols == 8) Transpose8x8Full(src, ldb, to, sw);
                    else Transpose8x8(src, ldb, rows, cols, to, sw);
                }
            return;
        }
        for (int p = 0; p < kc; p++)
            for (int c = w; c < sw; c++) dst[(nint)p * sw + c] = 0f;
        for (int c = 0; c < w; c++)
        {
            float* src = b + (j + c) * ldb + pc;
            for (int p = 0; p < kc; p++) dst[(nint)p * sw + c] = src[p];
        }
    }

    /// <summary>
    /// Packs rows <c>i .. i+rows</c> (rows &lt;= mr) of <c>op(A)[·, pc .. pc+kc]</c> into an mr-interleaved
    /// micro-panel: <c>dst[p·mr + r] = op(A)[i+r, pc+p]</c>, rows past <paramref name="rows"/> zero.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void PackA(bool transA, float* a, nint lda, int i, int rows, int pc, int kc, float* dst,
        int mr)
    {
        if (rows < mr)
            new Span<float>(dst, mr * kc).Clear();
        if (transA)
        {
            // op(A)[i+r, pc+p] = A[pc+p, i+r]: each packed group is a contiguous run of a row of A.
            float* src = a + pc * lda + i;
            if (rows == mr && mr == 4)
            {
                // Full 4-row panels (the AVX2 4x24 tile): one 16-byte copy per k step.
                for (int p = 0; p < kc; p++, src += lda)
                    Vector128.Store(Vector128.Load(src), dst + p * 4);
                return;
            }
            if (rows == mr && mr == 6)
            {
                // Full 6-row panels: 16 + 8 bytes per k step.
                for (int p = 0; p < kc; p++, src += lda)
                {
                    Vector128.Store(Vector128.Load(src), dst + p * 6);
                    *(double*)(dst + p * 6 + 4) = *(double*)(src + 4);
                }
                return;
            }
            for (int p = 0; p < kc; p++, src += lda)
            {
                float* d = dst + p * mr;
                for (int r = 0; r < rows; r++) d[r] = src[r];
            }
            return;
        }
        for (int r = 0; r < rows; r++)
        {
            float* src = a + (i + r) * lda + pc;
            for (int p = 0; p < kc; p++) dst[p * mr + r] = src[p];
        }
    }

    /// <summary>
    /// Writes the transpose of the 16x16 block at <paramref name="src"/> (row stride <paramref name="lds"/>)
    /// to <paramref name="dst"/> (row stride <paramref name="ldd"/>) with 64 in-register shuffles:
    /// 32-bit interleave, 64-bit interleave, then two rounds of 128-bit lane shuffles. Only the first
    /// <paramref name="rows"/> x <paramref name="cols"/> of the source are read (masked, never past them); missing
    /// rows count as zero, and only the first <paramref name="cols"/> rows of the output are written.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Transpose16x16(float* src, nint lds, int rows, int cols, float* dst, nint ldd)
    {
        Vector512<float> m = Vector512.LessThan(Vector512<int>.Indices, Vector512.Create(cols)).AsSingle();
        Vector512<float> z = Vector512<float>.Zero;
        Vector512<float> r0 = rows > 0 ? Avx512F.MaskLoad(src + 0 * lds, m, z) : z;
        Vector512<float> r1 = rows > 1 ? Avx512F.MaskLoad(src + 1 * lds, m, z) : z;
        Vector512<float> r2 = rows > 2 ? Avx512F.MaskLoad(src + 2 * lds, m, z) : z;
        Vector512<float> r3 = rows > 3 ? Avx512F.MaskLoad(src + 3 * lds, m, z) : z;
        Vector512<float> r4 = rows > 4 ? Avx512F.MaskLoad(src + 4 * lds, m, z) : z;
        Vector512<float> r5 = rows > 5 ? Avx512F.MaskLoad(src + 5 * lds, m, z) : z;
        Vector512<float> r6 = rows > 6 ? Avx512F.MaskLoad(src + 6 * lds, m, z) : z;
        Vector512<float> r7 = rows > 7 ? Avx512F.MaskLoad(src + 7 * lds, m, z) : z;
        Vector512<float> r8 = rows > 8 ? Avx512F.MaskLoad(src + 8 * lds, m, z) : z;
        Vector512<float> r9 = rows > 9 ? Avx512F.MaskLoad(src + 9 * lds, m, z) : z;
        Vector512<float> r10 = rows > 10 ? Avx512F.MaskLoad(src + 10 * lds, m, z) : z;
        Vector512<float> r11 = rows > 11 ? Avx512F.MaskLoad(src + 11 * lds, m, z) : z;
        Vector512<float> r12 = rows > 12 ? Avx512F.MaskLoad(src + 12 * lds, m, z) : z;
        Vector512<float> r13 = rows > 13 ? Avx512F.MaskLoad(src + 13 * lds, m, z) : z;
        Vector512<float> r14 = rows > 14 ? Avx512F.MaskLoad(src + 14 * lds, m, z) : z;
        Vector512<float> r15 = rows > 15 ? Avx512F.MaskLoad(src + 15 * lds, m, z) : z;
        // Stage 1: within each 128-bit lane, interleave pairs of rows: t0 = (r0[0], r1[0], r0[1], r1[1]).
        Vector512<double> t0 = Avx512F.UnpackLow(r0, r1).AsDouble(), t1 = Avx512F.UnpackHigh(r0, r1).AsDouble();
        Vector512<double> t2 = Avx512F.UnpackLow(r2, r3).AsDouble(), t3 = Avx512F.UnpackHigh(r2, r3).AsDouble();
        Vector512<double> t4 = Avx512F.UnpackLow(r4, r5).AsDouble(), t5 = Avx512F.UnpackHigh(r4, r5).AsDouble();
        Vector512<double> t6 = Avx512F.UnpackLow(r6, r7).AsDouble(), t7 = Avx512F.UnpackHigh(r6, r7).AsDouble();
        Vector512<double> t8 = Avx512F.UnpackLow(r8, r9).AsDouble(), t9 = Avx512F.UnpackHigh(r8, r9).AsDouble();
        Vector512<double> t10 = Avx512F.UnpackLow(r10, r11).AsDouble(), t11 = Avx512F.UnpackHigh(r10, r11).AsDouble();
        Vector512<double> t12 = Avx512F.UnpackLow(r12, r13).AsDouble(), t13 = Avx512F.UnpackHigh(r12, r13).AsDouble();
        Vector512<double> t14 = Avx512F.UnpackLow(r14, r15).AsDouble(), t15 = Avx512F.UnpackHigh(r14, r15).AsDouble();
        // Stage 2: per group g of 4 rows, u[4g + q] holds column (4L + q) of those rows in 128-bit lane L.
        Vector512<float> u0 = Avx512F.UnpackLow(t0, t2).AsSingle(), u1 = Avx512F.UnpackHigh(t0, t2).AsSingle();
        Vector512<float> u2 = Avx512F.UnpackLow(t1, t3).AsSingle(), u3 = Avx512F.UnpackHigh(t1, t3).AsSingle();
        Vector512<float> u4 = Avx512F.UnpackLow(t4, t6).AsSingle(), u5 = Avx512F.UnpackHigh(t4, t6).AsSingle();
        Vector512<float> u6 = Avx512F.UnpackLow(t5, t7).AsSingle(), u7 = Avx512F.UnpackHigh(t5, t7).AsSingle();
        Vector512<float> u8 = Avx512F.UnpackLow(t8, t10).AsSingle(), u9 = Avx512F.UnpackHigh(t8, t10).AsSingle();
        Vector512<float> u10 = Avx512F.UnpackLow(t9, t11).AsSingle(), u11 = Avx512F.UnpackHigh(t9, t11).AsSingle();
        Vector512<float> u12 = Avx512F.UnpackLow(t12, t14).AsSingle(), u13 = Avx512F.UnpackHigh(t12, t14).AsSingle();
        Vector512<float> u14 = Avx512F.UnpackLow(t13, t15).AsSingle(), u15 = Avx512F.UnpackHigh(t13, t15).AsSingle();
        // Stage 3: gather lane L of the four groups into output row 4L + q (0x44/0xEE pick lanes 0,1/2,3 of two
        // groups; 0x88/0xDD then pick the even/odd lanes of those pairs).
        Vector512<float> xLo0 = Avx512F.Shuffle4x128(u0, u4, 0x44), xHi0 = Avx512F.Shuffle4x128(u0, u4, 0xEE);
        Vector512<float> yLo0 = Avx512F.Shuffle4x128(u8, u12, 0x44), yHi0 = Avx512F.Shuffle4x128(u8, u12, 0xEE);
        if (cols > 0) Avx512F.Store(dst + 0 * ldd, Avx512F.Shuffle4x128(xLo0, yLo0, 0x88));
        if (cols > 4) Avx512F.Store(dst + 4 * ldd, Avx512F.Shuffle4x128(xLo0, yLo0, 0xDD));
        if (cols > 8) Avx512F.Store(dst + 8 * ldd, Avx512F.Shuffle4x128(xHi0, yHi0, 0x88));
        if (cols > 12) Avx512F.Store(dst + 12 * ldd, Avx512F.Shuffle4x128(xHi0, yHi0, 0xDD));
        Vector512<float> xLo1 = Avx512F.Shuffle4x128(u1, u5, 0x44), xHi1 = Avx512F.Shuffle4x128(u1, u5, 0xEE);
        Vector512<float> yLo1 = Avx512F.Shuffle4x128(u9, u13, 0x44), yHi1 = Avx512F.Shuffle4x128(u9, u13, 0xEE);
        if (cols > 1) Avx512F.Store(dst + 1 * ldd, Avx512F.Shuffle4x128(xLo1, yLo1, 0x88));
        if (cols > 5) Avx512F.Store(dst + 5 * ldd, Avx512F.Shuffle4x128(xLo1, yLo1, 0xDD));
        if (cols > 9) Avx512F.Store(dst + 9 * ldd, Avx512F.Shuffle4x128(xHi1, yHi1, 0x88));
        if (cols > 13) Avx512F.Store(dst + 13 * ldd, Avx512F.Shuffle4x128(xHi1, yHi1, 0xDD));
        Vector512<float> xLo2 = Avx512F.Shuffle4x128(u2, u6, 0x44), xHi2 = Avx512F.Shuffle4x128(u2, u6, 0xEE);
        Vector512<float> yLo2 = Avx512F.Shuffle4x128(u10, u14, 0x44), yHi2 = Avx512F.Shuffle4x128(u10, u14, 0xEE);
        if (cols > 2) Avx512F.Store(dst + 2 * ldd, Avx512F.Shuffle4x128(xLo2, yLo2, 0x88));
        if (cols > 6) Avx512F.Store(dst + 6 * ldd, Avx512F.Shuffle4x128(xLo2, yLo2, 0xDD));
        if (cols > 10) Avx512F.Store(dst + 10 * ldd, Avx512F.Shuffle4x128(xHi2, yHi2, 0x88));
        if (cols > 14) Avx512F.Store(dst + 14 * ldd, Avx512F.Shuffle4x128(xHi2, yHi2, 0xDD));
        Vector512<float> xLo3 = Avx512F.Shuffle4x128(u3, u7, 0x44), xHi3 = Avx512F.Shuffle4x128(u3, u7, 0xEE);
        Vector512<float> yLo3 = Avx512F.Shuffle4x128(u11, u15, 0x44), yHi3 = Avx512F.Shuffle4x128(u11, u15, 0xEE);
        if (cols > 3) Avx512F.Store(dst + 3 * ldd, Avx512F.Shuffle4x128(xLo3, yLo3, 0x88));
        if (cols > 7) Avx512F.Store(dst + 7 * ldd, Avx512F.Shuffle4x128(xLo3, yLo3, 0xDD));
        if (cols > 11) Avx512F.Store(dst + 11 * ldd, Avx512F.Shuffle4x128(xHi3, yHi3, 0x88));
        if (cols > 15) Avx512F.Store(dst + 15 * ldd, Avx512F.Shuffle4x128(xHi3, yHi3, 0xDD));
    }

    /// <summary>
    /// A whole 8x8 transpose without lane-crossing shuffles: each register is loaded as two 128-bit halves, rows r
    /// and r+4 (<c>vinsertf128</c> from memory), so after the 32-bit interleave and the 64-bit shuffle every register
    /// is already one output row. Cheaper than <see cref="Transpose8x8"/> where <c>vperm2f128</c> is slow (Zen 1/2:
    /// 8 uops, one per 3 cycles), and no masked loads.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Transpose8x8Full(float* src, nint lds, float* dst, nint ldd)
    {
        // r0 = (row 0, cols 0-3 | row 4, cols 0-3), ..., r4 = (row 0, cols 4-7 | row 4, cols 4-7), ...
        Vector256<float> r0 = Vector256.Create(Vector128.Load(src + 0 * lds), Vector128.Load(src + 4 * lds));
        Vector256<float> r1 = Vector256.Create(Vector128.Load(src + 1 * lds), Vector128.Load(src + 5 * lds));
        Vector256<float> r2 = Vector256.Create(Vector128.Load(src + 2 * lds), Vector128.Load(src + 6 * lds));
        Vector256<float> r3 = Vector256.Create(Vector128.Load(src + 3 * lds), Vector128.Load(src + 7 * lds));
        Vector256<float> r4 = Vector256.Create(Vector128.Load(src + 0 * lds + 4), Vector128.Load(src + 4 * lds + 4));
        Vector256<float> r5 = Vector256.Create(Vector128.Load(src + 1 * lds + 4), Vector128.Load(src + 5 * lds + 4));
        Vector256<float> r6 = Vector256.Create(Vector128.Load(src + 2 * lds + 4), Vector128.Load(src + 6 * lds + 4));
        Vector256<float> r7 = Vector256.Create(Vector128.Load(src + 3 * lds + 4), Vector128.Load(src + 7 * lds + 4));
        Vector256<float> t0 = Avx.UnpackLow(r0, r1), t1 = Avx.UnpackHigh(r0, r1);
        Vector256<float> t2 = Avx.UnpackLow(r2, r3), t3 = Avx.UnpackHigh(r2, r3);
        Vector256<float> t4 = Avx.UnpackLow(r4, r5), t5 = Avx.UnpackHigh(r4, r5);
        Vector256<float> t6 = Avx.UnpackLow(r6, r7), t7 = Avx.UnpackHigh(r6, r7);
        Avx.Store(dst + 0 * ldd, Avx.Shuffle(t0, t2, 0x44));
        Avx.Store(dst + 1 * ldd, Avx.Shuffle(t0, t2, 0xEE));
        Avx.Store(dst + 2 * ldd, Avx.Shuffle(t1, t3, 0x44));
        Avx.Store(dst + 3 * ldd, Avx.Shuffle(t1, t3, 0xEE));
        Avx.Store(dst + 4 * ldd, Avx.Shuffle(t4, t6, 0x44));
        Avx.Store(dst + 5 * ldd, Avx.Shuffle(t4, t6, 0xEE));
        Avx.Store(dst + 6 * ldd, Avx.Shuffle(t5, t7, 0x44));
        Avx.Store(dst + 7 * ldd, Avx.Shuffle(t5, t7, 0xEE));
    }

    /// <summary>
    /// The 8x8 transpose of <see cref="Transpose16x16"/> on 256-bit registers (AVX): 32-bit interleave, 64-bit
    /// shuffles, then 128-bit lane permutes. Reads only the first <paramref name="rows"/> x <paramref name="cols"/>
    /// (masked), writes only the first <paramref name="cols"/> output rows; missing source rows count as zero.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Transpose8x8(float* src, nint lds, int rows, int cols, float* dst, nint ldd)
    {
        Vector256<float> m = Vector256.LessThan(Vector256<int>.Indices, Vector256.Create(cols)).AsSingle();
        Vector256<float> z = Vector256<float>.Zero;
        Vector256<float> r0 = rows > 0 ? Avx.MaskLoad(src + 0 * lds, m) : z;
        Vector256<float> r1 = rows > 1 ? Avx.MaskLoad(src + 1 * lds, m) : z;
        Vector256<float> r2 = rows > 2 ? Avx.MaskLoad(src + 2 * lds, m) : z;
        Vector256<float> r3 = rows > 3 ? Avx.MaskLoad(src + 3 * lds, m) : z;
        Vector256<float> r4 = rows > 4 ? Avx.MaskLoad(src + 4 * lds, m) : z;
        Vector256<float> r5 = rows > 5 ? Avx.MaskLoad(src + 5 * lds, m) : z;
        Vector256<float> r6 = rows > 6 ? Avx.MaskLoad(src + 6 * lds, m) : z;
        Vector256<float> r7 = rows > 7 ? Avx.MaskLoad(src + 7 * lds, m) : z;
        // t0 = (r0[0], r1[0], r0[1], r1[1] | r0[4], r1[4], r0[5], r1[5]), ...
        Vector256<float> t0 = Avx.UnpackLow(r0, r1), t1 = Avx.UnpackHigh(r0, r1);
        Vector256<float> t2 = Avx.UnpackLow(r2, r3), t3 = Avx.UnpackHigh(r2, r3);
        Vector256<float> t4 = Avx.UnpackLow(r4, r5), t5 = Avx.UnpackHigh(r4, r5);
        Vector256<float> t6 = Avx.UnpackLow(r6, r7), t7 = Avx.UnpackHigh(r6, r7);
        // u0 = column 0 of rows 0-3 | column 4 of rows 0-3, u1 = columns 1 | 5, u2 = 2 | 6, u3 = 3 | 7.
        Vector256<float> u0 = Avx.Shuffle(t0, t2, 0x44), u1 = Avx.Shuffle(t0, t2, 0xEE);
        Vector256<float> u2 = Avx.Shuffle(t1, t3, 0x44), u3 = Avx.Shuffle(t1, t3, 0xEE);
        Vector256<float> u4 = Avx.Shuffle(t4, t6, 0x44), u5 = Avx.Shuffle(t4, t6, 0xEE);
        Vector256<float> u6 = Avx.Shuffle(t5, t7, 0x44), u7 = Avx.Shuffle(t5, t7, 0xEE);
        if (cols > 0) Avx.Store(dst + 0 * ldd, Avx.Permute2x128(u0, u4, 0x20));
        if (cols > 1) Avx.Store(dst + 1 * ldd, Avx.Permute2x128(u1, u5, 0x20));
        if (cols > 2) Avx.Store(dst + 2 * ldd, Avx.Permute2x128(u2, u6, 0x20));
        if (cols > 3) Avx.Store(dst + 3 * ldd, Avx.Permute2x128(u3, u7, 0x20));
        if (cols > 4) Avx.Store(dst + 4 * ldd, Avx.Permute2x128(u0, u4, 0x31));
        if (cols > 5) Avx.Store(dst + 5 * ldd, Avx.Permute2x128(u1, u5, 0x31));
        if (cols > 6) Avx.Store(dst + 6 * ldd, Avx.Permute2x128(u2, u6, 0x31));
        if (cols > 7) Avx.Store(dst + 7 * ldd, Avx.Permute2x128(u3, u7, 0x31));
    }
}
