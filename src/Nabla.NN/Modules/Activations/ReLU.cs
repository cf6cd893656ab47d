namespace Nabla.NN;

/// <summary>Rectified linear unit, <c>max(x, 0)</c> (PyTorch's <c>nn.ReLU</c>); gradient 1 for x &gt; 0, else 0. Element-wise: output shape = input shape.</summary>
public sealed class ReLU : Module
{
    /// <inheritdoc />
    public override FusedPart FusedPart => new FusedActivation(Fused.ActivationKind.Relu);

    /// <summary>Applies the activation element-wise; any input shape.</summary>
    public override Tensor Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return input.Relu();
    }
}
