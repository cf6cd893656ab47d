namespace Nabla.NN.Registries;

/// <summary>
/// An activation's one row: everything the library, the CLI, the whiteboard and ONNX need to know about it by name, so
/// adding an activation is its op, its derivative, its kernel, its module and this row (see docs/ADDING-AN-OP.md).
/// </summary>
/// <param name="Name">The name users write (CLI, config files, model cards).</param>
/// <param name="Help">One line of help.</param>
/// <param name="CreateWith">A new module with the given parameter (ignored by activations without one).</param>
/// <param name="Gain">
/// The gain initialisers scale weights by in front of it (PyTorch's <c>calculate_gain</c>), given the parameter (null:
/// <see cref="Parameter"/>).
/// </param>
/// <param name="Apply">The op on a tensor, given the parameter.</param>
/// <param name="Derivative">f'(z) from z, a = f(z) and the parameter, with the engine's choices at kinks (relu'(0) = 0).</param>
/// <param name="Formulas">How the whiteboard writes it.</param>
public sealed record ActivationRow(
    string Name,
    string Help,
    Func<float, Module> CreateWith,
    Func<float?, float> Gain,
    Func<Tensor, float, Tensor> Apply,
    Func<double, double, double, double> Derivative,
    ActivationFormulas Formulas) : IRegistryRow
{
    /// <summary>The default parameter (a negative slope), or null for activations without one.</summary>
    public float? Parameter { get; init; }

    /// <summary>The parameter's name in messages and the whiteboard's usage line (e.g. <c>slope</c>); null without one.</summary>
    public string? ParameterName { get; init; }

    /// <summary>Reads the parameter back from a module this row made; null for activations without one.</summary>
    public Func<Module, float>? ParameterOf { get; init; }

    /// <summary>
    /// A rectifier: slope 1 for z &gt; 0, so deep stacks keep their gradients (the activations the vanishing-gradient
    /// diagnostic recommends).
    /// </summary>
    public bool Rectifier { get; init; }

    /// <summary>The ONNX operator it exports to and imports from (one node), or null when it has no one-node form.</summary>
    public string? OnnxOp { get; init; }

    /// <summary>The ONNX attribute that carries the parameter (e.g. <c>alpha</c>), or null.</summary>
    public string? OnnxAttribute { get; init; }

    /// <summary>A new module with the default parameter.</summary>
    public Module Create() => CreateWith(Parameter ?? 0f);

    /// <summary>The module's class, e.g. <c>ReLU</c>.</summary>
    public Type ModuleType { get; } = CreateWith(0.5f).GetType();
}

/// <summary>How the whiteboard writes an activation: its name in formulas, its derivative in words and its script.</summary>
/// <param name="Expression">Its name in formulas and expressions, e.g. <c>relu</c>.</param>
/// <param name="DerivativeText">f'(z) written in a and z as the network explanation states it, e.g. "a * (1 - a)".</param>
/// <param name="LocalRule">
/// The local derivative of a call in the expression language, as a formula and the condition it holds under; null when the
/// expression language has no such function (linear).
/// </param>
/// <param name="JsForward">The interactive page's f(z) in JavaScript (Math.fround as f32, as the engine rounds).</param>
/// <param name="JsDerivative">The interactive page's f'(z) from (z, a) in JavaScript.</param>
public sealed record ActivationFormulas(
    string Expression,
    string DerivativeText,
    Func<LocalDerivativeInput, (string Formula, string? Condition)>? LocalRule,
    string JsForward,
    string JsDerivative)
{
    /// <summary>Its LaTeX command (e.g. <c>\sigma</c>), or null for <c>\operatorname{name}</c>.</summary>
    public string? Latex { get; init; }

    /// <summary>
    /// JavaScript of a call with an optional parameter argument, from the argument values <c>x</c> (for activations with a
    /// parameter); null otherwise.
    /// </summary>
    public string? JsCall { get; init; }

    /// <summary>JavaScript of the call's local derivative with respect to argument <c>k</c>; null without a parameter.</summary>
    public string? JsCallDerivative { get; init; }
}

/// <summary>What a local-derivative rule is written from.</summary>
/// <param name="Input">The argument's label.</param>
/// <param name="Output">The call's label, in parentheses when it is not a plain name.</param>
/// <param name="X">The argument's value.</param>
/// <param name="Parameter">The parameter's value as the whiteboard prints it.</param>
public readonly record struct LocalDerivativeInput(string Input, string Output, double X, string Parameter);
