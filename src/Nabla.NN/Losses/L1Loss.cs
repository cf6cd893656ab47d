namespace Nabla.NN;

/// <summary>Mean absolute error <c>mean(abs(x - y))</c> (PyTorch's <c>nn.L1Loss</c>): less sensitive to outliers than MSE. Input and target have the same shape.</summary>
public sealed class L1Loss : Loss
{
    /// <summary>Creates the loss with the given reduction (default mean).</summary>
    public L1Loss(Reduction reduction = Reduction.Mean) : base(reduction)
    {
    }

    /// <summary>Loss of <paramref name="input"/> against <paramref name="target"/> (same shape): a scalar, or that shape for <see cref="Reduction.None"/>.</summary>
    public override Tensor Forward(Tensor input, Tensor target) => Functional.L1Loss(input, target, Reduction);
}
