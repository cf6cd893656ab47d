namespace Nabla.Kernels;

/// <summary>Copies that rearrange row-major data.</summary>
internal static class Layout
{
    /// <summary>
    /// Writes <paramref name="x"/> (shape <paramref name="shape"/>) with its dimensions reordered: result
    /// dimension i is input dimension <c>order[i]</c>.
    /// </summary>
    public static void Permute(ReadOnlySpan<float> x, ReadOnlySpan<int> shape, ReadOnlySpan<int> order, Span<float> result)
    {
        int rank = shape.Length;
        if (rank == 2 && order[0] == 1) { Transpose2D(x, shape[0], shape[1], result); return; }
        Span<int> inStrides = stackalloc int[rank];
        int s = 1;
        for (int d = rank - 1; d >= 0; d--) { inStrides[d] = s; s *= shape[d]; }
        // Walk the output in order; the input offset moves by the stride of the dimension each output axis came from.
        Span<int> stride = stackalloc int[rank], size = stackalloc int[rank], counter = stackalloc int[rank];
        for (int i = 0; i < rank; i++) { stride[i] = inStrides[order[i]]; size[i] = shape[order[i]]; }
        counter.Clear();
        int offset = 0;
        for (int o = 0; o < result.Length; o++)
        {
            result[o] = x[offset];
            for (int k = rank - 1; k >= 0; k--)
            {
                offset += stride[k];
                if (++counter[k] < size[k]) break;
                offset -= stride[k] * size[k];
                counter[k] = 0;
            }
        }
    }

    /// <summary>Transposes a <c>[rows, cols]</c> matrix in 32x32 tiles, so both sides stay in cache.</summary>
    public static void Transpose2D(ReadOnlySpan<float> x, int rows, int cols, Span<float> result)
    {
        const int tile = 32;
        for (int i0 = 0; i0 < rows; i0 += tile)
            for (int j0 = 0; j0 < cols; j0 += tile)
            {
                int iEnd = Math.Min(i0 + tile, rows), jEnd = Math.Min(j0 + tile, cols);
                for (int i = i0; i < iEnd; i++)
                    for (int j = j0; j < jEnd; j++)
                        result[j * rows + i] = x[i * cols + j];
            }
    }
}
