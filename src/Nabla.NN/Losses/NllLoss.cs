namespace Nabla.NN;

/// <summary>
/// Negative log-likelihood (PyTorch's <c>nn.NLLLoss</c>): <c>-w_y logp[i, y_i]</c>, for log-probabilities from a
/// <see cref="LogSoftmax"/> layer. Input <c>[N, C]</c>, target class indices <c>[N]</c> stored as floats.
/// <c>LogSoftmax</c> + <c>NllLoss</c> equals <see cref="CrossEntropyLoss"/> on the logits.
/// </summary>
public sealed class NllLoss : Loss
{
    /// <summary>Creates the loss; <paramref name="weight"/> are optional class weights <c>[C]</c>.</summary>
    /// <param name="ignoreIndex">Targets equal to this are left out (PyTorch's <c>ignore_index</c>).</param>
    public NllLoss(Tensor? weight = null, Reduction reduction = Reduction.Mean, int ignoreIndex = -100) : base(reduction)
    {
        IgnoreIndex = ignoreIndex;
        if (weight is not null && weight.Rank != 1)
        {
            throw new ArgumentException($"NllLoss: class weights must have shape [C] but got {weight.Shape}", nameof(weight));
        }
        Weight = weight?.Detach();
    }

    /// <summary>Class weights <c>[C]</c>, or null (all 1).</summary>
    public Tensor? Weight { get; }

    /// <summary>Loss of log-probabilities <paramref name="input"/> <c>[N, C]</c> against class indices <paramref name="target"/> <c>[N]</c>.</summary>
    public override Tensor Forward(Tensor input, Tensor target) => Functional.NllLoss(input, target, Weight, Reduction, IgnoreIndex);

    /// <summary>The class index whose targets are ignored (default -100).</summary>
    public int IgnoreIndex { get; }

    /// <inheritdoc />
    protected override string ExtraRepr() => Weight is null ? "" : "weight=" + Weight.Shape;
}
