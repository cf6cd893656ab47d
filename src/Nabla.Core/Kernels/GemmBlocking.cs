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
/// <param name="KC">Depth of a k slice: a multiple of <see cref="SumBlock"/>.</param>
/// <param name="NC">Width of a column block when B is packed (a dense KC x NC block).</param>
/// <param name="InPlaceNC">Width of a column block when B is read in place (its rows are strided, so the block
/// occupies more cache lines than KC x NC floats); 0 means <paramref name="NC"/>.</param>
internal readonly record struct GemmBlocking(int KC, int NC, int InPlaceNC = 0)
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
    private static readonly GemmBlocking Narrow = Derive(CacheSizes.Detected, 16, packedL2Quarters: 3);

    /// <summary>Column block width for B in place (<see cref="InPlaceNC"/>, or NC when that is 0).</summary>
    public int InPlaceWidth => InPlaceNC > 0 ? InPlaceNC : NC;

    /// <summary>The blocking this machine uses for <paramref name="isa"/> (64-column tiles on AVX-512, 16 elsewhere).</summary>
    public static GemmBlocking For(GemmIsa isa) => isa == GemmIsa.Avx512 ? Wide : Narrow;

    /// <summary>
    /// Width of the column blocks of a product with <paramref name="k"/> terms: NC (or the in-place width) when k fills
    /// a KC slice, proportionally wider when k is shallower, since L2 holds the block's bytes (KC x NC floats), not a
    /// number of columns; whole <paramref name="tileWidth"/>-column tiles, at most <see cref="MaxNC"/>, at least one tile.
    /// With k = 64 a 784-wide B is then one block instead of 384 + 384 + 16 columns, and A's panels are packed once
    /// instead of three times: the 256x784x64 weight gradient ran 2.2% faster on the AVX2 host (`gemm-variants`).
    /// The packing buffer (KC x NC floats) holds the wider, shallower block.
    /// </summary>
    public int BlockWidth(bool packedB, int k, int tileWidth)
    {
        int width = packedB ? NC : InPlaceWidth;
        int deepest = Math.Clamp(k, 1, KC);
        long bytesWide = Math.Min(MaxNC, (long)width * KC / deepest);
        return Math.Max(tileWidth, (int)(bytesWide / tileWidth * tileWidth));
    }

    /// <summary>
    /// KC: a 6-row A micro-panel (6·KC floats) takes at most an eighth of L1d, the rest holding the streamed rows
    /// of B and the C tile (48 KiB L1d gives 256; 32 KiB rounds up to the one-block minimum, 256); a multiple of
    /// <see cref="SumBlock"/>. InPlaceNC: a block of B read in place spans half of L2 (1 MiB gives 512 columns,
    /// 512 KiB gives 256). NC, for a packed (dense) block: <paramref name="packedL2Quarters"/> quarters of L2 -
    /// two (half, as in place) on AVX-512, where it was measured on Zen 5; three on the 16-column tiles, measured on
    /// a 512 KiB-L2 AVX2 host (384 columns: 1-5% faster on 1024^3 and the weight-gradient shapes than 256, while
    /// in-place B at that width lost 2-3%). Widths are whole numbers of <paramref name="tileWidth"/>-column tiles.
    /// </summary>
    internal static GemmBlocking Derive(CacheSizes caches, int tileWidth, int packedL2Quarters = 2)
    {
        int kcBlocks = Math.Clamp(caches.L1Data / 8 / (6 * sizeof(float)) / SumBlock, 1, MaxKC / SumBlock);
        int kc = kcBlocks * SumBlock;
        int Width(int bytes) =>
            Math.Clamp(bytes / (kc * sizeof(float)) / tileWidth * tileWidth, tileWidth, MaxNC / tileWidth * tileWidth);
        int inPlace = Width(caches.L2 / 2), packed = Width((int)((long)caches.L2 * packedL2Quarters / 4));
        return new GemmBlocking(kc, packed, packed == inPlace ? 0 : inPlace);
    }

    /// <summary>Checks a blocking given explicitly (tests, benchmarks).</summary>
    internal void Validate()
    {
        if (KC < SumBlock || KC % SumBlock != 0 || KC > MaxKC || NC < 1 || NC > MaxNC || InPlaceNC < 0 || InPlaceNC > MaxNC)
            throw new ArgumentException(
                $"Gemm blocking KC={KC}, NC={NC}, InPlaceNC={InPlaceNC}: KC must be a multiple of {SumBlock} up to {MaxKC}, " +
                $"NC 1..{MaxNC}, InPlaceNC 0..{MaxNC}.");
    }
}
