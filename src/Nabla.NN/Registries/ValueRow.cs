namespace Nabla.NN.Registries;

/// <summary>A registry row that names a plain value (an enum member, a policy) rather than a factory.</summary>
/// <typeparam name="TValue">The value's type.</typeparam>
/// <param name="Name">The name users write.</param>
/// <param name="Help">One line of help.</param>
/// <param name="Value">The value it names.</param>
public sealed record ValueRow<TValue>(string Name, string Help, TValue Value) : IRegistryRow;
