namespace Nabla.Whiteboard.Expressions;

/// <summary>Names and argument counts of the known functions, and "did you mean" suggestions for unknown names.</summary>
public static class FunctionCatalog
{
    /// <summary>One known function.</summary>
    /// <param name="Name">Name as written in expressions.</param>
    /// <param name="Function">Which function.</param>
    /// <param name="MinArgs">Fewest arguments.</param>
    /// <param name="MaxArgs">Most arguments.</param>
    /// <param name="Usage">How to call it, for error messages.</param>
    public sealed record Entry(string Name, MathFunction Function, int MinArgs, int MaxArgs, string Usage);

    /// <summary>All known functions in documentation order.</summary>
    public static IReadOnlyList<Entry> All { get; } =
    [
        new("sigmoid", MathFunction.Sigmoid, 1, 1, "sigmoid(x)"),
        new("tanh", MathFunction.Tanh, 1, 1, "tanh(x)"),
        new("relu", MathFunction.Relu, 1, 1, "relu(x)"),
        new("leaky_relu", MathFunction.LeakyRelu, 1, 2, "leaky_relu(x) or leaky_relu(x, slope)"),
        new("step", MathFunction.Step, 1, 1, "step(x)"),
        new("exp", MathFunction.Exp, 1, 1, "exp(x)"),
        new("log", MathFunction.Log, 1, 1, "log(x)"),
        new("sqrt", MathFunction.Sqrt, 1, 1, "sqrt(x)"),
        new("abs", MathFunction.Abs, 1, 1, "abs(x)"),
        new("max", MathFunction.Max, 2, 2, "max(a, b)"),
        new("min", MathFunction.Min, 2, 2, "min(a, b)"),
    ];

    /// <summary>The entry called <paramref name="name"/> (case-sensitive), or null.</summary>
    public static Entry? Find(string name) => All.FirstOrDefault(e => e.Name == name);

    /// <summary>The entry for <paramref name="function"/>.</summary>
    public static Entry Of(MathFunction function) => All.First(e => e.Function == function);

    /// <summary>
    /// The known name closest to <paramref name="name"/> by edit distance (ignoring case), when it is close
    /// enough to be a plausible typo (at most 2 edits, or a third of the name): "sigmod" suggests "sigmoid".
    /// </summary>
    public static string? Suggest(string name)
    {
        string lower = name.ToLowerInvariant();
        var best = All.Select(e => (e.Name, Distance: EditDistance.Levenshtein(lower, e.Name)))
            .OrderBy(x => x.Distance).First();
        int allowed = Math.Max(2, name.Length / 3);
        return best.Distance <= allowed ? best.Name : null;
    }
}
