namespace Nabla.NN;

/// <summary>Sigmoid linear unit (swish) <c>x * sigmoid(x)</c> (PyTorch's <c>nn.SiLU</c>). Element-wise: output shape = input shape.</summary>
public sealed class SiLU : Module
{
    /// <summary>Applies the activation element-wise; any input shape.</summary>
    public override Tensor Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return input.Silu();
    }
}
