using Nabla.Whiteboard.Charts;

namespace Nabla.Whiteboard.Tests.Charts;

public class OtherChartTests
{
    [Fact]
    public void Scatter_Points_OneDotEachAndIdentityLine()
    {
        var doc = new SvgDoc(new ScatterChart
        {
            Text = new ChartText("Predicted vs actual"),
            Actual = [1.0, 2.0, 3.0, double.NaN],
            Predicted = [1.1, 1.8, 3.4, 2.0],
        }.ToSvg());

        Assert.Equal(3, doc.WithClass("point").Count());
        var line = doc.WithClass("identity").Single();
        // y = x runs from the bottom-left corner to the top-right corner of the plot.
        Assert.True(SvgDoc.Attr(line, "x2") > SvgDoc.Attr(line, "x1") && SvgDoc.Attr(line, "y2") < SvgDoc.Attr(line, "y1"));
        Assert.Equal(doc.TickLabels("x-axis"), doc.TickLabels("y-axis"));
        Assert.Equal(["Actual"], doc.Texts("x-label"));
        Assert.Single(doc.Texts("note"));
    }

    [Fact]
    public void HeatMap_ConfusionMatrix_CellsCountsAndLabels()
    {
        var doc = new SvgDoc(new HeatMap
        {
            Text = new ChartText("Confusion matrix"),
            RowLabels = ["cat", "dog", "<bird>"],
            ColumnLabels = ["cat", "dog", "<bird>"],
            Values = [[5.0, 1.0, 0.0], [2.0, 7.0, 1.0], [0.0, 0.0, 9.0]],
        }.ToSvg());

        Assert.Equal(9, doc.WithClass("cell").Count());
        Assert.Equal(["5", "1", "0", "2", "7", "1", "0", "0", "9"], doc.Texts("cell-value"));
        Assert.Equal(["cat", "dog", "<bird>"], doc.TickLabels("y-axis"));
        Assert.Equal(["cat", "dog", "<bird>"], doc.TickLabels("x-axis"));
        var fills = doc.WithClass("cell").Select(c => (string)c.Elements().First().Attribute("fill")!).ToArray();
        Assert.Equal(ColorScale.At(1), fills[8]); // the largest count is darkest
        Assert.Equal(ColorScale.At(0), fills[2]);
    }

    [Fact]
    public void HeatMap_RaggedRow_ThrowsNamingRow()
    {
        var map = new HeatMap { Text = new ChartText("m"), RowLabels = ["a", "b"], ColumnLabels = ["a", "b"], Values = [[1.0, 2.0], [3.0]] };
        Assert.Contains("row 1 has 1 values but there are 2 column labels", Assert.Throws<ArgumentException>(() => map.ToSvg()).Message);
    }

    [Fact]
    public void Bar_Values_OneBarEachFromZero()
    {
        var doc = new SvgDoc(new BarChart { Text = new ChartText("Final loss"), Categories = ["sgd", "adam", "nan"], Values = [0.4, 0.1, double.NaN] }.ToSvg());
        Assert.Equal(2, doc.WithClass("bar").Count());
        Assert.Contains("0", doc.TickLabels("y-axis"));
        Assert.Equal(["no bar for non-finite values: nan"], doc.Texts("note"));
    }

    [Theory]
    [InlineData(0.0, "#f7fbff")]
    [InlineData(1.0, "#08306b")]
    [InlineData(double.NaN, "#cccccc")]
    public void ColorScale_Ends_MatchDefinedColours(double t, string expected) => Assert.Equal(expected, ColorScale.At(t));
}
