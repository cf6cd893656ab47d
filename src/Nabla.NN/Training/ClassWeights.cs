using System.Globalization;

namespace Nabla.NN.Training;

/// <summary>
/// Class weights for imbalanced classification: scikit-learn's <c>"balanced"</c> (n / (k * count of the class)) or an
/// explicit <c>name=weight</c> map, and the weighted version of a classification loss (<see cref="Apply"/>).
/// </summary>
/// <remarks>
/// The weighted loss follows PyTorch's <c>nn.CrossEntropyLoss(weight=w)</c>: with mean reduction each sample's loss is
/// multiplied by the weight of its true class and the sum is divided by the sum of those weights, so weights scale
/// the classes relative to each other, not the loss as a whole. The one-logit binary loss gets the same semantics
/// (<see cref="ClassWeightedBceWithLogitsLoss"/>).
/// </remarks>
public static class ClassWeights
{
    /// <summary>The spelling of the balanced weighting.</summary>
    public const string BalancedName = "balanced";

    /// <summary>
    /// scikit-learn's <c>compute_class_weight("balanced")</c>: n_samples / (n_classes * count(c)); a class absent from
    /// <paramref name="labels"/> gets weight 1 (it contributes nothing to the loss anyway).
    /// </summary>
    public static float[] Balanced(ReadOnlySpan<int> labels, int numClasses)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(numClasses, 1);
        var counts = new long[numClasses];
        foreach (int label in labels)
        {
            if ((uint)label >= (uint)numClasses)
                throw new ArgumentException($"Class label {label} is outside 0..{numClasses - 1}.", nameof(labels));
            counts[label]++;
        }
        var weights = new float[numClasses];
        for (int c = 0; c < numClasses; c++)
            weights[c] = counts[c] == 0 ? 1f : (float)((double)labels.Length / (numClasses * counts[c]));
        return weights;
    }

    /// <summary>
    /// Reads <c>balanced</c> or <c>NAME=W,NAME=W,...</c> (classes not named get weight 1) against the class names of a
    /// data set; <paramref name="targets"/> holds the training class indices (used by <c>balanced</c>).
    /// </summary>
    /// <exception cref="ArgumentException">An unknown class, a malformed pair or a weight that is not a positive finite number.</exception>
    public static float[] Parse(string text, IReadOnlyList<string> classNames, Tensor targets)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(classNames);
        ArgumentNullException.ThrowIfNull(targets);
        if (text.Trim() == BalancedName)
        {
            var labels = new int[targets.Shape[0]];
            var values = targets.AsSpan();
            for (int i = 0; i < labels.Length; i++) labels[i] = (int)values[i];
            return Balanced(labels, classNames.Count);
        }
        var weights = Enumerable.Repeat(1f, classNames.Count).ToArray();
        foreach (string pair in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            int eq = pair.LastIndexOf('=');
            if (eq <= 0)
                throw new ArgumentException($"Class weight '{pair}' is not NAME=WEIGHT (e.g. {classNames[0]}=2), nor '{BalancedName}'.");
            string name = pair[..eq].Trim(), number = pair[(eq + 1)..].Trim();
            int index = IndexOf(classNames, name);
            if (index < 0)
                throw new ArgumentException($"Class weight for '{name}': no such class; the classes are {string.Join(", ", classNames)}.");
            if (!float.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out float w) || !float.IsFinite(w) || w <= 0)
                throw new ArgumentException($"Class weight for '{name}' is '{number}'; it must be a positive number.");
            weights[index] = w;
        }
        return weights;
    }

    /// <summary>
    /// <paramref name="loss"/> with <paramref name="weights"/> (one per class): cross-entropy gets them as its class weights,
    /// the one-logit binary loss becomes a <see cref="ClassWeightedBceWithLogitsLoss"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The loss is not a classification loss this knows how to weight.</exception>
    public static Loss Apply(Loss loss, IReadOnlyList<float> weights)
    {
        ArgumentNullException.ThrowIfNull(loss);
        ArgumentNullException.ThrowIfNull(weights);
        return loss switch
        {
            CrossEntropyLoss ce => new CrossEntropyLoss(Tensor.FromArray(weights.ToArray(), weights.Count), ce.LabelSmoothing, ce.Reduction, ce.IgnoreIndex),
            BceWithLogitsLoss { Weight: null, PosWeight: null } when weights.Count == 2 => new ClassWeightedBceWithLogitsLoss(weights[0], weights[1], loss.Reduction),
            _ => throw new ArgumentException($"Class weights apply to cross-entropy and binary cross-entropy; the loss is {loss.GetType().Name}."),
        };
    }

    private static int IndexOf(IReadOnlyList<string> names, string name)
    {
        for (int i = 0; i < names.Count; i++) if (names[i] == name) return i;
        for (int i = 0; i < names.Count; i++) if (string.Equals(names[i], name, StringComparison.OrdinalIgnoreCase)) return i;
        return -1;
    }
}

/// <summary>
/// Binary cross-entropy on one logit with a weight per class: sample i counts <c>w[y_i]</c> times and the mean divides by
/// the sum of those weights, as PyTorch's weighted cross-entropy does (so two-class cross-entropy with class weights and
/// this loss agree). Targets are 0 or 1.
/// </summary>
public sealed class ClassWeightedBceWithLogitsLoss : Loss
{
    /// <summary>Creates the loss with the negative class's and the positive class's weights.</summary>
    public ClassWeightedBceWithLogitsLoss(float negativeWeight, float positiveWeight, Reduction reduction = Reduction.Mean) : base(reduction)
    {
        if (!(negativeWeight > 0 && float.IsFinite(negativeWeight)) || !(positiveWeight > 0 && float.IsFinite(positiveWeight)))
            throw new ArgumentOutOfRangeException(nameof(negativeWeight), $"Class weights must be positive and finite; got {negativeWeight} and {positiveWeight}.");
        NegativeWeight = negativeWeight;
        PositiveWeight = positiveWeight;
    }

    /// <summary>Weight of class 0.</summary>
    public float NegativeWeight { get; }

    /// <summary>Weight of class 1.</summary>
    public float PositiveWeight { get; }

    /// <inheritdoc />
    public override Tensor Forward(Tensor input, Tensor target)
    {
        // w_i = w0 + (w1 - w0) y_i: a constant per sample (no gradient flows into the targets).
        Tensor w = (target.Detach() * (PositiveWeight - NegativeWeight) + NegativeWeight).Detach();
        return Reduction switch
        {
            Reduction.None => Functional.BceWithLogitsLoss(input, target, null, Reduction.None, w),
            Reduction.Sum => Functional.BceWithLogitsLoss(input, target, null, Reduction.Sum, w),
            _ => Functional.BceWithLogitsLoss(input, target, null, Reduction.Sum, w) / w.Sum(),
        };
    }

    /// <inheritdoc />
    protected override string ExtraRepr() =>
        string.Create(CultureInfo.InvariantCulture, $"weights=[{NegativeWeight}, {PositiveWeight}]");
}
