namespace Nabla.NN;

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
