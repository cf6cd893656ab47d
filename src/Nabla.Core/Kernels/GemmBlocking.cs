namespace Nabla.Kernels;

/// <summary>
/// Cache blocking of the GEMM, derived from this machine's caches (<see cref="CacheSizes"/>) and the ISA's tile.
/// </summary>
/// <remarks>
/// Loop nest (Goto/BLIS with the roles set by a wide register tile): for each NC-wide column block, for each
/// KC-deep slice of k, B's KC x NC block is packed once and stays in L2 while every 6-row micro-panel of A sweeps
/// across it from L1.
/// <para>Summation order (why results never depend on the blocking): the k-chain of every C element is cut into
/// fixed blocks of <see cref="SumBlock"/> terms at multiples of <see cref="SumBlock"/>, each one FMA chain from 0,
/// and the block sums are added to C in increasing k order. KC is always a multiple of <see cref="SumBlock"/>, so
/// neither KC, NC nor the split of tiles across threads changes a bit of the result; and the error grows with
/// 256 + k/256 instead of k (a k = 100,000 dot product of 0.1s gives 10000.002, one chain 9998.557).</para>
/// </remarks>
internal readonly record struct GemmBlocking(int KC, int NC)
{
    /// <summary>Terms per partial sum of the k-chain: a numerical constant, independent of the machine.</summary>
    public const int SumBlock = 256;

    /// <summary>
    /// op(A) has at most this many rows and op(B) is not transposed: read B in place instead of packing it
    /// (packing costs more than it saves when few row panels reuse the block).
    /// </summary>
    public const int InPlaceBMaxRows = 96;

    /// <summary>Below this many floating-point operations (2·m·n·k) a GEMM runs on one thread.</summary>
    public const double ParallelMinFlops = 2e6;

    /// <summary>Widest NC derived (the packing buffer's bound).</summary>
    public const int MaxNC = 4096;

    /// <summary>Deepest KC derived (the packing buffer's bound).</summary>
    public const int MaxKC = 4 * SumBlock;

    private static readonly GemmBlocking Wide = Derive(CacheSizes.Detected, 64);
    private static readonly GemmBlocking Narrow = Derive(CacheSizes.Detected, 16);

    /// <summary>The blocking this machine uses for <paramref name="isa"/> (64-column tiles on AVX-512, 16 elsewhere).</summary>
    public static GemmBlocking For(GemmIsa isa) => isa == GemmIsa.Avx512 ? Wide : Narrow;

    /// <summary>
    /// KC: the 6-row A micro-panel (6·KC floats) takes at most an eighth of L1d, the rest holding the streamed rows
    /// of B and the C tile (48 KiB L1d gives 256; 32 KiB rounds up to the one-block minimum, 256); a multiple of
    /// <see cref="SumBlock"/>. NC: the packed KC x NC block of B takes half of L2 (1 MiB gives 512 columns,
    /// 512 KiB gives 256), a whole number of <paramref name="tileWidth"/>-column tiles.
    /// </summary>
    internal static GemmBlocking Derive(CacheSizes caches, int tileWidth)
    {
        int kcBlocks = Math.Clamp(caches.L1Data / 8 / (GemmMicroKernel.MR * sizeof(float)) / SumBlock, 1, MaxKC / SumBlock);
        int kc = kcBlocks * SumBlock;
        int nc = caches.L2 / 2 / (kc * sizeof(float)) / tileWidth * tileWidth;
        return new GemmBlocking(kc, Math.Clamp(nc, tileWidth, MaxNC / tileWidth * tileWidth));
    }

    /// <summary>Checks a blocking given explicitly (tests, benchmarks).</summary>
    internal void Validate()
    {
        if (KC < SumBlock || KC % SumBlock != 0 || KC > MaxKC || NC < 1 || NC > MaxNC)
            throw new ArgumentException(
                $"Gemm blocking KC={KC}, NC={NC}: KC must be a multiple of {SumBlock} up to {MaxKC}, NC 1..{MaxNC}.");
    }
}
