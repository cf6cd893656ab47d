namespace Nabla.NN;

/// <summary>Softplus <c>log(1 + exp(x))</c>, a smooth ReLU (PyTorch's <c>nn.Softplus</c> with beta 1). Element-wise: output shape = input shape.</summary>
public sealed class Softplus : Module
{
    /// <summary>Applies the activation element-wise; any input shape.</summary>
    public override Tensor Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return input.Softplus();
    }
}
