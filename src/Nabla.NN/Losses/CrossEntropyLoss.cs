using System.Globalization;

namespace Nabla.NN;

/// <summary>
/// Cross-entropy on logits (PyTorch's <c>nn.CrossEntropyLoss</c>): log-softmax + negative log-likelihood, the
/// loss of multi-class classification. Input: raw scores <c>[N, C]</c> (no softmax layer before it). Target:
/// class indices <c>[N]</c> stored as floats (0..C-1), or class probabilities <c>[N, C]</c> (e.g. one-hot). A single
/// unbatched sample <c>[C]</c> takes a 0-d index or probabilities <c>[C]</c>.
/// Output: a scalar, or <c>[N]</c> for <see cref="Reduction.None"/>.
/// </summary>
public sealed class CrossEntropyLoss : Loss
{
    /// <summary>Creates the loss.</summary>
    /// <param name="weight">Optional class weights <c>[C]</c>; with class indices the mean divides by the targets' total weight.</param>
    /// <param name="labelSmoothing">epsilon in [0, 1]: targets become <c>(1 - epsilon) target + epsilon / C</c>.</param>
    /// <param name="ignoreIndex">Class-index targets equal to this are left out (PyTorch's <c>ignore_index</c>).</param>
    public CrossEntropyLoss(Tensor? weight = null, float labelSmoothing = 0f, Reduction reduction = Reduction.Mean, int ignoreIndex = -100)
        : base(reduction)
    {
        if (!(labelSmoothing >= 0f && labelSmoothing <= 1f))
        {
            throw new ArgumentOutOfRangeException(nameof(labelSmoothing), labelSmoothing, "CrossEntropyLoss: labelSmoothing must be in [0, 1]");
        }
        if (weight is not null && weight.Rank != 1)
        {
            throw new ArgumentException($"CrossEntropyLoss: class weights must have shape [C] but got {weight.Shape}", nameof(weight));
        }
        Weight = weight?.Detach();
        LabelSmoothing = labelSmoothing;
        IgnoreIndex = ignoreIndex;
    }

    /// <summary>The class index whose targets are ignored (default -100, as PyTorch).</summary>
    public int IgnoreIndex { get; }

    /// <summary>Class weights <c>[C]</c>, or null (all 1).</summary>
    public Tensor? Weight { get; }

    /// <summary>Label smoothing epsilon.</summary>
    public float LabelSmoothing { get; }

    /// <summary>Loss of the logits <paramref name="input"/> <c>[N, C]</c> against <paramref name="target"/> (<c>[N]</c> indices or <c>[N, C]</c> probabilities).</summary>
    public override Tensor Forward(Tensor input, Tensor target) =>
        Functional.CrossEntropyLoss(input, target, Weight, LabelSmoothing, Reduction, IgnoreIndex);

    /// <inheritdoc />
    protected override string ExtraRepr()
    {
        var parts = new List<string>();
        if (Weight is not null)
        {
            parts.Add("weight=" + Weight.Shape);
        }
        if (LabelSmoothing != 0f)
        {
            parts.Add("labelSmoothing=" + LabelSmoothing.ToString(CultureInfo.InvariantCulture));
        }
        return string.Join(", ", parts);
    }
}
