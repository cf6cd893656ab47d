namespace Nabla.NN;

/// <summary>
/// Binary cross-entropy on logits (PyTorch's <c>nn.BCEWithLogitsLoss</c>): a sigmoid and BCE in one numerically
/// stable formula. Input (raw scores) and target (0/1 or probabilities) have the same shape, e.g. <c>[N, 1]</c>.
/// </summary>
public sealed class BceWithLogitsLoss : Loss
{
    /// <summary>Creates the loss.</summary>
    /// <param name="posWeight">Optional weight of the positive examples, broadcast against the input (usually
    /// <c>[C]</c>, one per output); &gt; 1 raises recall, e.g. <c>negatives / positives</c> for imbalanced data.</param>
    /// <param name="weight">Optional per-element weights broadcast against the input (PyTorch's <c>weight</c>).</param>
    public BceWithLogitsLoss(Tensor? posWeight = null, Reduction reduction = Reduction.Mean, Tensor? weight = null) : base(reduction)
    {
        PosWeight = posWeight?.Detach();
        Weight = weight?.Detach();
    }

    /// <summary>Per-element weights, or null (all 1).</summary>
    public Tensor? Weight { get; }

    /// <summary>Weight of the positive examples, or null (all 1).</summary>
    public Tensor? PosWeight { get; }

    /// <summary>Loss of the logits <paramref name="input"/> against <paramref name="target"/> (same shape).</summary>
    public override Tensor Forward(Tensor input, Tensor target) => Functional.BceWithLogitsLoss(input, target, PosWeight, Reduction, Weight);

    /// <inheritdoc />
    protected override string ExtraRepr() => PosWeight is null ? "" : "posWeight=" + PosWeight.Shape;
}
