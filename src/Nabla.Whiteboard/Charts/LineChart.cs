using System.Globalization;

namespace Nabla.Whiteboard.Charts;

/// <summary>
/// A line chart of several series over a shared x axis (loss per epoch for train and validation, the
/// learning rate, per-layer gradient norms). The y axis is linear or log10. Each series becomes one
/// &lt;polyline&gt; per unbroken run of drawable points; a lone point is drawn as a dot.
/// </summary>
public sealed class LineChart
{
    /// <summary>Title, axis labels and size.</summary>
    public required ChartText Text { get; init; }

    /// <summary>The lines to draw, in legend order. May be empty (the chart then says "no data").</summary>
    public required IReadOnlyList<Series> Series { get; init; }

    /// <summary>Linear (default) or log10 y axis. Log10 suits losses and gradient norms spanning decades.</summary>
    public AxisScale YScale { get; init; } = AxisScale.Linear;

    /// <summary>Draw a small circle at every point.</summary>
    public bool Markers { get; init; }

    /// <summary>Show the legend (default: when there is more than one series).</summary>
    public bool? ShowLegend { get; init; }

    /// <summary>What could not be drawn (skipped NaN/infinite values, empty data), one sentence each.</summary>
    public IReadOnlyList<string> Notes => Prepare().Notes;

    /// <summary>The chart as a self-contained SVG document (no scripts, no external resources).</summary>
    public string ToSvg()
    {
        var (cleaned, notes) = Prepare();
        var drawable = cleaned.SelectMany(c => c.Runs).SelectMany(r => r).ToArray();

        var (xMin, xMax) = DataRange.Of(drawable.Select(p => p.X), (0, 1));
        double minStep = drawable.Length > 0 && DataRange.AllIntegers(drawable.Select(p => p.X)) ? 1 : 0;
        var xTicks = NiceTicks.Linear(xMin, xMax, 8, minStep);
        var (yMin, yMax) = DataRange.Of(drawable.Select(p => p.Y), YScale == AxisScale.Log10 ? (1, 10) : (0, 1));
        var yTicks = NiceTicks.For(YScale, yMin, yMax);

        var legend = (ShowLegend ?? Series.Count > 1)
            ? Series.Select((s, i) => new LegendEntry(s.Name, ColorOf(s, i), s.Dashed)).ToArray()
            : [];
        var frame = new PlotFrame(Text, xTicks, AxisScale.Linear, yTicks, YScale, legend, notes);

        var svg = Svg.Root(Text.Width, Text.Height, Text.Title, "chart line-chart");
        svg.Add(frame.Grid());
        for (int i = 0; i < Series.Count; i++)
        {
            string color = ColorOf(Series[i], i);
            var g = Svg.El("g", ("class", "series"), ("data-name", Series[i].Name));
            foreach (var run in cleaned[i].Runs)
            {
                if (run.Count > 1)
                {
                    string points = string.Join(" ", run.Select(p => Svg.Num(frame.X.Map(p.X)) + "," + Svg.Num(frame.Y.Map(p.Y))));
                    g.Add(Svg.El("polyline", ("points", points), ("fill", "none"), ("stroke", color), ("stroke-width", 2),
                        ("stroke-linejoin", "round"), ("stroke-dasharray", Series[i].Dashed ? "6 3" : null)));
                }
                if (Markers || run.Count == 1)
                {
                    foreach (var p in run)
                        g.Add(Svg.El("circle", ("class", "marker"), ("cx", frame.X.Map(p.X)), ("cy", frame.Y.Map(p.Y)), ("r", 3), ("fill", color)));
                }
            }
            svg.Add(g);
        }
        svg.Add(frame.Decorations());
        return Svg.ToText(svg);
    }

    (IReadOnlyList<SeriesCleaner.Cleaned> Cleaned, IReadOnlyList<string> Notes) Prepare()
    {
        var cleaned = Series.Select(s => SeriesCleaner.Clean(s, YScale)).ToArray();
        var notes = cleaned.Where(c => c.Note is not null).Select(c => c.Note!).ToList();
        if (cleaned.All(c => c.Runs.Count == 0))
            notes.Add(Series.Count == 0 ? "no data" : "no drawable data in " + Series.Count.ToString(CultureInfo.InvariantCulture) + " series");
        return (cleaned, notes);
    }

    static string ColorOf(Series s, int index) => s.Color ?? Palette.Color(index);
}
