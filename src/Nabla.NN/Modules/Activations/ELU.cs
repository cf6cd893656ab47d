using System.Globalization;

namespace Nabla.NN;

/// <summary>
/// Exponential linear unit <c>x if x &gt; 0 else alpha (exp(x) - 1)</c> (PyTorch's <c>nn.ELU</c>).
/// Element-wise: output shape = input shape.
/// </summary>
public sealed class ELU : Module
{
    /// <summary>Creates the activation (PyTorch's default alpha 1).</summary>
    public ELU(float alpha = 1f)
    {
        if (!float.IsFinite(alpha))
        {
            throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "ELU alpha must be a finite number");
        }
        Alpha = alpha;
    }

    /// <summary>Scale of the negative branch.</summary>
    public float Alpha { get; }

    /// <summary>Applies the activation element-wise; any input shape.</summary>
    public override Tensor Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return input.Elu(Alpha);
    }

    /// <inheritdoc />
    protected override string ExtraRepr() => "alpha=" + Alpha.ToString(CultureInfo.InvariantCulture);
}
