namespace Nabla.Fused;

/// <summary>
/// The element-wise activations the fused dense-layer kernels apply after a stage's matrix product (see
/// <see cref="DenseStage"/>). An activation module declares its kind; the kernels compute f and f'.
/// </summary>
public enum ActivationKind
{
    /// <summary>f(z) = z.</summary>
    Identity,

    /// <summary>f(z) = max(z, 0); f'(z) = 1 where z &gt; 0, else 0 (read from the output: y &gt; 0).</summary>
    Relu,

    /// <summary>f(z) = z where z &gt; 0, else slope z; f'(z) = 1 where z &gt; 0, else slope (read from z).</summary>
    LeakyRelu,

    /// <summary>f(z) = 1 / (1 + e^-z); f'(z) = y (1 - y) from the output y.</summary>
    Sigmoid,

    /// <summary>f(z) = tanh z; f'(z) = 1 - y^2 from the output y.</summary>
    Tanh,
}
