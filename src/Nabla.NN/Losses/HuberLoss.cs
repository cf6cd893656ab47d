using System.Globalization;

namespace Nabla.NN;

/// <summary>
/// Huber loss (PyTorch's <c>nn.HuberLoss</c>): <c>0.5 a^2</c> for <c>a = |x - y| &lt;= delta</c>, else
/// <c>delta (a - 0.5 delta)</c>. Quadratic like MSE near the target, linear like L1 far from it.
/// Input and target have the same shape.
/// </summary>
public sealed class HuberLoss : Loss
{
    /// <summary>Creates the loss (PyTorch's default delta 1).</summary>
    public HuberLoss(float delta = 1f, Reduction reduction = Reduction.Mean) : base(reduction)
    {
        if (!(delta > 0f) || !float.IsFinite(delta))
        {
            throw new ArgumentOutOfRangeException(nameof(delta), delta, "HuberLoss: delta must be a positive number");
        }
        Delta = delta;
    }

    /// <summary>Where the loss turns from quadratic to linear.</summary>
    public float Delta { get; }

    /// <summary>Loss of <paramref name="input"/> against <paramref name="target"/> (same shape).</summary>
    public override Tensor Forward(Tensor input, Tensor target) => Functional.HuberLoss(input, target, Delta, Reduction);

    /// <inheritdoc />
    protected override string ExtraRepr() => "delta=" + Delta.ToString(CultureInfo.InvariantCulture);
}
