using Nabla.Whiteboard.Charts;

namespace Nabla.Whiteboard.Tests.Charts;

/// <summary>Issue #15, item 10: a report never fails a finished run, so a chart with no room for its parts still draws.</summary>
public class ChartDegradationTests
{
    [Fact]
    public void LineChart_LegendOfManyLongNamesInASmallChart_DrawsInsteadOfThrowing()
    {
        // The gradient-norm chart of a 20-layer network: one legend entry per layer.
        var series = Enumerable.Range(0, 20)
            .Select(i => Series.FromValues($"layer {i} weight gradient norm (hidden {i})", [1, 2, 3 + i]))
            .ToArray();
        var chart = new LineChart { Text = new ChartText("Gradient norms", "epoch", "norm", 320, 120), Series = series };
        string svg = chart.ToSvg();
        Assert.Contains("<svg", svg);
        Assert.Contains("layer 19 weight gradient norm", svg);
    }

    [Fact]
    public void LineChart_MoreNotesThanRoom_FoldsTheRestIntoACount()
    {
        // Every series has a non-finite value, so each one gets a note under the axis.
        var series = Enumerable.Range(0, 30).Select(i => Series.FromValues($"s{i}", [1, double.NaN, 2])).ToArray();
        var chart = new LineChart { Text = new ChartText("Losses", "epoch", "loss", 480, 200), Series = series, ShowLegend = false };
        string svg = chart.ToSvg();
        Assert.Contains("more notes", svg);
    }
}
