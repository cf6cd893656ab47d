namespace Nabla.NN;

/// <summary>Binary cross-entropy on probabilities (PyTorch's <c>nn.BCELoss</c>), e.g. after a <see cref="Sigmoid"/>; each log is clamped to &gt;= -100. Input in [0, 1] and target have the same shape. Prefer <see cref="BceWithLogitsLoss"/> on raw scores.</summary>
public sealed class BceLoss : Loss
{
    /// <summary>Creates the loss with the given reduction (default mean).</summary>
    /// <param name="weight">Optional per-element weights broadcast against the input (PyTorch's <c>weight</c>).</param>
    public BceLoss(Reduction reduction = Reduction.Mean, Tensor? weight = null) : base(reduction)
    {
        Weight = weight?.Detach();
    }

    /// <summary>Per-element weights, or null (all 1).</summary>
    public Tensor? Weight { get; }

    /// <summary>Loss of <paramref name="input"/> against <paramref name="target"/> (same shape): a scalar, or that shape for <see cref="Reduction.None"/>.</summary>
    public override Tensor Forward(Tensor input, Tensor target) => Functional.BceLoss(input, target, Reduction, Weight);
}
