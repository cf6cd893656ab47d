namespace Nabla.NN;

/// <summary>Gaussian error linear unit <c>x * Phi(x)</c> (PyTorch's <c>nn.GELU</c>). Element-wise: output shape = input shape.</summary>
public sealed class GELU : Module
{
    /// <summary>Applies the activation element-wise; any input shape.</summary>
    public override Tensor Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return input.Gelu();
    }
}
