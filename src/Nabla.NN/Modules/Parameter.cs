namespace Nabla.NN;

/// <summary>
/// A trainable tensor owned by a <see cref="Module"/> (PyTorch's <c>nn.Parameter</c>). It wraps a leaf
/// <see cref="Tensor"/> whose <see cref="Tensor.RequiresGrad"/> is on, so the backward pass fills
/// <see cref="Grad"/> and an optimizer updates <see cref="Value"/> in place.
/// </summary>
/// <remarks>
/// <see cref="Tensor"/> is sealed, so a parameter is a wrapper, not a subclass: use <see cref="Value"/> (or the
/// implicit conversion) in tensor expressions, e.g. <c>x.MatMul(dense.Weight.Value.T)</c>.
/// </remarks>
public sealed class Parameter
{
    /// <summary>Wraps <paramref name="value"/> (any shape) and turns on its gradient tracking.</summary>
    /// <param name="value">A leaf tensor (not the result of an op that recorded a graph).</param>
    /// <param name="name">Optional display name; modules give their parameters dotted names.</param>
    /// <exception cref="ArgumentException">The tensor is not a leaf.</exception>
    public Parameter(Tensor value, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (!value.IsLeaf)
        {
            throw new ArgumentException(
                $"a Parameter must wrap a leaf tensor, but this tensor of shape {value.Shape} was computed by " +
                $"{value.GradFn?.Name ?? "an op"}: call Detach() first", nameof(value));
        }
        Value = value;
        Value.RequiresGrad = true;
        Name = name;
    }

    /// <summary>The wrapped leaf tensor (its shape is the parameter's shape).</summary>
    public Tensor Value { get; }

    /// <summary>Display name (e.g. <c>"weight"</c>); <see cref="Module.NamedParameters"/> gives the dotted path.</summary>
    public string? Name { get; set; }

    /// <summary>The gradient written by <see cref="Tensor.Backward(bool)"/>, same shape as <see cref="Value"/>; null before the first backward pass or after <see cref="ZeroGrad"/>.</summary>
    public Tensor? Grad
    {
        get => Value.Grad;
        set => Value.Grad = value;
    }

    /// <summary>Whether the optimizer and the backward pass treat this parameter as trainable (false = frozen).</summary>
    public bool RequiresGrad
    {
        get => Value.RequiresGrad;
        set => Value.RequiresGrad = value;
    }

    /// <summary>Shape of the parameter.</summary>
    public Shape Shape => Value.Shape;

    /// <summary>Number of elements.</summary>
    public int Size => Value.Size;

    /// <summary>Live view of the values, for optimizers and initialisers. Mutate only under <see cref="GradMode.NoGrad"/>.</summary>
    public Span<float> AsSpan() => Value.AsSpan();

    /// <summary>Drops the gradient (sets <see cref="Grad"/> to null), as PyTorch's <c>zero_grad(set_to_none=True)</c>.</summary>
    public void ZeroGrad() => Value.ZeroGrad();

    /// <summary>The wrapped tensor, so a parameter can be passed wherever a tensor is expected.</summary>
    public static implicit operator Tensor(Parameter parameter)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        return parameter.Value;
    }

    /// <summary>Same as the implicit conversion: the wrapped tensor.</summary>
    public Tensor ToTensor() => Value;

    /// <inheritdoc />
    public override string ToString() => $"Parameter {Name ?? ""}{Shape}";
}
