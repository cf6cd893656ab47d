using System.Globalization;

namespace Nabla.NN;

public static partial class Functional
{
    /// <summary>
    /// Mean squared error <c>(x - y)^2</c>, reduced (PyTorch's <c>F.mse_loss</c>). Input and target have the same shape.
    /// </summary>
    public static Tensor MseLoss(Tensor input, Tensor target, Reduction reduction = Reduction.Mean)
    {
        CheckSameShape("MseLoss", input, target);
        Tensor d = input - target;
        return Reduce(d * d, reduction);
    }

    /// <summary>Mean absolute error <c>|x - y|</c>, reduced (PyTorch's <c>F.l1_loss</c>). Same shapes.</summary>
    public static Tensor L1Loss(Tensor input, Tensor target, Reduction reduction = Reduction.Mean)
    {
        CheckSameShape("L1Loss", input, target);
        return Reduce((input - target).Abs(), reduction);
    }

    /// <summary>
    /// Huber loss (PyTorch's <c>F.huber_loss</c>): with <c>a = |x - y|</c>, <c>0.5 a^2</c> if <c>a &lt;= delta</c>
    /// else <c>delta (a - 0.5 delta)</c>: quadratic near 0, linear (robust to outliers) beyond delta. Same shapes.
    /// </summary>
    public static Tensor HuberLoss(Tensor input, Tensor target, float delta = 1f, Reduction reduction = Reduction.Mean)
    {
        if (!(delta > 0f) || !float.IsFinite(delta))
        {
            throw new ArgumentOutOfRangeException(nameof(delta), delta, "HuberLoss: delta must be a positive number");
        }
        CheckSameShape("HuberLoss", input, target);
        Tensor a = (input - target).Abs();
        // q = min(a, delta) carries the quadratic part, a - q the linear part:
        // a <= delta: 0.5 a^2 + 0;  a > delta: 0.5 delta^2 + delta (a - delta) = delta (a - 0.5 delta).
        Tensor q = a.Clamp(0f, delta);
        return Reduce(0.5f * (q * q) + delta * (a - q), reduction);
    }

    /// <summary>
    /// Binary cross-entropy on probabilities (PyTorch's <c>F.binary_cross_entropy</c>):
    /// <c>-(y log p + (1 - y) log(1 - p))</c> with each log clamped to &gt;= -100, so p = 0 or 1 gives a finite loss.
    /// Input (probabilities in [0, 1], e.g. a sigmoid's output) and target have the same shape.
    /// </summary>
    /// <param name="weight">Optional per-element weights, broadcast against the input (PyTorch's <c>weight</c>); the mean
    /// still divides by the number of elements.</param>
    public static Tensor BceLoss(Tensor input, Tensor target, Reduction reduction = Reduction.Mean, Tensor? weight = null)
    {
        CheckSameShape("BceLoss", input, target);
        var p = input.AsSpan();
        for (int i = 0; i < p.Length; i++)
        {
            if (!(p[i] >= 0f && p[i] <= 1f))
            {
                throw new ArgumentException(
                    $"BceLoss expects probabilities in [0, 1] but input[{i}] (flat index) is {p[i].ToString(CultureInfo.InvariantCulture)}: " +
                    "apply Sigmoid first, or use BceWithLogitsLoss on the raw scores", nameof(input));
            }
        }
        return Reduce(Weighted(BinaryCrossEntropyFunction.Apply(input, target), weight, "BceLoss"), reduction);
    }

    /// <summary>
    /// Binary cross-entropy on logits (PyTorch's <c>F.binary_cross_entropy_with_logits</c>), computed stably:
    /// with <c>l = 1 + (posWeight - 1) y</c>, loss = <c>(1 - y) x + l (log(1 + exp(-|x|)) + max(-x, 0))</c>, which equals
    /// <c>-(posWeight y log sigmoid(x) + (1 - y) log(1 - sigmoid(x)))</c> without overflowing for large |x|.
    /// Input (logits) and target have the same shape; <paramref name="posWeight"/> broadcasts against them
    /// (usually shape <c>[C]</c>: a weight for the positives of each output).
    /// </summary>
    /// <param name="weight">Optional per-element weights, broadcast against the input (PyTorch's <c>weight</c>).</param>
    public static Tensor BceWithLogitsLoss(Tensor input, Tensor target, Tensor? posWeight = null, Reduction reduction = Reduction.Mean,
                                           Tensor? weight = null)
    {
        CheckSameShape("BceWithLogitsLoss", input, target);
        Tensor? pw = posWeight is null ? null : BroadcastWeight(posWeight, input, "BceWithLogitsLoss", nameof(posWeight));
        return Reduce(Weighted(BinaryCrossEntropyWithLogitsFunction.Apply(input, target, pw), weight, "BceWithLogitsLoss"), reduction);
    }

    // Per-element weights multiply the unreduced losses (constants: no gradient flows to them).
    private static Tensor Weighted(Tensor values, Tensor? weight, string who) =>
        weight is null ? values : values * BroadcastWeight(weight, values, who, nameof(weight));

    private static Tensor BroadcastWeight(Tensor weight, Tensor input, string who, string name)
    {
        try
        {
            return weight.Detach().BroadcastTo(input.Shape.Dims);
        }
        catch (ArgumentException)
        {
            throw new ArgumentException(
                $"{who}: {name} of shape {weight.Shape} does not broadcast to the input's shape {input.Shape} (use one weight per output, shape [{(input.Rank > 0 ? input.Shape[-1] : 1)}], or the input's shape)",
                name);
        }
    }

    /// <summary>
    /// Cross-entropy on logits (PyTorch's <c>F.cross_entropy</c>) = log-softmax followed by the negative
    /// log-likelihood. <paramref name="input"/> holds raw scores <c>[N, C]</c>; <paramref name="target"/> holds either
    /// class indices <c>[N]</c> (whole numbers 0..C-1 stored as floats) or class probabilities <c>[N, C]</c>
    /// (e.g. one-hot). Output: a scalar, or <c>[N]</c> for <see cref="Reduction.None"/>.
    /// </summary>
    /// <param name="weight">Optional class weights <c>[C]</c> (for imbalanced classes). With class indices and
    /// <see cref="Reduction.Mean"/>, the sum is divided by the total weight of the targets, as in PyTorch.</param>
    /// <param name="labelSmoothing">epsilon in [0, 1]: the target becomes <c>(1 - epsilon) target + epsilon / C</c>.</param>
    /// <param name="ignoreIndex">A class-index target equal to this contributes nothing, and is left out of the mean
    /// (PyTorch's <c>ignore_index</c>, default -100).</param>
    /// <remarks>Unbatched input <c>[C]</c> takes a 0-d class index or probabilities <c>[C]</c>; the output is then 0-d.</remarks>
    public static Tensor CrossEntropyLoss(Tensor input, Tensor target, Tensor? weight = null, float labelSmoothing = 0f,
                                          Reduction reduction = Reduction.Mean, int ignoreIndex = -100)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(target);
        if (input.Rank == 1)
        {
            Tensor batched = CrossEntropyLoss(input.Unsqueeze(0), target.Rank == 0 ? target.Reshape(1) : target.Unsqueeze(0),
                weight, labelSmoothing, reduction, ignoreIndex);
            return batched.Reshape();
        }
        if (!(labelSmoothing >= 0f && labelSmoothing <= 1f))
        {
            throw new ArgumentOutOfRangeException(nameof(labelSmoothing), labelSmoothing,
                "CrossEntropyLoss: labelSmoothing must be in [0, 1]");
        }
        CheckLogitsAndWeight("CrossEntropyLoss", input, weight);
        int n = input.Shape[0], c = input.Shape[1];
        if (target.Rank == 2)
        {
            if (!target.Shape.Equals(input.Shape))
            {
                throw new ArgumentException(
                    $"CrossEntropyLoss got logits of shape {input.Shape} and targets of shape {target.Shape}: " +
                    $"class-index targets must have shape [{n}], probability (one-hot) targets the logits' shape [{n}, {c}]" +
                    (target.Shape[0] == n && target.Shape[1] == 1 ? " (for a column of class indices use target.Reshape(-1))" : ""),
                    nameof(target));
            }
            Tensor logSoftmax = input.LogSoftmax(1);
            // Soft targets: loss_i = -sum_c w_c t'_ic log p_ic; the mean divides by N (not by weights), as PyTorch.
            Tensor t = labelSmoothing > 0f ? target * (1f - labelSmoothing) + labelSmoothing / c : target;
            Tensor prod = weight is null ? logSoftmax * t : logSoftmax * t * weight;
            Tensor perSample = -prod.Sum(1);
            return Reduce(perSample, reduction);
        }
        int[] classes = ClassIndices("CrossEntropyLoss", target, n, c, ignoreIndex, out bool[]? ignored);
        if (weight is null && labelSmoothing == 0f && reduction == Reduction.Mean && ignored is null)
        {
            // The common case as the engine's fused op: backward is (softmax(x) - onehot(y)) / N in one pass.
            return Tensor.CrossEntropyWithLogits(input, target);
        }
        Tensor logp = input.LogSoftmax(1);
        Tensor nll = WeightedNll(logp, classes, ignored, weight, reduction, out float totalWeight);
        if (labelSmoothing == 0f)
        {
            return nll;
        }
        // Smoothing spreads epsilon uniformly over the classes:
        // loss = (1 - eps) nll + (eps / C) sum_c (-w_c log p_ic), reduced like the nll part (ignored rows give 0).
        Tensor smooth = weight is null ? -logp.Sum(1) : -(logp * weight).Sum(1);
        if (ignored is not null)
        {
            smooth = smooth * Tensor.FromArray(ignored.Select(i => i ? 0f : 1f).ToArray(), n);
        }
        Tensor smoothReduced = reduction switch
        {
            Reduction.Mean => smooth.Sum() / totalWeight,
            Reduction.Sum => smooth.Sum(),
            _ => smooth,
        };
        return (1f - labelSmoothing) * nll + (labelSmoothing / c) * smoothReduced;
    }

    /// <summary>
    /// Negative log-likelihood (PyTorch's <c>F.nll_loss</c>): <c>-w_y input[i, y_i]</c> where
    /// <paramref name="input"/> <c>[N, C]</c> holds log-probabilities (e.g. from <see cref="LogSoftmax"/>) and
    /// <paramref name="target"/> <c>[N]</c> class indices stored as floats. Output: a scalar, or <c>[N]</c>.
    /// </summary>
    /// <param name="ignoreIndex">A target equal to this contributes nothing and is left out of the mean (default -100).</param>
    public static Tensor NllLoss(Tensor input, Tensor target, Tensor? weight = null, Reduction reduction = Reduction.Mean,
                                 int ignoreIndex = -100)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(target);
        if (input.Rank == 1)
        {
            return NllLoss(input.Unsqueeze(0), target.Reshape(1), weight, reduction, ignoreIndex).Reshape();
        }
        CheckLogitsAndWeight("NllLoss", input, weight);
        int n = input.Shape[0], c = input.Shape[1];
        int[] classes = ClassIndices("NllLoss", target, n, c, ignoreIndex, out bool[]? ignored);
        return WeightedNll(input, classes, ignored, weight, reduction, out _);
    }

    // -w_{y_i} logp[i, y_i] for every i (0 for ignored targets), reduced; the mean divides by the total weight of the
    // targets that are not ignored (their number without class weights).
    private static Tensor WeightedNll(Tensor logp, int[] classes, bool[]? ignored, Tensor? weight, Reduction reduction,
                                      out float totalWeight)
    {
        int n = classes.Length;
        Tensor picked = logp.Gather(1, Tensor.FromArray(classes.Select(k => (float)k).ToArray(), n, 1)).Reshape(n);
        var w = new float[n];
        double total = 0;
        for (int i = 0; i < n; i++)
        {
            w[i] = ignored is not null && ignored[i] ? 0f : weight is null ? 1f : weight.AsSpan()[classes[i]];
            total += w[i];
        }
        totalWeight = (float)total;
        Tensor perSample = weight is null && ignored is null ? -picked : -(picked * Tensor.FromArray(w, n));
        return reduction switch
        {
            Reduction.Mean => weight is null && ignored is null ? perSample.Mean() : perSample.Sum() / totalWeight,
            Reduction.Sum => perSample.Sum(),
            _ => perSample,
        };
    }

    private static void CheckLogitsAndWeight(string who, Tensor input, Tensor? weight)
    {
        if (input.Rank != 2)
        {
            throw new ArgumentException(
                $"{who} expects scores of shape [N, C] (a batch of N samples, C classes) but got {input.Shape}" +
                (input.Rank == 1 ? ": for a single sample use input.Unsqueeze(0)" : ""), nameof(input));
        }
        if (weight is not null && (weight.Rank != 1 || weight.Shape[0] != input.Shape[1]))
        {
            throw new ArgumentException(
                $"{who}: class weights must have shape [{input.Shape[1]}] (one per class) but got {weight.Shape}", nameof(weight));
        }
    }

    // Reads class-index targets [N] (whole numbers stored as floats) and checks them against C classes; targets equal
    // to ignoreIndex are marked in `ignored` (null when there are none) and read as class 0.
    private static int[] ClassIndices(string who, Tensor target, int n, int c, int ignoreIndex, out bool[]? ignored)
    {
        ignored = null;
        if (target.Rank != 1 || target.Shape[0] != n)
        {
            throw new ArgumentException(
                $"{who} got scores of shape [{n}, {c}] and targets of shape {target.Shape}: class-index targets must have shape [{n}]" +
                (target.Rank == 2 && target.Shape[0] == n && target.Shape[1] == 1 ? " (use target.Reshape(-1))" : "") +
                (target.Rank == 2 && target.Shape[0] == n && target.Shape[1] != c
                    ? $"; probability targets would need shape [{n}, {c}]" : ""),
                nameof(target));
        }
        var values = target.AsSpan();
        var classes = new int[n];
        for (int i = 0; i < n; i++)
        {
            float v = values[i];
            if (v != MathF.Floor(v) || !float.IsFinite(v))
            {
                throw new ArgumentException(
                    $"{who}: target[{i}] = {v.ToString(CultureInfo.InvariantCulture)} is not a class index (a whole number 0..{c - 1})",
                    nameof(target));
            }
            if (v == ignoreIndex)
            {
                ignored ??= new bool[n];
                ignored[i] = true;
                continue;
            }
            if (v < 0 || v >= c)
            {
                throw new ArgumentException(
                    $"{who}: targets contain class {v.ToString(CultureInfo.InvariantCulture)} but the model has {c} outputs (classes 0..{c - 1})" +
                    (v == c ? ": are the labels numbered from 1? subtract 1, or give the last layer more outputs" : ""),
                    nameof(target));
            }
            classes[i] = (int)v;
        }
        return classes;
    }

    private static void CheckSameShape(string who, Tensor input, Tensor target)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(target);
        if (input.Shape.Equals(target.Shape))
        {
            return;
        }
        string hint = "";
        if (input.Rank == 2 && input.Shape[1] == 1 && target.Rank == 1 && target.Shape[0] == input.Shape[0])
        {
            hint = ": reshape the target with target.Reshape(-1, 1)";
        }
        else if (target.Rank == 2 && target.Shape[1] == 1 && input.Rank == 1 && target.Shape[0] == input.Shape[0])
        {
            hint = ": reshape the input with input.Reshape(-1, 1)";
        }
        else if (input.Size == target.Size)
        {
            hint = $": reshape one of them (both have {input.Size} elements)";
        }
        throw new ArgumentException($"{who} got input of shape {input.Shape} and target of shape {target.Shape}: they must have the same shape{hint}",
            nameof(target));
    }

    private static Tensor Reduce(Tensor values, Reduction reduction) => reduction switch
    {
        Reduction.Mean => values.Mean(),
        Reduction.Sum => values.Sum(),
        Reduction.None => values,
        _ => throw new ArgumentOutOfRangeException(nameof(reduction), reduction, "reduction must be Mean, Sum or None"),
    };
}
