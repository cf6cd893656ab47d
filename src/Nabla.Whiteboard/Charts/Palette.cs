namespace Nabla.Whiteboard.Charts;

/// <summary>Ten distinguishable series colours (the Tableau 10 set); series beyond ten reuse them in order.</summary>
public static class Palette
{
    static readonly string[] Colors =
    [
        "#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f",
        "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac",
    ];

    /// <summary>The colour (a #rrggbb string) for series number <paramref name="index"/> (0-based).</summary>
    public static string Color(int index) => Colors[((index % Colors.Length) + Colors.Length) % Colors.Length];
}
