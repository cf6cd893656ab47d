using Nabla.Whiteboard.Charts;

namespace Nabla.Whiteboard.Reports;

/// <summary>Turns the curves of a <see cref="TrainingReport"/> into charts, choosing scales the way a reader needs them.</summary>
internal static class ReportCharts
{
    /// <summary>A chart to place in the report: a key for tests and links, its SVG, and what it could not draw.</summary>
    public sealed record Figure(string Key, string Title, string Svg, IReadOnlyList<string> Notes);

    public static IReadOnlyList<Figure> Curves(TrainingReport r)
    {
        var figures = new List<Figure>();
        if (r.Loss.Count > 0)
            figures.Add(Line("loss", "Loss", "loss", r.Loss, SpansDecades(r.Loss) ? AxisScale.Log10 : AxisScale.Linear));
        foreach (var m in r.MetricCurves)
            figures.Add(Line("metric-" + m.Metric, m.Metric, m.Metric, m.Series, m.Scale));
        if (r.LearningRate.Count > 0)
            figures.Add(Line("learning-rate", "Learning rate", "lr", r.LearningRate, SpansDecades(r.LearningRate) ? AxisScale.Log10 : AxisScale.Linear));
        if (r.GradientNorms.Count > 0)
        {
            // Vanishing and exploding gradients differ by orders of magnitude: only a log axis shows both.
            var scale = r.GradientNorms.Any(s => s.Y.Any(v => v > 0 && double.IsFinite(v))) ? AxisScale.Log10 : AxisScale.Linear;
            figures.Add(Line("gradient-norms", "Gradient norm per layer", "L2 norm of gradient", r.GradientNorms, scale));
        }
        return figures;
    }

    public static Figure? Results(TrainingReport r)
    {
        if (r.Confusion is { } c)
        {
            var map = new HeatMap
            {
                Text = new ChartText($"Confusion matrix ({c.Split})", "Predicted", "Actual", 560, 480),
                RowLabels = c.Labels,
                ColumnLabels = c.Labels,
                Values = c.Counts.Select(row => (IReadOnlyList<double>)row.Select(v => (double)v).ToArray()).ToArray(),
            };
            return new Figure("confusion-matrix", map.Text.Title, map.ToSvg(), []);
        }
        if (r.Predictions is { } p)
        {
            var chart = new ScatterChart { Text = new ChartText($"Predicted vs actual ({p.Split})", Width: 480, Height: 440), Actual = p.Actual, Predicted = p.Predicted };
            return new Figure("predicted-vs-actual", chart.Text.Title, chart.ToSvg(), []);
        }
        return null;
    }

    static Figure Line(string key, string title, string yLabel, IReadOnlyList<Series> series, AxisScale scale)
    {
        var chart = new LineChart { Text = new ChartText(title, "epoch", yLabel, 520, 320), Series = series, YScale = scale, ShowLegend = true };
        return new Figure(key, title, chart.ToSvg(), chart.Notes);
    }

    // A loss that falls from 2.3 to 0.001 is a flat line at zero on a linear axis; switch to log10 when
    // all values are positive and they span at least two decades.
    static bool SpansDecades(IReadOnlyList<Series> series)
    {
        var values = series.SelectMany(s => s.Y).Where(double.IsFinite).ToArray();
        return values.Length > 1 && values.All(v => v > 0) && values.Max() / values.Min() >= 100;
    }
}
