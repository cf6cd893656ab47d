using Nabla.Kernels;

namespace Nabla;

public sealed partial class Tensor
{
    /// <summary>The sum of all elements, a scalar (pairwise summation: the error grows with log n, not n).</summary>
    public Tensor Sum()
    {
        var result = new Tensor([Reduce.PairwiseSum(Data)], Shape.Scalar);
        return Autograd.Record(result, new SumBackward(this));
    }

    /// <summary>The mean of all elements, a scalar.</summary>
    public Tensor Mean()
    {
        if (Size == 0) throw new InvalidOperationException("Mean() of an empty tensor is undefined.");
        return Sum() / Size;
    }

    /// <summary>Sums over <paramref name="dim"/>; the result drops that dimension unless <paramref name="keepDim"/>.</summary>
    public Tensor Sum(int dim, bool keepDim = false)
    {
        int d = Shape.NormalizeDim(dim, "Sum");
        var (outer, n, inner) = Split(d);
        var result = new Tensor(new float[outer * inner], ReducedShape(d, keepDim));
        Reduce.Sum(Data, outer, n, inner, result.Data);
        return Autograd.Record(result, new SumDimBackward(this, d, keepDim));
    }

    /// <summary>Averages over <paramref name="dim"/>; the result drops that dimension unless <paramref name="keepDim"/>.</summary>
    public Tensor Mean(int dim, bool keepDim = false)
    {
        int n = Shape[Shape.NormalizeDim(dim, "Mean")];
        if (n == 0) throw new InvalidOperationException($"Mean over dimension {dim} of size 0 is undefined (shape {Shape}).");
        return Sum(dim, keepDim) / n;
    }

    /// <summary>The largest element, a scalar; the gradient goes to its first occurrence.</summary>
    public Tensor Max() => Reshape(-1).Max(0);

    /// <summary>The smallest element, a scalar; the gradient goes to its first occurrence.</summary>
    public Tensor Min() => Reshape(-1).Min(0);

    /// <summary>The maximum values over <paramref name="dim"/> (indices come from <see cref="ArgMax(int, bool)"/>).</summary>
    public Tensor Max(int dim, bool keepDim = false) => Extreme(dim, keepDim, max: true);

    /// <summary>The minimum values over <paramref name="dim"/>.</summary>
    public Tensor Min(int dim, bool keepDim = false) => Extreme(dim, keepDim, max: false);

    /// <summary>Indices of the maximum along <paramref name="dim"/> (first occurrence), as a float tensor without gradient.</summary>
    public Tensor ArgMax(int dim, bool keepDim = false) => Extremes(dim, keepDim, max: true).Indices;

    /// <summary>The flat (row-major) index of the largest element, as a 0-d tensor.</summary>
    public Tensor ArgMax() => Reshape(-1).ArgMax(0);

    /// <summary>Indices of the minimum along <paramref name="dim"/> (first occurrence), as a float tensor without gradient.</summary>
    public Tensor ArgMin(int dim, bool keepDim = false)
    {
        var (_, indices) = Extremes(dim, keepDim, max: false);
        return indices;
    }

    /// <summary>Indices of the maximum along <paramref name="dim"/> as integers, row-major over the other dimensions.</summary>
    public int[] ArgMaxIndices(int dim) => ArgMax(dim).ToInt32Array();

    /// <summary>Indices of the minimum along <paramref name="dim"/> as integers, row-major over the other dimensions.</summary>
    public int[] ArgMinIndices(int dim) => ArgMin(dim).ToInt32Array();

    /// <summary>
    /// The maximum over <paramref name="dim"/> and where it is (PyTorch's <c>torch.max(x, dim)</c>): the values carry the
    /// gradient (to the first occurrence), the indices are a float tensor of whole numbers (see <see cref="ToInt32Array"/>).
    /// </summary>
    public (Tensor Values, Tensor Indices) MaxWithIndices(int dim, bool keepDim = false) => Extremes(dim, keepDim, max: true);

    /// <summary>The minimum over <paramref name="dim"/> and where it is; see <see cref="MaxWithIndices"/>.</summary>
    public (Tensor Values, Tensor Indices) MinWithIndices(int dim, bool keepDim = false) => Extremes(dim, keepDim, max: false);

    private (Tensor Values, Tensor Indices) Extremes(int dim, bool keepDim, bool max)
    {
        int d = Shape.NormalizeDim(dim, max ? "Max" : "Min");
        var (outer, n, inner) = Split(d);
        if (n == 0) throw new InvalidOperationException($"{(max ? "Max" : "Min")} over dimension {dim} of size 0 is undefined (shape {Shape}).");
        var values = new Tensor(new float[outer * inner], ReducedShape(d, keepDim));
        var indices = new int[outer * inner];
        Reduce.ArgExtreme(Data, outer, n, inner, max, values.Data, indices);
        var asFloats = new float[indices.Length];
        for (int i = 0; i < indices.Length; i++) asFloats[i] = indices[i];
        return (Autograd.Record(values, new IndexReductionBackward(this, d, indices)), new Tensor(asFloats, values.Shape));
    }

    private Tensor Extreme(int dim, bool keepDim, bool max) => Extremes(dim, keepDim, max).Values;

    /// <summary>Views the shape as [outer, shape[dim], inner].</summary>
    internal (int Outer, int N, int Inner) Split(int dim)
    {
        int outer = 1, inner = 1;
        for (int i = 0; i < dim; i++) outer *= Shape[i];
        for (int i = dim + 1; i < Rank; i++) inner *= Shape[i];
        return (outer, Shape[dim], inner);
    }

    private Shape ReducedShape(int dim, bool keepDim)
    {
        var dims = Shape.Dims;
        if (keepDim) { dims[dim] = 1; return new Shape(dims); }
        return new Shape([.. dims[..dim], .. dims[(dim + 1)..]]);
    }
}
