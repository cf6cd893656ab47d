using System.Numerics.Tensors;

namespace Nabla.Kernels;

/// <summary>
/// Reductions along one dimension of a row-major array viewed as <c>[outer, n, inner]</c>, writing <c>[outer, inner]</c>.
/// </summary>
/// <remarks>
/// Sums are pairwise (cascade) summations: blocks of <see cref="Block"/> terms are summed by the vectorised
/// primitive, and block sums are combined as a balanced binary tree, so the rounding error grows with log n instead
/// of n (a running float sum of a million 0.1s is 1% off). The tree depends only on n, so results are deterministic
/// and identical for any thread count.
/// </remarks>
internal static class Reduce
{
    /// <summary>Terms summed directly by one vectorised call (its lanes keep each chain short).</summary>
    internal const int Block = 256;

    /// <summary>Rows added directly into one column accumulator before it joins the tree.</summary>
    private const int RowBlock = 16;

    /// <summary>Sums over the middle dimension.</summary>
    public static void Sum(ReadOnlySpan<float> x, int outer, int n, int inner, Span<float> result)
    {
        for (int o = 0; o < outer; o++)
        {
            var block = x.Slice(o * n * inner, n * inner);
            if (inner == 1) result[o] = PairwiseSum(block);
            else SumRows(block, n, inner, result.Slice(o * inner, inner));
        }
    }

    /// <summary>The sum of <paramref name="x"/> by pairwise summation over blocks of <see cref="Block"/> terms.</summary>
    public static float PairwiseSum(ReadOnlySpan<float> x)
    {
        if (x.Length <= Block) return TensorPrimitives.Sum(x);
        // Split at a multiple of the block size so the tree is the same whatever the caller's chunking.
        int half = (x.Length / Block + 1) / 2 * Block;
        return PairwiseSum(x[..half]) + PairwiseSum(x[half..]);
    }

    /// <summary>
    /// Column sums of <paramref name="x"/> <c>[rows, cols]</c> into <paramref name="result"/> <c>[cols]</c> (the bias
    /// gradient of a dense layer is this reduction). Blocks of <see cref="RowBlock"/> rows are added directly; their
    /// sums are merged like a binary counter (two partial sums of equal weight are added and carried up), which is a
    /// tree of depth log2(rows / RowBlock) that depends only on <paramref name="rows"/>.
    /// </summary>
    public static void SumRows(ReadOnlySpan<float> x, int rows, int cols, Span<float> result)
    {
        result = result[..cols];
        result.Clear();
        if (rows <= RowBlock)
        {
            for (int j = 0; j < rows; j++) TensorPrimitives.Add(result, x.Slice(j * cols, cols), result);
            return;
        }
        int levels = 2;
        for (int chunks = (rows + RowBlock - 1) / RowBlock; chunks > 1; chunks = (chunks + 1) / 2) levels++;
        float[] rented = System.Buffers.ArrayPool<float>.Shared.Rent(levels * cols);
        try
        {
            var scratch = rented.AsSpan(0, levels * cols);
            long occupied = 0; // bit k set: level k holds the sum of 2^k blocks
            var current = scratch[..cols];
            for (int start = 0; start < rows; start += RowBlock)
            {
                current.Clear();
                int end = Math.Min(rows, start + RowBlock);
                for (int j = start; j < end; j++) TensorPrimitives.Add(current, x.Slice(j * cols, cols), current);
                int k = 0;
                for (; (occupied & (1L << k)) != 0; k++)
                {
                    TensorPrimitives.Add(scratch.Slice((k + 1) * cols, cols), current, current);
                    occupied &= ~(1L << k);
                }
                current.CopyTo(scratch.Slice((k + 1) * cols, cols));
                occupied |= 1L << k;
            }
            for (int k = 0; k < levels - 1; k++)
                if ((occupied & (1L << k)) != 0) TensorPrimitives.Add(result, scratch.Slice((k + 1) * cols, cols), result);
        }
        finally
        {
            System.Buffers.ArrayPool<float>.Shared.Return(rented);
        }
    }

    /// <summary>
    /// The maximum (or minimum) over the middle dimension and the index of its first occurrence.
    /// NaN counts as larger (or smaller) than everything, so it propagates.
    /// </summary>
    public static void ArgExtreme(ReadOnlySpan<float> x, int outer, int n, int inner, bool max, Span<float> values, Span<int> indices)
    {
        if (n == 0) throw new ArgumentException("Cannot take the maximum or minimum over an empty dimension.");
        for (int o = 0; o < outer; o++)
        {
            var block = x.Slice(o * n * inner, n * inner);
            for (int i = 0; i < inner; i++)
            {
                float best = block[i];
                int bestIndex = 0;
                for (int j = 1; j < n && !float.IsNaN(best); j++)
                {
                    float v = block[j * inner + i];
                    if (float.IsNaN(v) || (max ? v > best : v < best)) { best = v; bestIndex = j; }
                }
                values[o * inner + i] = best;
                indices[o * inner + i] = bestIndex;
            }
        }
    }
}
