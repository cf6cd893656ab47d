using System.Numerics.Tensors;

namespace Nabla.Kernels;

/// <summary>
/// Reductions along one dimension of a row-major array viewed as <c>[outer, n, inner]</c>, writing <c>[outer, inner]</c>.
/// </summary>
internal static class Reduce
{
    /// <summary>Sums over the middle dimension.</summary>
    public static void Sum(ReadOnlySpan<float> x, int outer, int n, int inner, Span<float> result)
    {
        for (int o = 0; o < outer; o++)
        {
            var block = x.Slice(o * n * inner, n * inner);
            if (inner == 1) { result[o] = TensorPrimitives.Sum(block); continue; }
            var dst = result.Slice(o * inner, inner);
            dst.Clear();
            for (int j = 0; j < n; j++) TensorPrimitives.Add(dst, block.Slice(j * inner, inner), dst);
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
