namespace Nabla;

public sealed partial class Tensor
{
    /// <summary>The same values with another shape (one dimension may be -1, inferred). Shares storage.</summary>
    public Tensor Reshape(params int[] shape)
    {
        var s = ResolveShape(shape, Size, "Reshape");
        if (s.Size != Size)
            throw new ArgumentException($"Reshape: a tensor of shape {Shape} ({Size} elements) cannot be reshaped to {s} ({s.Size} elements).");
        if (s.Equals(Shape)) return this;
        return Autograd.Record(new Tensor(data, s), new ReshapeBackward(this));
    }

    /// <summary>Flattens dimensions from <paramref name="startDim"/> on into one (default: keep the batch dimension).</summary>
    public Tensor Flatten(int startDim = 1)
    {
        if (Rank == 0) return Reshape(1);
        int d = Shape.NormalizeDim(startDim);
        return Reshape([.. Shape.Dims[..d], -1]);
    }

    /// <summary>Removes every dimension of size 1.</summary>
    public Tensor Squeeze() => Reshape(Shape.Where(d => d != 1).ToArray());

    /// <summary>Removes dimension <paramref name="dim"/> if its size is 1 (otherwise returns the tensor unchanged, as PyTorch).</summary>
    public Tensor Squeeze(int dim)
    {
        int d = Shape.NormalizeDim(dim);
        if (Shape[d] != 1) return this;
        var dims = Shape.Dims;
        return Reshape([.. dims[..d], .. dims[(d + 1)..]]);
    }

    /// <summary>Inserts a dimension of size 1 at <paramref name="dim"/> (negative counts from the end of the result).</summary>
    public Tensor Unsqueeze(int dim)
    {
        int d = dim < 0 ? dim + Rank + 1 : dim;
        if (d < 0 || d > Rank)
            throw new ArgumentOutOfRangeException(nameof(dim), $"Unsqueeze: dimension {dim} is out of range for a result of rank {Rank + 1}.");
        var dims = Shape.Dims;
        return Reshape([.. dims[..d], 1, .. dims[d..]]);
    }

    /// <summary>Swaps the last two dimensions (a matrix transpose); a 1-d or 0-d tensor is returned unchanged.</summary>
    public Tensor T => Rank < 2 ? this : Transpose(-2, -1);

    /// <summary>Swaps dimensions <paramref name="dim0"/> and <paramref name="dim1"/> (copies the values).</summary>
    public Tensor Transpose(int dim0, int dim1)
    {
        int a = Shape.NormalizeDim(dim0), b = Shape.NormalizeDim(dim1);
        if (a == b) return this;
        var order = Enumerable.Range(0, Rank).ToArray();
        (order[a], order[b]) = (order[b], order[a]);
        return Permute(order);
    }

    /// <summary>Reorders the dimensions: result dimension i is this tensor's dimension <c>dims[i]</c> (copies the values).</summary>
    public Tensor Permute(params int[] dims)
    {
        if (dims.Length != Rank || dims.Select(Shape.NormalizeDim).Distinct().Count() != Rank)
            throw new ArgumentException($"Permute: [{string.Join(", ", dims)}] is not a permutation of the {Rank} dimensions of shape {Shape}.");
        var order = dims.Select(Shape.NormalizeDim).ToArray();
        var outShape = new Shape(order.Select(d => Shape[d]).ToArray());
        var result = new Tensor(new float[Size], outShape);
        Kernels.Layout.Permute(Data, Shape.AsSpan(), order, result.Data);
        return Autograd.Record(result, new PermuteBackward(this, order));
    }

    /// <summary>The slice <c>[start, start + length)</c> along <paramref name="dim"/> (copies; for batches use dim 0).</summary>
    public Tensor Slice(int dim, int start, int length)
    {
        int d = Shape.NormalizeDim(dim);
        if (start < 0 || length < 0 || start + length > Shape[d])
            throw new ArgumentOutOfRangeException(nameof(start),
                $"Slice: [{start}, {start + length}) is outside dimension {d} of size {Shape[d]} (shape {Shape}).");
        var (outer, n, inner) = Split(d);
        var dims = Shape.Dims;
        dims[d] = length;
        var result = new Tensor(new float[outer * length * inner], new Shape(dims));
        for (int o = 0; o < outer; o++)
            Data.Slice((o * n + start) * inner, length * inner).CopyTo(result.Data.Slice(o * length * inner));
        return Autograd.Record(result, new SliceBackward(this, d, start));
    }

    /// <summary>Picks the entries <paramref name="indices"/> along <paramref name="dim"/>, in that order (repeats allowed).</summary>
    public Tensor IndexSelect(int dim, int[] indices)
    {
        ArgumentNullException.ThrowIfNull(indices);
        int d = Shape.NormalizeDim(dim);
        var (outer, n, inner) = Split(d);
        foreach (int i in indices)
            if (i < 0 || i >= n)
                throw new ArgumentOutOfRangeException(nameof(indices), $"IndexSelect: index {i} is out of range for dimension {d} of size {n} (shape {Shape}).");
        var dims = Shape.Dims;
        dims[d] = indices.Length;
        var result = new Tensor(new float[outer * indices.Length * inner], new Shape(dims));
        var dst = result.Data;
        for (int o = 0; o < outer; o++)
            for (int k = 0; k < indices.Length; k++)
                Data.Slice((o * n + indices[k]) * inner, inner).CopyTo(dst.Slice((o * indices.Length + k) * inner, inner));
        return Autograd.Record(result, new IndexSelectBackward(this, d, (int[])indices.Clone()));
    }

    /// <summary>Joins tensors along an existing dimension; all other dimensions must match.</summary>
    public static Tensor Concat(IReadOnlyList<Tensor> tensors, int dim = 0)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        if (tensors.Count == 0) throw new ArgumentException("Concat needs at least one tensor.");
        var first = tensors[0];
        int d = first.Shape.NormalizeDim(dim);
        int total = 0;
        foreach (var t in tensors)
        {
            bool same = t.Rank == first.Rank;
            for (int i = 0; same && i < first.Rank; i++) same = i == d || t.Shape[i] == first.Shape[i];
            if (!same)
                throw new ArgumentException($"Concat along dimension {d}: shape {t.Shape} does not match {first.Shape} in the other dimensions.");
            total += t.Shape[d];
        }
        var (outer, _, inner) = first.Split(d);
        var dims = first.Shape.Dims;
        dims[d] = total;
        var result = new Tensor(new float[outer * total * inner], new Shape(dims));
        int offset = 0;
        foreach (var t in tensors)
        {
            int n = t.Shape[d];
            for (int o = 0; o < outer; o++)
                t.Data.Slice(o * n * inner, n * inner).CopyTo(result.Data.Slice((o * total + offset) * inner));
            offset += n;
        }
        return Autograd.Record(result, new ConcatBackward(tensors.ToArray(), d));
    }

    /// <summary>Stacks equally shaped tensors along a new dimension <paramref name="dim"/>.</summary>
    public static Tensor Stack(IReadOnlyList<Tensor> tensors, int dim = 0)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        if (tensors.Count == 0) throw new ArgumentException("Stack needs at least one tensor.");
        foreach (var t in tensors)
            if (!t.Shape.Equals(tensors[0].Shape))
                throw new ArgumentException($"Stack needs tensors of one shape, got {tensors[0].Shape} and {t.Shape}.");
        return Concat(tensors.Select(t => t.Unsqueeze(dim)).ToArray(), dim < 0 ? dim + tensors[0].Rank + 1 : dim);
    }

    /// <summary>
    /// Picks values along <paramref name="dim"/> by index: <c>out[i][j] = this[i][index[i][j]]</c> for dim 1 (as
    /// PyTorch's gather). <paramref name="index"/> holds whole numbers, has this tensor's rank, and is no larger in
    /// the other dimensions; the result has the index's shape.
    /// </summary>
    public Tensor Gather(int dim, Tensor index)
    {
        ArgumentNullException.ThrowIfNull(index);
        int d = Shape.NormalizeDim(dim);
        if (index.Rank != Rank)
            throw new ArgumentException($"Gather: the index has shape {index.Shape} but must have the input's rank {Rank} (input shape {Shape}).");
        for (int i = 0; i < Rank; i++)
            if (i != d && index.Shape[i] > Shape[i])
                throw new ArgumentException($"Gather: index shape {index.Shape} is larger than input shape {Shape} in dimension {i}.");
        var positions = GatherPositions(d, index);
        var result = new Tensor(new float[index.Size], index.Shape);
        for (int i = 0; i < positions.Length; i++) result.data[i] = data[positions[i]];
        return Autograd.Record(result, new GatherBackward(this, positions));
    }

    /// <summary>For each element of <paramref name="index"/>, the flat position in this tensor that it selects.</summary>
    private int[] GatherPositions(int dim, Tensor index)
    {
        var strides = Shape.Strides();
        var positions = new int[index.Size];
        var counter = new int[Rank];
        for (int i = 0; i < index.Size; i++)
        {
            float raw = index.data[i];
            int k = (int)raw;
            if (k != raw || k < 0 || k >= Shape[dim])
                throw new ArgumentOutOfRangeException(nameof(index),
                    $"Gather: index value {raw} is not a whole number in 0..{Shape[dim] - 1} (dimension {dim} of shape {Shape}).");
            int pos = 0;
            for (int j = 0; j < Rank; j++) pos += (j == dim ? k : counter[j]) * strides[j];
            positions[i] = pos;
            for (int j = Rank - 1; j >= 0; j--)
            {
                if (++counter[j] < index.Shape[j]) break;
                counter[j] = 0;
            }
        }
        return positions;
    }
}
