namespace Nabla;

public sealed partial class Tensor
{
    /// <summary>
    /// Slices with C# ranges, one per leading dimension (PyTorch's <c>x[:, 1:3]</c> is <c>x[.., 1..3]</c>); the
    /// dimensions not named are kept whole. Copies; the gradient flows back to the sliced positions.
    /// </summary>
    [System.Runtime.CompilerServices.IndexerName("At")]
    public Tensor this[params Range[] ranges]
    {
        get
        {
            ArgumentNullException.ThrowIfNull(ranges);
            if (ranges.Length > Rank)
                throw new ArgumentException($"{ranges.Length} ranges given for a tensor of shape {Shape} (rank {Rank}).");
            var t = this;
            for (int d = 0; d < ranges.Length; d++)
            {
                int n = Shape[d];
                int start = ranges[d].Start.IsFromEnd ? n - ranges[d].Start.Value : ranges[d].Start.Value;
                int end = ranges[d].End.IsFromEnd ? n - ranges[d].End.Value : ranges[d].End.Value;
                if (start < 0 || end > n || start > end)
                    throw new ArgumentOutOfRangeException(nameof(ranges), $"Range {ranges[d]} is outside dimension {d} of size {n} (shape {Shape}).");
                if (start != 0 || end != n) t = t.Slice(d, start, end - start);
            }
            return t;
        }
    }

    /// <summary>
    /// Row <paramref name="index"/> along dimension 0 (negative counts from the end), without that dimension:
    /// <c>x.Row(0)</c> is PyTorch's <c>x[0]</c>. The gradient flows back to the row.
    /// </summary>
    public Tensor Row(int index)
    {
        if (Rank == 0) throw new InvalidOperationException("Row() needs a tensor with at least one dimension; this one is a scalar.");
        int i = index < 0 ? index + Shape[0] : index;
        if (i < 0 || i >= Shape[0])
            throw new IndexOutOfRangeException($"Row {index} is out of range for dimension 0 of size {Shape[0]} (shape {Shape}).");
        return Slice(0, i, 1).Squeeze(0);
    }

    /// <summary>Row <paramref name="index"/> along dimension 0 (<c>x[^1]</c> is the last row); see <see cref="Row(int)"/>.</summary>
    [System.Runtime.CompilerServices.IndexerName("At")]
    public Tensor this[Index index] => Row(index.IsFromEnd ? -index.Value : index.Value);

    /// <summary>
    /// Row <paramref name="row"/>, then ranges over the following dimensions: <c>x[0, ..]</c> is PyTorch's <c>x[0, :]</c>,
    /// <c>x[2, 1..3]</c> its <c>x[2, 1:3]</c>. (<c>x[i, j]</c> with integers only reads one float.)
    /// </summary>
    [System.Runtime.CompilerServices.IndexerName("At")]
    public Tensor this[int row, Range next, params Range[] rest] => Row(row)[[next, .. rest]];

    /// <summary>
    /// The values as integers, for tensors that hold whole numbers (class indices, <see cref="ArgMax(int, bool)"/>'s result).
    /// </summary>
    /// <exception cref="InvalidOperationException">A value is not a whole number in the int range.</exception>
    public int[] ToInt32Array()
    {
        var src = Data;
        var result = new int[src.Length];
        for (int i = 0; i < src.Length; i++)
        {
            float v = src[i];
            if (v != MathF.Floor(v) || !(v >= int.MinValue && v <= int.MaxValue))
                throw new InvalidOperationException($"ToInt32Array: element {i} is {v}, not a whole number.");
            result[i] = (int)v;
        }
        return result;
    }
}
