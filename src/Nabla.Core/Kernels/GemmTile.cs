namespace Nabla.Kernels;

/// <summary>
/// A register tile shape of the GEMM micro-kernel, as a type the JIT specialises for: <see cref="Rows"/> rows of C
/// by up to <see cref="Vectors"/> vectors of columns.
/// </summary>
internal interface IGemmTile
{
    /// <summary>Rows of the tile (MR): broadcasts of A per k step.</summary>
    static abstract int Rows { get; }

    /// <summary>Widest tile in vectors (NR = Vectors · vector width): loads of B per k step.</summary>
    static abstract int Vectors { get; }
}

/// <summary>6 rows x 4 vectors: 24 accumulators for 32-register ISAs (AVX-512, ARM64's NEON) and the scalar 6x4.</summary>
internal struct Tile6x4 : IGemmTile
{
    public static int Rows => 6;
    public static int Vectors => 4;
}

/// <summary>6 rows x 2 vectors: 12 accumulators (16-register ISAs; the portable path).</summary>
internal struct Tile6x2 : IGemmTile
{
    public static int Rows => 6;
    public static int Vectors => 2;
}

/// <summary>4 rows x 3 vectors: 12 accumulators, 3 loads of B and 4 broadcasts of A per 12 FMAs.</summary>
internal struct Tile4x3 : IGemmTile
{
    public static int Rows => 4;
    public static int Vectors => 3;
}

/// <summary>8 rows x 1 vector: 8 accumulators, 1 load of B and 8 broadcasts of A per 8 FMAs.</summary>
internal struct Tile8x1 : IGemmTile
{
    public static int Rows => 8;
    public static int Vectors => 1;
}

/// <summary>The AVX2 register tiles the GEMM can run (the others ISAs have one each).</summary>
internal enum Avx2Tile
{
    /// <summary>6 x 16 floats.</summary>
    Rows6x16,
    /// <summary>4 x 24 floats.</summary>
    Rows4x24,
    /// <summary>8 x 8 floats.</summary>
    Rows8x8,
}

/// <summary>Which register tile each ISA runs.</summary>
internal static class GemmTiles
{
    /// <summary>
    /// The AVX2 tile. 4x24 measured fastest on the AVX2 host (Zen 1, 2026-11-30, `Nabla.Bench gemm-variants`): 2-8%
    /// faster than 6x16 on most MLP shapes at batch 64 (64 rows are 16 whole 4-row panels; 6-row panels leave a
    /// padded one) and on the square sizes, a few percent slower only on 10-row products; 8x8 was 10-30% slower
    /// (8 broadcasts per 8 FMAs). Every tile gives the same bits.
    /// </summary>
    public const Avx2Tile DefaultAvx2 = Avx2Tile.Rows4x24;

    /// <summary>
    /// The AVX2 tile for a call split across <paramref name="threads"/> threads: 4x24 on one thread; 6x16 when split,
    /// because parts are whole tiles and the layer widths (128, 256, 512) are whole numbers of 16-column tiles but
    /// not of 24-column ones: with 4x24 one thread gets a tile more than the other. Measured 2026-11-30 on the quiet
    /// AVX2 host: the fused MLP epoch at batch 256 on 2 threads took 1.26 s with 4x24 parts and 1.10 s with 6x16
    /// (2-core speed-up 1.68x vs 1.90x); the GEMM suite's 2-thread rows moved within that run-to-run noise (+-10%).
    /// </summary>
    public static Avx2Tile DefaultAvx2For(int threads) => threads > 1 ? Avx2Tile.Rows6x16 : DefaultAvx2;

    /// <summary>Rows of <paramref name="isa"/>'s tile.</summary>
    public static int Rows(GemmIsa isa, Avx2Tile avx2 = DefaultAvx2) => isa == GemmIsa.Avx2 ? avx2 switch
    {
        Avx2Tile.Rows4x24 => Tile4x3.Rows,
        Avx2Tile.Rows8x8 => Tile8x1.Rows,
        _ => Tile6x2.Rows,
    } : Tile6x4.Rows;

    /// <summary>Columns of <paramref name="isa"/>'s widest tile.</summary>
    public static int Width(GemmIsa isa, Avx2Tile avx2 = DefaultAvx2) => isa switch
    {
        GemmIsa.Avx512 => 64,
        GemmIsa.Avx2 => 8 * avx2 switch { Avx2Tile.Rows4x24 => 3, Avx2Tile.Rows8x8 => 1, _ => 2 },
        GemmIsa.Vector128 => 16,
        GemmIsa.Scalar => 4,
        _ => 2 * System.Numerics.Vector<float>.Count,
    };
}
