namespace Nabla.NN;

/// <summary>Mean squared error <c>mean((x - y)^2)</c> (PyTorch's <c>nn.MSELoss</c>): the regression loss. Input and target have the same shape, e.g. <c>[N, 1]</c>.</summary>
public sealed class MseLoss : Loss
{
    /// <summary>Creates the loss with the given reduction (default mean).</summary>
    public MseLoss(Reduction reduction = Reduction.Mean) : base(reduction)
    {
    }

    /// <summary>Loss of <paramref name="input"/> against <paramref name="target"/> (same shape): a scalar, or that shape for <see cref="Reduction.None"/>.</summary>
    public override Tensor Forward(Tensor input, Tensor target) => Functional.MseLoss(input, target, Reduction);
}
