namespace Nabla.NN;

/// <summary>Activation functions known to <see cref="Init.CalculateGain"/> (PyTorch's <c>nonlinearity</c> strings).</summary>
public enum Nonlinearity
{
    /// <summary>No activation (also PyTorch's conv layers): gain 1.</summary>
    Linear,
    /// <summary>Logistic sigmoid: gain 1.</summary>
    Sigmoid,
    /// <summary>Hyperbolic tangent: gain 5/3.</summary>
    Tanh,
    /// <summary>ReLU: gain sqrt(2).</summary>
    ReLU,
    /// <summary>Leaky ReLU with negative slope a: gain sqrt(2 / (1 + a^2)).</summary>
    LeakyReLU,
    /// <summary>SELU: gain 3/4.</summary>
    Selu,
}

/// <summary>Which fan a Kaiming initialiser preserves: fan-in keeps forward activations' variance, fan-out the backward gradients'.</summary>
public enum FanMode
{
    /// <summary>Number of inputs of a unit (<c>in_features</c> of a Dense layer).</summary>
    FanIn,
    /// <summary>Number of outputs (<c>out_features</c> of a Dense layer).</summary>
    FanOut,
}

/// <summary>Fills <paramref name="tensor"/> in place with initial values drawn from <paramref name="rng"/>.</summary>
/// <param name="tensor">The tensor to fill, e.g. a <c>[out, in]</c> weight.</param>
/// <param name="rng">Source of randomness (ignored by the constant initialisers).</param>
public delegate void Initializer(Tensor tensor, Rng rng);
