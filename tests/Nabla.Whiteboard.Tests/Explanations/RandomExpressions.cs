using System.Globalization;

namespace Nabla.Whiteboard.Tests.Explanations;

/// <summary>Random small programs over a, b, c built only from operations defined everywhere near [-1, 1] (no log, sqrt or division).</summary>
internal static class RandomExpressions
{
    public static string Program(Random rng)
    {
        int steps = rng.Next(1, 4);
        var names = new List<string> { "a", "b", "c" };
        var lines = new List<string>();
        for (int i = 0; i < steps; i++)
        {
            string name = "s" + i.ToString(CultureInfo.InvariantCulture);
            // Ending each step with a name keeps every step dependent on some input (a constant output cannot be explained).
            lines.Add($"{name} = {Expr(rng, names, 3)} * {names[rng.Next(names.Count)]}");
            names.Add(name);
        }
        return string.Join("\n", lines);
    }

    static string Expr(Random rng, List<string> names, int depth)
    {
        if (depth == 0 || rng.Next(4) == 0)
            return rng.Next(5) == 0 ? (rng.Next(1, 4)).ToString(CultureInfo.InvariantCulture) : names[rng.Next(names.Count)];
        string x = Expr(rng, names, depth - 1), y = Expr(rng, names, depth - 1);
        return rng.Next(10) switch
        {
            0 => $"({x} + {y})",
            1 => $"({x} - {y})",
            2 => $"({x} * {y})",
            3 => $"-{x}",
            4 => $"sigmoid({x})",
            5 => $"tanh({x})",
            6 => $"({x})^2",
            7 => $"max({x}, {y})",
            8 => $"exp(tanh({x}))",
            _ => $"leaky_relu({x}, 0.1)",
        };
    }
}
