using Nabla.Whiteboard.Charts;

namespace Nabla.Whiteboard.Tests.Charts;

public class LineChartTests
{
    static readonly ChartText Text = new("Loss", "epoch", "loss");

    static SvgDoc Render(AxisScale scale, params Series[] series) =>
        new(new LineChart { Text = Text, Series = series, YScale = scale }.ToSvg());

    [Fact]
    public void ToSvg_TwoSeries_OnePolylineEachWithAllPointsAndLegend()
    {
        var doc = Render(AxisScale.Linear,
            Series.FromValues("train", [2.0, 1.5, 1.1, 0.9, 0.8]),
            Series.FromValues("validation", [2.1, 1.7, 1.4, 1.3, 1.35], dashed: true));

        Assert.Equal([5, 5], doc.Polylines.Select(SvgDoc.PointCount));
        Assert.Equal(["train", "validation"], doc.Texts("legend-label"));
        Assert.Equal(["Loss"], doc.Texts("chart-title"));
        Assert.Equal(["epoch"], doc.Texts("x-label"));
        Assert.Equal(["loss"], doc.Texts("y-label"));
        Assert.Equal(["1", "2", "3", "4", "5"], doc.TickLabels("x-axis"));
        Assert.Equal(["0.5", "1.0", "1.5", "2.0", "2.5"], doc.TickLabels("y-axis"));
        Assert.Empty(doc.WithClass("note"));
    }

    [Fact]
    public void ToSvg_IncreasingY_PolylineGoesUpOnScreen()
    {
        var doc = Render(AxisScale.Linear, Series.FromValues("a", [0.0, 1.0]));
        var pts = ((string)doc.Polylines.Single().Attribute("points")!).Split(' ')
            .Select(p => double.Parse(p.Split(',')[1], System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        Assert.True(pts[1] < pts[0], "SVG y grows downwards, so a larger value must have a smaller y");
    }

    [Fact]
    public void ToSvg_NaNInMiddle_LineBreaksAndNoteSaysSkipped()
    {
        var chart = new LineChart { Text = Text, Series = [Series.FromValues("train", [1.0, 0.9, double.NaN, 0.7, double.PositiveInfinity, 0.5, 0.4])] };
        var doc = new SvgDoc(chart.ToSvg());

        Assert.Equal([2, 2], doc.Polylines.Select(SvgDoc.PointCount));
        Assert.Single(doc.WithClass("marker")); // the lone 0.7 between two gaps is a dot
        Assert.Equal(["\"train\": skipped 2 NaN/infinite values"], doc.Texts("note"));
        Assert.Equal(chart.Notes, doc.Texts("note"));
    }

    [Fact]
    public void ToSvg_NoSeries_ValidSvgSayingNoData()
    {
        var doc = Render(AxisScale.Linear);
        Assert.Empty(doc.Polylines);
        Assert.Equal(["no data"], doc.Texts("note"));
        Assert.Empty(doc.WithClass("legend"));
    }

    [Fact]
    public void ToSvg_EmptySeries_SaysNoDrawableData()
    {
        var doc = Render(AxisScale.Log10, new Series("empty", [], []));
        Assert.Equal(["no drawable data in 1 series"], doc.Texts("note"));
    }

    [Fact]
    public void ToSvg_SinglePoint_DrawnAsMarker()
    {
        var doc = Render(AxisScale.Linear, Series.FromValues("one", [0.25]));
        Assert.Empty(doc.Polylines);
        Assert.Single(doc.WithClass("marker"));
        Assert.Contains("1", doc.TickLabels("x-axis"));
    }

    [Fact]
    public void ToSvg_ConstantSeries_AxisHasHeightAroundValue()
    {
        var doc = Render(AxisScale.Linear, Series.FromValues("flat", [3.0, 3.0, 3.0]));
        var labels = doc.TickLabels("y-axis");
        Assert.True(labels.Length >= 3);
        Assert.Contains("3.0", labels);
        Assert.Equal(3, SvgDoc.PointCount(doc.Polylines.Single()));
    }

    [Fact]
    public void ToSvg_LogScale_TicksAreDecadesAndNonPositiveSkipped()
    {
        var chart = new LineChart
        {
            Text = Text,
            YScale = AxisScale.Log10,
            Series = [Series.FromValues("grad norm", [0.5, 0.05, 0.004, 0.0, 0.0012])],
        };
        var doc = new SvgDoc(chart.ToSvg());
        Assert.Equal(["0.001", "0.01", "0.1", "1"], doc.TickLabels("y-axis"));
        Assert.Equal(["\"grad norm\": skipped 1 non-positive (log scale) value"], doc.Texts("note"));
        Assert.Equal([3, 1], doc.WithClass("series").Single().Elements().Select(e => e.Name.LocalName == "polyline" ? SvgDoc.PointCount(e) : 1));
    }

    [Fact]
    public void ToSvg_MarkupInNames_EscapedAndRoundTrips()
    {
        const string name = "loss < 0.1 & \"val\" <script>";
        var doc = new SvgDoc(new LineChart { Text = new ChartText("a & b"), Series = [Series.FromValues(name, [1.0, 2.0])], ShowLegend = true }.ToSvg());
        Assert.Equal([name], doc.Texts("legend-label"));
        Assert.Equal(["a & b"], doc.Texts("chart-title"));
    }

    [Fact]
    public void ToSvg_MismatchedLengths_ThrowsNamingSeries()
    {
        var ex = Assert.Throws<ArgumentException>(() => Render(AxisScale.Linear, new Series("bad", [1.0, 2.0], [1.0])));
        Assert.Contains("\"bad\" has 2 x values but 1 y values", ex.Message);
    }
}
