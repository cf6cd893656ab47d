namespace Nabla.Whiteboard.Charts;

/// <summary>
/// Vertical bars, one per named category (per-class accuracy, final loss per optimizer). The y axis is
/// linear and always includes 0 so bar lengths compare honestly. Non-finite values get no bar and a note.
/// </summary>
public sealed class BarChart
{
    /// <summary>Title, axis labels and size.</summary>
    public required ChartText Text { get; init; }

    /// <summary>Category names under the bars.</summary>
    public required IReadOnlyList<string> Categories { get; init; }

    /// <summary>One value per category.</summary>
    public required IReadOnlyList<double> Values { get; init; }

    /// <summary>The chart as a self-contained SVG document.</summary>
    public string ToSvg()
    {
        if (Categories.Count != Values.Count)
            throw new ArgumentException($"bar chart \"{Text.Title}\" has {Categories.Count} categories but {Values.Count} values");
        int n = Categories.Count;
        var skipped = Enumerable.Range(0, n).Where(i => !double.IsFinite(Values[i])).Select(i => Categories[i]).ToArray();
        var notes = new List<string>();
        if (skipped.Length > 0) notes.Add("no bar for non-finite values: " + string.Join(", ", skipped));
        if (n == 0) notes.Add("no data");

        var (min, max) = DataRange.Of(Values.Where(double.IsFinite).Append(0), (0, 1));
        var yTicks = NiceTicks.Linear(min, max);
        // Categories sit at x = 0 .. n-1; the axis spans half a slot beyond each end and shows no numeric ticks.
        var xTicks = new TickSet(-0.5, Math.Max(n, 1) - 0.5, []);
        var frame = new PlotFrame(Text, xTicks, AxisScale.Linear, yTicks, AxisScale.Linear, [], notes);

        var svg = Svg.Root(Text.Width, Text.Height, Text.Title, "chart bar-chart");
        svg.Add(frame.Grid());
        double slot = frame.X.Map(1) - frame.X.Map(0);
        var bars = Svg.El("g", ("class", "series"));
        var labels = Svg.El("g", ("class", "axis category-axis"));
        for (int i = 0; i < n; i++)
        {
            double cx = frame.X.Map(i);
            labels.Add(Svg.Text(cx, frame.Bottom + 18, Categories[i], "tick-label", "middle", 11));
            if (!double.IsFinite(Values[i])) continue;
            double y0 = frame.Y.Map(0), y1 = frame.Y.Map(Values[i]);
            bars.Add(Svg.El("rect", ("class", "bar"), ("x", cx - slot * 0.35), ("y", Math.Min(y0, y1)), ("width", slot * 0.7),
                ("height", Math.Abs(y1 - y0)), ("fill", Palette.Color(i))));
        }
        svg.Add(bars);
        svg.Add(frame.Decorations());
        svg.Add(labels);
        return Svg.ToText(svg);
    }
}
