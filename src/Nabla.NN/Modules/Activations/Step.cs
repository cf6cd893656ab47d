namespace Nabla.NN;

/// <summary>Heaviside step, 1 for x &gt; 0 else 0 (the perceptron's threshold unit). Its gradient is 0 everywhere, so a network of steps cannot be trained by backpropagation: that is the point it illustrates. Element-wise: output shape = input shape.</summary>
public sealed class Step : Module
{
    /// <summary>Applies the activation element-wise; any input shape.</summary>
    public override Tensor Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return input.Step();
    }
}
