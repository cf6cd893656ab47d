namespace Nabla.Kernels;

/// <summary>
/// Cache blocking of the GEMM, sized for the project's machine kind (Zen 5: L1d 48 KiB, L2 1 MiB per core).
/// </summary>
/// <remarks>
/// Loop nest (Goto/BLIS with the roles set by a wide 6x64 register tile): for each NC-wide column block,
/// for each KC-deep slice of k, B's KC x NC block (KC·NC·4 bytes) is packed once and stays in L2 while every
/// 6-row micro-panel of A (6·KC·4 bytes) sits in L1 and sweeps across it.
/// NOTE: a k slice continues each element's FMA chain from the float stored in C, which gives the same bits as
/// one unbroken chain; so neither the blocking nor the split of tiles across threads changes a result.
/// </remarks>
internal static class GemmBlocking
{
    /// <summary>Depth of a k slice (A micro-panel: 6·KC floats in L1).</summary>
    public const int KC = 256;

    /// <summary>Width of a column block (packed B block: KC·NC floats = 512 KiB, half of L2).</summary>
    public const int NC = 512;

    /// <summary>
    /// op(A) has at most this many rows and op(B) is not transposed: read B in place instead of packing it
    /// (packing costs more than it saves when few row panels reuse the block).
    /// </summary>
    public const int InPlaceBMaxRows = 96;

    /// <summary>Below this many floating-point operations (2·m·n·k) a GEMM runs on one thread.</summary>
    public const double ParallelMinFlops = 2e6;
}
