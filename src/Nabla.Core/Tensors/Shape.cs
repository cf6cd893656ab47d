using System.Collections;

namespace Nabla;

/// <summary>
/// The dimensions of a tensor, outermost first (row-major). Immutable; compares by value.
/// A rank-0 shape (<see cref="Scalar"/>) describes a single number.
/// </summary>
public sealed class Shape : IEquatable<Shape>, IReadOnlyList<int>
{
    private readonly int[] dims;

    /// <summary>The shape of a 0-d tensor: no dimensions, one element.</summary>
    public static readonly Shape Scalar = new([]);

    /// <summary>Creates a shape from its dimensions; each must be non-negative.</summary>
    public Shape(params int[] dims)
    {
        long size = 1;
        foreach (int d in dims)
        {
            if (d < 0) throw new ArgumentException($"Shape {Format(dims)} has a negative dimension.", nameof(dims));
            size *= d;
            if (size > Array.MaxLength)
                throw new ArgumentException($"Shape {Format(dims)} has more elements than one array can hold.", nameof(dims));
        }
        this.dims = (int[])dims.Clone();
        Size = (int)size;
    }

    /// <summary>Number of dimensions.</summary>
    public int Rank => dims.Length;

    /// <summary>Number of elements: the product of the dimensions (1 for a scalar).</summary>
    public int Size { get; }

    /// <summary>Number of dimensions (same as <see cref="Rank"/>).</summary>
    public int Count => dims.Length;

    /// <summary>The size of dimension <paramref name="dim"/>; negative values count from the end.</summary>
    public int this[int dim] => dims[NormalizeDim(dim)];

    /// <summary>A copy of the dimensions.</summary>
    public int[] Dims => (int[])dims.Clone();

    internal ReadOnlySpan<int> AsSpan() => dims;

    /// <summary>Maps a possibly negative dimension index to 0..Rank-1, or throws naming the shape.</summary>
    public int NormalizeDim(int dim) => NormalizeDim(dim, null);

    /// <summary>
    /// Maps a possibly negative dimension index to 0..Rank-1, or throws naming <paramref name="operation"/> (e.g.
    /// "Softmax"), the shape and the allowed range.
    /// </summary>
    public int NormalizeDim(int dim, string? operation)
    {
        int d = dim < 0 ? dim + dims.Length : dim;
        if (d < 0 || d >= dims.Length)
            throw new ArgumentOutOfRangeException(nameof(dim),
                (operation is null ? "" : $"{operation}(dim: {dim}): ") +
                $"Dimension {dim} is out of range for a tensor of shape {this} (rank {Rank}): expected {-Math.Max(Rank, 1)}..{Math.Max(Rank, 1) - 1}.");
        return d;
    }

    /// <summary>Row-major strides: the element distance between neighbours along each dimension.</summary>
    public int[] Strides()
    {
        var strides = new int[dims.Length];
        int s = 1;
        for (int i = dims.Length - 1; i >= 0; i--) { strides[i] = s; s *= dims[i]; }
        return strides;
    }

    /// <summary>
    /// The shape two shapes broadcast to (NumPy/PyTorch rules: align trailing dimensions; each pair must be
    /// equal or contain a 1). Throws with both shapes when they are incompatible.
    /// </summary>
    public static Shape Broadcast(Shape a, Shape b, string operation = "broadcast")
    {
        if (a.Equals(b)) return a;
        int rank = Math.Max(a.Rank, b.Rank);
        var result = new int[rank];
        for (int i = 0; i < rank; i++)
        {
            int da = i < rank - a.Rank ? 1 : a.dims[i - (rank - a.Rank)];
            int db = i < rank - b.Rank ? 1 : b.dims[i - (rank - b.Rank)];
            if (da != db && da != 1 && db != 1)
                throw new ArgumentException(
                    $"{operation}: shapes {a} and {b} cannot be broadcast together: dimension {i} is {da} in one and {db} in the other (each pair of trailing dimensions must be equal or 1).");
            result[i] = da == 1 ? db : da;
        }
        return new Shape(result);
    }

    /// <summary>Implicit conversion from an array of dimensions.</summary>
    public static implicit operator Shape(int[] dims) => new(dims);

    /// <inheritdoc/>
    public bool Equals(Shape? other) => other is not null && dims.AsSpan().SequenceEqual(other.dims);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Shape s && Equals(s);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var h = new HashCode();
        foreach (int d in dims) h.Add(d);
        return h.ToHashCode();
    }

    /// <summary>Formats as <c>[2, 3]</c> (a scalar is <c>[]</c>).</summary>
    public override string ToString() => Format(dims);

    private static string Format(int[] dims) => "[" + string.Join(", ", dims) + "]";

    /// <inheritdoc/>
    public IEnumerator<int> GetEnumerator() => ((IEnumerable<int>)dims).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => dims.GetEnumerator();
}
