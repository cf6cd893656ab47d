namespace Nabla.NN;

/// <summary>The identity (a linear activation), <c>f(x) = x</c> (PyTorch's <c>nn.Identity</c>). Element-wise: output shape = input shape.</summary>
public sealed class Identity : Module
{
    /// <inheritdoc />
    public override FusedPart FusedPart => new FusedActivation(Fused.ActivationKind.Identity);

    /// <summary>Applies the activation element-wise; any input shape.</summary>
    public override Tensor Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return input;
    }
}
