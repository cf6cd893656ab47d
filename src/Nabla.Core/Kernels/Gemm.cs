namespace Nabla.Kernels;

/// <summary>
/// Single-precision general matrix multiply on row-major spans: <c>C = op(A) · op(B)</c>, optionally added to C.
/// </summary>
/// <remarks>
/// <para><c>op(A)</c> is <c>[m, k]</c>: A is stored <c>[m, k]</c> with row stride <c>lda</c>, or, when
/// <c>transA</c>, stored <c>[k, m]</c> and read transposed. Likewise <c>op(B)</c> is <c>[k, n]</c>.
/// Kernels know nothing about autograd; backward passes call this with the transpose flags they need.</para>
/// <para>Implementation: Goto/BLIS-style cache blocking derived from this machine's L1d/L2 sizes, packing of B blocks
/// (transposed operands are rearranged while packing, never materialised), a 6x64 register-tile micro-kernel
/// on AVX-512 (4x24 on AVX2, a portable <see cref="System.Numerics.Vector{T}"/> path elsewhere), and a split
/// of C's tiles across up to <see cref="Threading.MaxThreads"/> threads for problems above
/// about 2 MFLOP (smaller ones run on the calling thread). Each element of C is the sum, in increasing k order, of
/// fused multiply-add chains over fixed blocks of 256 k terms (long sums stay accurate: the error grows with
/// 256 + k/256, not with k), so results are bitwise identical for every thread count and cache blocking.</para>
/// </remarks>
internal static class Gemm
{
    /// <summary>Computes <c>C[m, n] (+)= op(A)[m, k] · op(B)[k, n]</c>.</summary>
    /// <param name="transA">A is stored <c>[k, m]</c> (row stride <paramref name="lda"/> &gt;= m) and read transposed.</param>
    /// <param name="transB">B is stored <c>[n, k]</c> (row stride <paramref name="ldb"/> &gt;= k) and read transposed.</param>
    /// <param name="m">Rows of op(A) and C.</param>
    /// <param name="n">Columns of op(B) and C.</param>
    /// <param name="k">Columns of op(A), rows of op(B).</param>
    /// <param name="a">A's storage, row-major.</param>
    /// <param name="lda">Row stride of A's storage.</param>
    /// <param name="b">B's storage, row-major.</param>
    /// <param name="ldb">Row stride of B's storage.</param>
    /// <param name="c">C's storage <c>[m, n]</c>, row-major; must not overlap A or B.</param>
    /// <param name="ldc">Row stride of C (&gt;= n).</param>
    /// <param name="accumulate">When true, adds to the existing contents of C instead of overwriting them.</param>
    /// <exception cref="ArgumentException">A size or stride is negative, a stride is smaller than its row width,
    /// or a span is too short for the shape it is declared to hold.</exception>
    public static void Multiply(bool transA, bool transB, int m, int n, int k,
        ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb, Span<float> c, int ldc, bool accumulate = false)
        => Multiply(GemmIsaDetection.Best, Threading.MaxThreads, transA, transB, m, n, k, a, lda, b, ldb, c, ldc, accumulate);

    /// <summary>
    /// As the public overload, on a chosen ISA, thread budget and (tests, benchmarks) cache blocking and AVX2
    /// register tile; a null blocking takes the one derived from this machine's caches, a null tile
    /// <see cref="GemmTiles.DefaultAvx2For"/>.
    /// </summary>
    internal static unsafe void Multiply(GemmIsa isa, int maxThreads, bool transA, bool transB, int m, int n, int k,
        ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb, Span<float> c, int ldc, bool accumulate = false,
        GemmBlocking? blocking = null, Avx2Tile? avx2Tile = null)
    {
        Validate(transA, transB, m, n, k, a.Length, lda, b.Length, ldb, c.Length, ldc);
        GemmBlocking block = blocking ?? GemmBlocking.For(isa);
        block.Validate();
        if (!GemmIsaDetection.IsSupported(isa))
            throw new PlatformNotSupportedException($"GEMM instruction set {isa} is not supported by this CPU.");
        if (m == 0 || n == 0) return;
        if (k == 0)
        {
            // An empty sum: C = 0, or C unchanged when accumulating.
            if (!accumulate)
                for (int i = 0; i < m; i++) c.Slice(i * ldc, n).Clear();
            return;
        }

        fixed (float* pa = a, pb = b, pc = c)
        {
            var problem = new GemmProblem(transA, transB, m, n, k, pa, lda, pb, ldb, pc, ldc, accumulate, block);
            GemmJob job = GemmJob.ForCurrentThread();
            int threads = 2.0 * m * n * k >= GemmBlocking.ParallelMinFlops ? maxThreads : 1;
            int parts = job.Prepare(problem, isa, avx2Tile ?? GemmTiles.DefaultAvx2For(threads), threads);
            if (!KernelWorkers.TryRun(job, parts, threads))
                for (int p = 0; p < parts; p++) job.Execute(p); // pool busy with another caller: same parts, serially
        }
    }

    private static void Validate(bool transA, bool transB, int m, int n, int k,
        int aLength, int lda, int bLength, int ldb, int cLength, int ldc)
    {
        if (m < 0 || n < 0 || k < 0)
            throw new ArgumentException($"Gemm sizes must be non-negative; got m={m}, n={n}, k={k}.");
        CheckOperand("A", transA, m, k, aLength, lda, "m", "k");
        CheckOperand("B", transB, k, n, bLength, ldb, "k", "n");
        CheckOperand("C", false, m, n, cLength, ldc, "m", "n");
    }

    /// <summary>op(X) is [rows, cols]; X is stored [rows, cols], or [cols, rows] when transposed.</summary>
    private static void CheckOperand(string name, bool trans, int rows, int cols, int length, int ld,
        string rowName, string colName)
    {
        int storedRows = trans ? cols : rows, storedCols = trans ? rows : cols;
        long needed = storedRows == 0 || storedCols == 0 ? 0 : (long)(storedRows - 1) * ld + storedCols;
        if (ld >= Math.Max(1, storedCols) && length >= needed) return;
        // Messages are built only on failure: a valid call allocates nothing.
        string layout = trans
            ? $"{name} is stored transposed as [{colName}={cols}, {rowName}={rows}]"
            : $"{name} is stored as [{rowName}={rows}, {colName}={cols}]";
        if (ld < Math.Max(1, storedCols))
            throw new ArgumentException(
                $"Gemm: {layout}, so ld{name.ToLowerInvariant()} must be at least {Math.Max(1, storedCols)}; got {ld}.");
        throw new ArgumentException(
            $"Gemm: {layout} with row stride {ld}, which needs {needed} floats; the span holds {length}.");
    }
}
