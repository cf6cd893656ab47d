namespace Nabla.Whiteboard.Charts;

/// <summary>
/// One named line of (x, y) points, e.g. the training loss per epoch. X and Y have the same length.
/// Non-finite values (NaN, infinity) are allowed: charts skip them and say so in a note.
/// </summary>
/// <param name="Name">Shown in the legend.</param>
/// <param name="X">X values (e.g. epoch numbers).</param>
/// <param name="Y">Y values (e.g. losses).</param>
/// <param name="Color">#rrggbb colour; null picks the next palette colour.</param>
/// <param name="Dashed">Draw a dashed line (e.g. validation curves next to solid training curves).</param>
public sealed record Series(string Name, IReadOnlyList<double> X, IReadOnlyList<double> Y, string? Color = null, bool Dashed = false)
{
    /// <summary>A series whose x values are 1, 2, ..., n (epochs or steps counted from 1).</summary>
    public static Series FromValues(string name, IReadOnlyList<double> y, string? color = null, bool dashed = false) =>
        new(name, Enumerable.Range(1, y.Count).Select(i => (double)i).ToArray(), y, color, dashed);
}
