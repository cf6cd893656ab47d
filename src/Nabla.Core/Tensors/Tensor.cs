namespace Nabla;

/// <summary>
/// An n-dimensional array of float32 values, stored contiguously in row-major order in a managed array,
/// that can record the operations applied to it so that <see cref="Backward(bool)"/> computes gradients.
/// </summary>
/// <remarks>
/// Tensors are values: operations return new tensors (a <see cref="Reshape"/> shares storage, like a PyTorch
/// view). Mutate storage through <see cref="AsSpan"/> only for tensors outside any graph you will backpropagate
/// through, typically parameters inside <see cref="GradMode.NoGrad"/>, as optimizers do.
/// NOTE: Tensor deliberately does not overload <c>==</c>: the graph keys tensors by reference.
/// </remarks>
public sealed partial class Tensor
{
    private readonly float[] data;
    private bool requiresGrad;

    internal Tensor(float[] data, Shape shape)
    {
        if (data.Length < shape.Size)
            throw new ArgumentException($"A buffer of {data.Length} floats cannot hold a tensor of shape {shape} ({shape.Size} elements).");
        this.data = data;
        Shape = shape;
    }

    /// <summary>The dimensions, outermost first.</summary>
    public Shape Shape { get; }

    /// <summary>Number of dimensions (0 for a scalar).</summary>
    public int Rank => Shape.Rank;

    /// <summary>Number of elements.</summary>
    public int Size => Shape.Size;

    /// <summary>An optional display name (used by error messages, the whiteboard and <see cref="ToString"/>).</summary>
    public string? Name { get; set; }

    /// <summary>
    /// Whether gradients flow to this tensor. Set it on leaves (inputs and parameters); results of recorded
    /// ops require gradients automatically.
    /// </summary>
    public bool RequiresGrad
    {
        get => requiresGrad;
        set
        {
            if (!value && GradFn is not null)
                throw new InvalidOperationException(
                    $"Cannot turn off RequiresGrad on a non-leaf tensor (computed by {GradFn.Name}); use Detach() to get a constant copy of it.");
            requiresGrad = value;
        }
    }

    /// <summary>
    /// The accumulated gradient dL/d(this) after <see cref="Backward(bool)"/>: same shape as this tensor, summed over
    /// every use and every Backward call until reset (set it to null, or call <see cref="ZeroGrad"/>).
    /// Filled for leaves that require gradients, and for non-leaves after <see cref="RetainGrad"/>.
    /// </summary>
    public Tensor? Grad { get; set; }

    /// <summary>The operation that produced this tensor, or null for a leaf.</summary>
    public BackwardFunction? GradFn { get; private set; }

    /// <summary>True when no recorded operation produced this tensor (user-created inputs and parameters).</summary>
    public bool IsLeaf => GradFn is null;

    /// <summary>True when <see cref="RetainGrad"/> asked to keep this non-leaf's gradient.</summary>
    public bool RetainsGrad { get; private set; }

    /// <summary>Storage, exactly <see cref="Size"/> elements long (internal: kernels and derivative rules).</summary>
    internal Span<float> Data => data.AsSpan(0, Shape.Size);

    /// <summary>
    /// A live view of the storage (row-major, <see cref="Size"/> elements). Writes change the tensor: do so only
    /// outside recorded graphs (for example when updating parameters under <see cref="GradMode.NoGrad"/>).
    /// </summary>
    public Span<float> AsSpan() => data.AsSpan(0, Shape.Size);

    internal void AttachGradFn(BackwardFunction fn)
    {
        GradFn = fn;
        requiresGrad = true;
    }

    /// <summary>Asks <see cref="Backward(bool)"/> to store this non-leaf tensor's gradient in <see cref="Grad"/>. Returns this.</summary>
    public Tensor RetainGrad()
    {
        if (!RequiresGrad)
            throw new InvalidOperationException("RetainGrad() on a tensor that does not require a gradient: nothing will flow to it.");
        RetainsGrad = true;
        return this;
    }

    /// <summary>Resets the accumulated gradient to null.</summary>
    public void ZeroGrad() => Grad = null;

    /// <summary>A tensor sharing this one's values but cut from the graph: a constant leaf that does not require a gradient.</summary>
    public Tensor Detach() => new(data, Shape) { Name = Name };

    /// <summary>The single value of a tensor with one element.</summary>
    public float Item()
    {
        if (Size != 1)
            throw new InvalidOperationException($"Item() needs a tensor with exactly one element, but this one has shape {Shape} ({Size} elements): use ToArray() to read all values, or reduce first (Sum(), Mean()).");
        return data[0];
    }

    /// <summary>A copy of the values in row-major order.</summary>
    public float[] ToArray() => Data.ToArray();

    /// <summary>The element at a full index (one number per dimension; negative counts from the end).</summary>
    [System.Runtime.CompilerServices.IndexerName("At")]
    public float this[params int[] index]
    {
        get
        {
            if (index.Length != Rank)
                throw new ArgumentException($"An index into a tensor of shape {Shape} needs {Rank} numbers, got {index.Length}.");
            int offset = 0;
            for (int d = 0; d < Rank; d++)
            {
                int i = index[d] < 0 ? index[d] + Shape[d] : index[d];
                if (i < 0 || i >= Shape[d])
                    throw new IndexOutOfRangeException($"Index {index[d]} is out of range for dimension {d} of size {Shape[d]} (shape {Shape}).");
                offset = offset * Shape[d] + i;
            }
            return data[offset];
        }
    }

    /// <summary>Backpropagates from this scalar: fills <see cref="Grad"/> of every leaf that requires a gradient.</summary>
    /// <param name="retainGraph">Keep the graph's saved values so Backward can run through it again.</param>
    public void Backward(bool retainGraph = false)
    {
        if (Size != 1)
            throw new InvalidOperationException(
                $"Backward() without a gradient needs a scalar (one element), but this tensor has shape {Shape}. " +
                "Reduce it first (for example .Sum() or .Mean()), or pass the gradient dL/d(this) to Backward(gradient).");
        Backward(Full(1f, Shape.Dims), retainGraph);
    }

    /// <summary>Backpropagates <paramref name="gradient"/> (dL/d(this), same shape as this tensor) through the graph.</summary>
    public void Backward(Tensor gradient, bool retainGraph = false)
    {
        ArgumentNullException.ThrowIfNull(gradient);
        if (!RequiresGrad)
            throw new InvalidOperationException(
                "Backward() on a tensor that does not require a gradient: no input had RequiresGrad = true, or it was computed under GradMode.NoGrad().");
        if (!gradient.Shape.Equals(Shape))
            throw new ArgumentException($"Backward(gradient): the gradient has shape {gradient.Shape} but this tensor has shape {Shape}; they must match.");
        Backprop.Run(this, gradient.Detach(), retainGraph);
    }
}
