namespace Nabla.NN;

/// <summary>
/// Base class of the loss functions: <c>Forward(input, target)</c> returns a scalar tensor for
/// <see cref="Reduction.Mean"/> and <see cref="Reduction.Sum"/>, or the unreduced values for
/// <see cref="Reduction.None"/>. Call <see cref="Tensor.Backward(bool)"/> on the result.
/// </summary>
public abstract class Loss
{
    /// <summary>Stores the reduction.</summary>
    protected Loss(Reduction reduction)
    {
        if (!Enum.IsDefined(reduction))
        {
            throw new ArgumentOutOfRangeException(nameof(reduction), reduction, "reduction must be Mean, Sum or None");
        }
        Reduction = reduction;
    }

    /// <summary>How per-element values are combined.</summary>
    public Reduction Reduction { get; }

    /// <summary>Computes the loss of <paramref name="input"/> (the model's output) against <paramref name="target"/>.</summary>
    public abstract Tensor Forward(Tensor input, Tensor target);

    /// <summary>Options shown by <see cref="ToString"/> besides the reduction.</summary>
    protected virtual string ExtraRepr() => "";

    /// <inheritdoc />
    public override string ToString()
    {
        string extra = ExtraRepr();
        return $"{GetType().Name}({(extra.Length > 0 ? extra + ", " : "")}reduction={Reduction})";
    }
}
