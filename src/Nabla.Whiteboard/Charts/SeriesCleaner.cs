using System.Globalization;

namespace Nabla.Whiteboard.Charts;

/// <summary>
/// Splits a series into drawable runs of points: a point whose x or y is NaN or infinite (or, on a log
/// axis, y &lt;= 0) cannot be drawn, so the line breaks there instead of jumping across the gap.
/// </summary>
internal static class SeriesCleaner
{
    public sealed record Cleaned(IReadOnlyList<IReadOnlyList<(double X, double Y)>> Runs, int Skipped, string? Note);

    public static Cleaned Clean(Series s, AxisScale yScale)
    {
        if (s.X.Count != s.Y.Count)
            throw new ArgumentException($"series \"{s.Name}\" has {s.X.Count} x values but {s.Y.Count} y values");
        var runs = new List<IReadOnlyList<(double, double)>>();
        var run = new List<(double, double)>();
        int nonFinite = 0, nonPositive = 0;
        for (int i = 0; i < s.X.Count; i++)
        {
            double x = s.X[i], y = s.Y[i];
            bool drawable = double.IsFinite(x) && double.IsFinite(y);
            if (!drawable) nonFinite++;
            else if (yScale == AxisScale.Log10 && y <= 0) { nonPositive++; drawable = false; }
            if (drawable) { run.Add((x, y)); continue; }
            if (run.Count > 0) { runs.Add(run); run = []; }
        }
        if (run.Count > 0) runs.Add(run);

        var parts = new List<string>();
        if (nonFinite > 0) parts.Add($"{Count(nonFinite)} NaN/infinite");
        if (nonPositive > 0) parts.Add($"{Count(nonPositive)} non-positive (log scale)");
        string? note = parts.Count == 0 ? null : $"\"{s.Name}\": skipped {string.Join(" and ", parts)} value{(nonFinite + nonPositive == 1 ? "" : "s")}";
        return new Cleaned(runs, nonFinite + nonPositive, note);
    }

    static string Count(int n) => n.ToString(CultureInfo.InvariantCulture);
}
