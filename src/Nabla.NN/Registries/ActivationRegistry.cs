namespace Nabla.NN.Registries;

/// <summary>An activation: its module, and how initialisers scale weights in front of it.</summary>
/// <param name="Name">The name users write.</param>
/// <param name="Help">One line of help.</param>
/// <param name="Create">A new activation module.</param>
/// <param name="Gain">The nonlinearity <see cref="Init.CalculateGain"/> and the Kaiming initialisers use for it.</param>
/// <param name="GainParameter">The nonlinearity's parameter for the gain (a leaky slope), or null.</param>
public sealed record ActivationRow(string Name, string Help, Func<Module> Create, Nonlinearity Gain, float? GainParameter = null) : IRegistryRow;

/// <summary>The activations a model spec, the CLI and the whiteboard know by name.</summary>
public static class ActivationRegistry
{
    /// <summary>Negative slope of the named leaky activation (PyTorch's default).</summary>
    public const float LeakySlope = 0.01f;

    /// <summary>The rows.</summary>
    public static Registry<ActivationRow> All { get; } = new("activation",
    [
        new("relu", "max(0, z)", () => new ReLU(), Nonlinearity.ReLU),
        new("sigmoid", "1 / (1 + e^-z)", () => new Sigmoid(), Nonlinearity.Sigmoid),
        new("tanh", "hyperbolic tangent", () => new Tanh(), Nonlinearity.Tanh),
        new("leaky-relu", "z if z > 0 else 0.01 z", () => new LeakyReLU(LeakySlope), Nonlinearity.LeakyReLU, LeakySlope),
        new("step", "1 if z > 0 else 0 (no gradient: the perceptron's problem)", () => new Step(), Nonlinearity.Linear),
        new("linear", "z (no activation)", () => new Identity(), Nonlinearity.Linear),
    ]);
}
