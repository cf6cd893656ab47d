namespace Nabla.NN;

/// <summary>Hyperbolic tangent (PyTorch's <c>nn.Tanh</c>); derivative <c>1 - tanh(x)^2</c>. Element-wise: output shape = input shape.</summary>
public sealed class Tanh : Module
{
    /// <inheritdoc />
    public override FusedPart FusedPart => new FusedActivation(Fused.ActivationKind.Tanh);

    /// <summary>Applies the activation element-wise; any input shape.</summary>
    public override Tensor Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return input.Tanh();
    }
}
