namespace Nabla.NN.Registries;

/// <summary>A weight initialiser of dense layers, given the activation that follows them.</summary>
/// <param name="Name">The name users write.</param>
/// <param name="Help">One line of help.</param>
/// <param name="Weight">The weight initialiser for layers followed by the given activation; null for the layer's default.</param>
public sealed record InitRow(string Name, string Help, Func<ActivationRow, Initializer?> Weight) : IRegistryRow
{
    /// <summary>
    /// The bias initialiser: null (the layer's PyTorch default) with <c>default</c>, zeros otherwise, so the named
    /// schemes are the textbook ones.
    /// </summary>
    public Initializer? Bias => Name == "default" ? null : (t, _) => Init.Zeros(t);
}

/// <summary>The weight initialisers a model spec and the CLI know by name.</summary>
public static class InitRegistry
{
    private static float Gain(ActivationRow a) => Init.CalculateGain(a);

    /// <summary>The rows.</summary>
    public static Registry<InitRow> All { get; } = new("initialiser",
    [
        new("default", "PyTorch's nn.Linear default (Kaiming-uniform with a = sqrt(5), uniform bias)", _ => null),
        new("zeros", "all zeros (every unit learns the same thing)", _ => (t, _) => Init.Zeros(t)),
        new("normal", "N(0, 0.01^2)", _ => (t, r) => Init.Normal(t, r, 0f, 0.01f)),
        new("uniform", "U(-0.05, 0.05)", _ => (t, r) => Init.Uniform(t, r, -0.05f, 0.05f)),
        new("xavier-normal", "Glorot normal, scaled by the activation's gain", a => (t, r) => Init.XavierNormal(t, r, Gain(a))),
        new("xavier-uniform", "Glorot uniform, scaled by the activation's gain", a => (t, r) => Init.XavierUniform(t, r, Gain(a))),
        // Kaiming's rule assumes a rectifier: every activation gets the gain of one with slope 0, sqrt(2).
        new("he-normal", "Kaiming normal (fan-in)", _ => (t, r) => Init.KaimingNormal(t, r)),
        new("he-uniform", "Kaiming uniform (fan-in)", _ => (t, r) => Init.KaimingUniform(t, r)),
        new("lecun-normal", "LeCun normal, N(0, 1/fan_in)", _ => (t, r) => Init.LecunNormal(t, r)),
    ]);
}
