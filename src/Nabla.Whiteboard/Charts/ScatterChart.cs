namespace Nabla.Whiteboard.Charts;

/// <summary>
/// Predicted against actual values (regression results): one dot per sample, both axes on the same
/// range, and the dashed line y = x on which perfect predictions would lie.
/// </summary>
public sealed class ScatterChart
{
    /// <summary>Title, axis labels (default "Actual" and "Predicted") and size.</summary>
    public required ChartText Text { get; init; }

    /// <summary>True values, one per sample (x axis).</summary>
    public required IReadOnlyList<double> Actual { get; init; }

    /// <summary>Model outputs, one per sample (y axis); same length as <see cref="Actual"/>.</summary>
    public required IReadOnlyList<double> Predicted { get; init; }

    /// <summary>Draw the y = x reference line (default true).</summary>
    public bool IdentityLine { get; init; } = true;

    /// <summary>The chart as a self-contained SVG document.</summary>
    public string ToSvg()
    {
        var cleaned = SeriesCleaner.Clean(new Series("predictions", Actual, Predicted), AxisScale.Linear);
        var points = cleaned.Runs.SelectMany(r => r).ToArray();
        var notes = new List<string>();
        if (cleaned.Note is not null) notes.Add(cleaned.Note);
        if (points.Length == 0) notes.Add("no data");

        // One shared range so that the y = x line runs corner to corner and distances read the same both ways.
        var (min, max) = DataRange.Of(points.SelectMany(p => new[] { p.X, p.Y }), (0, 1));
        var ticks = NiceTicks.Linear(min, max);
        var text = Text with { XLabel = Text.XLabel ?? "Actual", YLabel = Text.YLabel ?? "Predicted" };
        var frame = new PlotFrame(text, ticks, AxisScale.Linear, ticks, AxisScale.Linear, [], notes);

        var svg = Svg.Root(text.Width, text.Height, text.Title, "chart scatter-chart");
        svg.Add(frame.Grid());
        if (IdentityLine)
        {
            svg.Add(Svg.Line(frame.X.Map(ticks.Min), frame.Y.Map(ticks.Min), frame.X.Map(ticks.Max), frame.Y.Map(ticks.Max),
                "#888888", 1.5, "identity", "5 4"));
        }
        var g = Svg.El("g", ("class", "series"), ("data-name", "predictions"));
        foreach (var (x, y) in points)
        {
            g.Add(Svg.El("circle", ("class", "point"), ("cx", frame.X.Map(x)), ("cy", frame.Y.Map(y)), ("r", 3),
                ("fill", Palette.Color(0)), ("fill-opacity", 0.6)));
        }
        svg.Add(g);
        svg.Add(frame.Decorations());
        return Svg.ToText(svg);
    }
}
