using System.Globalization;

namespace Nabla.NN;

/// <summary>
/// Leaky ReLU <c>x if x &gt; 0 else slope * x</c> (PyTorch's <c>nn.LeakyReLU</c>, <c>negative_slope</c>).
/// Element-wise: output shape = input shape.
/// </summary>
public sealed class LeakyReLU : Module
{
    /// <summary>Creates the activation with the given negative slope (PyTorch's default 0.01).</summary>
    public LeakyReLU(float slope = 0.01f)
    {
        if (!float.IsFinite(slope))
        {
            throw new ArgumentOutOfRangeException(nameof(slope), slope, "LeakyReLU slope must be a finite number");
        }
        Slope = slope;
    }

    /// <summary>Slope for negative inputs.</summary>
    public float Slope { get; }

    /// <summary>Applies the activation element-wise; any input shape.</summary>
    public override Tensor Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return input.LeakyRelu(Slope);
    }

    /// <inheritdoc />
    public override FusedPart FusedPart => new FusedActivation(Fused.ActivationKind.LeakyRelu, Slope);

    /// <inheritdoc />
    protected override string ExtraRepr() => "slope=" + Slope.ToString(CultureInfo.InvariantCulture);
}
