namespace Nabla.NN.Registries;

/// <summary>The activations a model spec, the CLI, ONNX and the whiteboard know by name.</summary>
public static class ActivationRegistry
{
    /// <summary>Negative slope of the named leaky activation (PyTorch's default).</summary>
    public const float LeakySlope = 0.01f;

    private static readonly ActivationFormulas ReluFormulas = new("relu", "1 if z > 0, else 0",
        d => d.X > 0 ? ("1", $"{d.Input} > 0") : ("0", $"{d.Input} <= 0"),
        "z => z > 0 ? z : 0", "z => z > 0 ? 1 : 0");

    private static readonly ActivationFormulas LeakyFormulas = new("leaky_relu", "1 if z > 0, else 0.01",
        d => d.X > 0 ? ("1", $"{d.Input} > 0") : (d.Parameter, $"{d.Input} <= 0"),
        "z => z > 0 ? z : f32(0.01 * z)", "z => z > 0 ? 1 : f32(0.01)")
    {
        JsCall = "x[0] > 0 ? x[0] : f32((x.length > 1 ? x[1] : 0.01) * x[0])",
        JsCallDerivative = "k === 0 ? (x[0] > 0 ? 1 : (x.length > 1 ? x[1] : 0.01)) : 0",
    };

    /// <summary>The rows, in the order CLI help lists them.</summary>
    public static Registry<ActivationRow> All { get; } = new("activation",
    [
        new("relu", "max(0, z)", _ => new ReLU(), _ => MathF.Sqrt(2f), (z, _) => z.Relu(), (z, _, _) => z > 0 ? 1 : 0, ReluFormulas)
            { Rectifier = true, OnnxOp = "Relu" },
        new("sigmoid", "1 / (1 + e^-z)", _ => new Sigmoid(), _ => 1f, (z, _) => z.Sigmoid(), (_, a, _) => a * (1 - a),
            new("sigmoid", "a * (1 - a)", d => ($"{d.Output} * (1 - {d.Output})", null),
                "z => f32(1 / (1 + Math.exp(-z)))", "(z, a) => f32(a * (1 - a))") { Latex = @"\sigma" })
            { OnnxOp = "Sigmoid" },
        new("tanh", "hyperbolic tangent", _ => new Tanh(), _ => 5f / 3f, (z, _) => z.Tanh(), (_, a, _) => 1 - a * a,
            new("tanh", "1 - a^2", d => ($"1 - {d.Output}^2", null), "z => f32(Math.tanh(z))", "(z, a) => f32(1 - a * a)")
            { Latex = @"\tanh" })
            { OnnxOp = "Tanh" },
        new("leaky-relu", "z if z > 0 else 0.01 z", s => new LeakyReLU(s), s => Init.RectifierGain(s ?? LeakySlope),
            (z, s) => z.LeakyRelu(s), (z, _, s) => z > 0 ? 1 : s, LeakyFormulas)
        {
            Parameter = LeakySlope, ParameterName = "slope", ParameterOf = m => ((LeakyReLU)m).Slope,
            Rectifier = true, OnnxOp = "LeakyRelu", OnnxAttribute = "alpha",
        },
        new("step", "1 if z > 0 else 0 (no gradient: the perceptron's problem)", _ => new Step(), _ => 1f, (z, _) => z.Step(),
            (_, _, _) => 0, new("step", "0 (step is flat on both sides of 0)", _ => ("0", "step is flat on both sides of 0"),
                "z => z > 0 ? 1 : 0", "() => 0")),
        new("linear", "z (no activation)", _ => new Identity(), _ => 1f, (z, _) => z, (_, _, _) => 1,
            new("linear", "1", null, "z => z", "() => 1")),
    ]);

    /// <summary>
    /// Every row in the order the whiteboard teaches them (its function list, its page script and its lectures): the smooth
    /// classics first, then the rectifiers, the perceptron's step and the identity.
    /// </summary>
    public static IReadOnlyList<ActivationRow> InLessonOrder { get; } =
        [All["sigmoid"], All["tanh"], All["relu"], All["leaky-relu"], All["step"], All["linear"]];

    /// <summary>The row whose module has <paramref name="module"/>'s class (whatever its parameter), or null.</summary>
    public static ActivationRow? ForModule(Module module)
    {
        ArgumentNullException.ThrowIfNull(module);
        return All.Rows.FirstOrDefault(r => r.ModuleType == module.GetType());
    }

    /// <summary>The row that exports to and imports from the ONNX operator <paramref name="op"/>, or null.</summary>
    public static ActivationRow? ForOnnxOp(string op) => All.Rows.FirstOrDefault(r => r.OnnxOp == op);
}
