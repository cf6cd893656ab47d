using Nabla.NN.Registries;
using Nabla.NN.Text;

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
    /// <param name="Activation">The activation's registry row when <paramref name="Function"/> is <see cref="MathFunction.Activation"/>.</param>
    public sealed record Entry(string Name, MathFunction Function, int MinArgs, int MaxArgs, string Usage, ActivationRow? Activation = null)
    {
        /// <summary>The entry of an activation: one argument, and a second for its parameter when it has one.</summary>
        public static Entry Of(ActivationRow row)
        {
            ArgumentNullException.ThrowIfNull(row);
            string name = row.Formulas.Expression;
            return row.ParameterName is { } p
                ? new(name, MathFunction.Activation, 1, 2, $"{name}(x) or {name}(x, {p})", row)
                : new(name, MathFunction.Activation, 1, 1, $"{name}(x)", row);
        }
    }

    /// <summary>All known functions in documentation order.</summary>
    public static IReadOnlyList<Entry> All { get; } =
    [
        .. ActivationRegistry.InLessonOrder.Where(r => r.Formulas.LocalRule is not null).Select(Entry.Of),
        new("exp", MathFunction.Exp, 1, 1, "exp(x)"),
        new("log", MathFunction.Log, 1, 1, "log(x)"),
        new("sqrt", MathFunction.Sqrt, 1, 1, "sqrt(x)"),
        new("abs", MathFunction.Abs, 1, 1, "abs(x)"),
        new("max", MathFunction.Max, 2, 2, "max(a, b)"),
        new("min", MathFunction.Min, 2, 2, "min(a, b)"),
    ];

    /// <summary>The entry called <paramref name="name"/> (case-sensitive), or null.</summary>
    public static Entry? Find(string name) => All.FirstOrDefault(e => e.Name == name);

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
