using System.Xml.Linq;

namespace Nabla.Whiteboard.Charts;

/// <summary>
/// The parts every x/y chart shares: the plot rectangle, grid, axes with tick labels, axis labels, title,
/// a legend to the right and notes (such as skipped values) under the x axis.
/// Layout: margins grow to fit the longest y tick label, the legend names and the number of notes.
/// </summary>
internal sealed class PlotFrame
{
    const double Pad = 12, TickLength = 5, LineHeight = 16, MinPlot = 40;

    public double Left { get; }
    public double Top { get; }
    public double Right { get; }
    public double Bottom { get; }
    public AxisMap X { get; }
    public AxisMap Y { get; }

    readonly ChartText _text;
    readonly IReadOnlyList<LegendEntry> _legend;
    readonly IReadOnlyList<string> _notes;

    public PlotFrame(ChartText text, TickSet xTicks, AxisScale xScale, TickSet yTicks, AxisScale yScale,
        IReadOnlyList<LegendEntry> legend, IReadOnlyList<string> notes)
    {
        _text = text;
        _legend = legend;
        double yLabelWidth = yTicks.Ticks.Where(t => t.IsMajor).Select(t => Svg.TextWidth(t.Label, 11)).DefaultIfEmpty(0).Max();
        double legendWidth = legend.Count == 0 ? 0 : legend.Max(e => Svg.TextWidth(e.Name)) + 40;
        Left = Pad + (text.YLabel is null ? 0 : 20) + yLabelWidth + TickLength + 4;
        Top = string.IsNullOrEmpty(text.Title) ? Pad : 36;
        // A chart never fails the report it is in (a finished training run's): when the notes leave no room, the last
        // ones fold into a count; when the legend (one entry per layer of a deep network) leaves no room, the plot keeps
        // its minimum width and the legend runs past the right edge, clipped by the SVG viewport.
        double bottomWithoutNotes = text.Height - Pad - 18 - (text.XLabel is null ? 0 : 20);
        int roomForNotes = (int)Math.Max(0, Math.Floor((bottomWithoutNotes - Top - MinPlot) / LineHeight));
        _notes = notes.Count <= roomForNotes ? notes
            : roomForNotes == 0 ? []
            : [.. notes.Take(roomForNotes - 1), $"... and {notes.Count - roomForNotes + 1} more notes"];
        Right = Math.Max(text.Width - Pad - legendWidth, Left + MinPlot);
        Bottom = Math.Max(bottomWithoutNotes - _notes.Count * LineHeight, Top + MinPlot);
        X = new AxisMap(xTicks, xScale, Left, Right);
        Y = new AxisMap(yTicks, yScale, Bottom, Top);
    }

    /// <summary>Background parts drawn under the data: grid lines.</summary>
    public XElement Grid()
    {
        var g = Svg.El("g", ("class", "grid"));
        foreach (var t in X.Ticks.Ticks.Where(t => t.IsMajor))
            g.Add(Svg.Line(X.Map(t.Value), Top, X.Map(t.Value), Bottom, Svg.Grid));
        foreach (var t in Y.Ticks.Ticks.Where(t => t.IsMajor))
            g.Add(Svg.Line(Left, Y.Map(t.Value), Right, Y.Map(t.Value), Svg.Grid));
        return g;
    }

    /// <summary>Foreground parts drawn over the data: axes, ticks, labels, title, legend, notes.</summary>
    public IEnumerable<XElement> Decorations()
    {
        if (!string.IsNullOrEmpty(_text.Title))
            yield return Svg.Text((Left + Right) / 2, 22, _text.Title, "chart-title", "middle", 15, weight: "bold");

        var xAxis = Svg.El("g", ("class", "axis x-axis"));
        xAxis.Add(Svg.Line(Left, Bottom, Right, Bottom, Svg.Ink));
        foreach (var t in X.Ticks.Ticks)
        {
            double x = X.Map(t.Value);
            var tick = Svg.El("g", ("class", t.IsMajor ? "tick" : "tick minor"));
            tick.Add(Svg.Line(x, Bottom, x, Bottom + (t.IsMajor ? TickLength : TickLength / 2), Svg.Ink));
            if (t.IsMajor) tick.Add(Svg.Text(x, Bottom + TickLength + 13, t.Label, "tick-label", "middle", 11));
            xAxis.Add(tick);
        }
        yield return xAxis;

        var yAxis = Svg.El("g", ("class", "axis y-axis"));
        yAxis.Add(Svg.Line(Left, Top, Left, Bottom, Svg.Ink));
        foreach (var t in Y.Ticks.Ticks)
        {
            double y = Y.Map(t.Value);
            var tick = Svg.El("g", ("class", t.IsMajor ? "tick" : "tick minor"));
            tick.Add(Svg.Line(Left - (t.IsMajor ? TickLength : TickLength / 2), y, Left, y, Svg.Ink));
            if (t.IsMajor) tick.Add(Svg.Text(Left - TickLength - 3, y + 4, t.Label, "tick-label", "end", 11));
            yAxis.Add(tick);
        }
        yield return yAxis;

        if (_text.XLabel is not null)
            yield return Svg.Text((Left + Right) / 2, Bottom + TickLength + 33, _text.XLabel, "axis-label x-label", "middle");
        if (_text.YLabel is not null)
            yield return Svg.Text(Pad + 8, (Top + Bottom) / 2, _text.YLabel, "axis-label y-label", "middle", rotate: -90);

        if (_legend.Count > 0)
        {
            var legend = Svg.El("g", ("class", "legend"));
            for (int i = 0; i < _legend.Count; i++)
            {
                var e = _legend[i];
                double y = Top + 8 + i * LineHeight;
                var row = Svg.El("g", ("class", "legend-entry"));
                row.Add(Svg.Line(Right + 10, y, Right + 30, y, e.Color, 2.5, dash: e.Dashed ? "6 3" : null));
                row.Add(Svg.Text(Right + 36, y + 4, e.Name, "legend-label"));
                legend.Add(row);
            }
            yield return legend;
        }

        for (int i = 0; i < _notes.Count; i++)
            yield return Svg.Text(Left, _text.Height - Pad - (_notes.Count - 1 - i) * LineHeight, _notes[i], "note", size: 11, fill: "#8a4b00");
    }
}
