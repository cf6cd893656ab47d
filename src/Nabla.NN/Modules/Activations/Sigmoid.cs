namespace Nabla.NN;

/// <summary>Logistic sigmoid <c>1 / (1 + exp(-x))</c> (PyTorch's <c>nn.Sigmoid</c>); derivative <c>s (1 - s)</c>. Element-wise: output shape = input shape.</summary>
public sealed class Sigmoid : Module
{
    /// <inheritdoc />
    public override FusedPart FusedPart => new FusedActivation(Fused.ActivationKind.Sigmoid);

    /// <summary>Applies the activation element-wise; any input shape.</summary>
    public override Tensor Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return input.Sigmoid();
    }
}
