using Xunit.Abstractions;

namespace Nabla.Browser.Tests;

/// <summary>
/// Real reports written by <c>nabla train</c> and <c>nabla compare</c>, opened in chromium: the page loads
/// without console errors or requests, and every chart, read back from the rendered SVG, carries its data.
/// Each test leaves a full-page screenshot in bin/.../screenshots/.
/// </summary>
public sealed class ReportBrowserTests(BrowserFixture fixture, ITestOutputHelper output) : IClassFixture<BrowserFixture>
{
    [BrowserFact]
    public async Task Report_Classification_NoErrors_CurvesHaveOnePointPerEpoch_HeatMapCountsTheTestSet()
    {
        const int epochs = 4;
        using var runs = new Runs();
        var (folder, summary) = runs.Run("iris", "train", "--dataset", "iris", "--epochs", epochs.ToString(), "--seed", "1");
        await using var page = await OpenAsync(folder, "train-iris");

        var charts = await page.ChartsAsync();
        AssertKeys(charts, "loss", "metric-accuracy", "learning-rate", "gradient-norms", "confusion-matrix");
        AssertLineCharts(charts, epochs);
        Assert.Equal(["train", "validation"], SeriesNames(charts, "loss"));
        Assert.Equal(["train", "validation"], SeriesNames(charts, "metric-accuracy"));
        Assert.Equal(["lr"], SeriesNames(charts, "learning-rate"));
        await AssertOneGradientCurvePerParameterisedLayer(page, charts);

        // Iris: 150 samples, 50 per class; the built-in sets keep 20% as a stratified test split, so the
        // confusion matrix counts 30 samples, 10 in each actual-class row.
        var cells = Chart(charts, "confusion-matrix").Cells;
        const int classes = 3;
        Assert.Equal(classes * classes, cells.Length);
        Assert.Equal(
            Enumerable.Range(0, classes).SelectMany(r => Enumerable.Range(0, classes).Select(c => (r, c))),
            cells.Select(c => (c.Row, c.Column)).Order());
        Assert.Equal(30, cells.Sum(c => c.Count));
        Assert.All(cells.GroupBy(c => c.Row), row => Assert.Equal(10, row.Sum(c => c.Count)));
        // The diagonal holds the correct predictions: it must agree with the test accuracy the run printed.
        double accuracy = summary.GetProperty("test").GetProperty("accuracy").GetDouble();
        Assert.Equal(accuracy, cells.Where(c => c.Row == c.Column).Sum(c => c.Count) / 30.0, 5);
    }

    [BrowserFact]
    public async Task Report_Regression_NoErrors_ScatterHasOnePointPerTestSample()
    {
        const int epochs = 3;
        using var runs = new Runs();
        var (folder, _) = runs.Run("diabetes", "train", "--dataset", "diabetes", "--epochs", epochs.ToString(), "--seed", "1");
        await using var page = await OpenAsync(folder, "train-diabetes");

        var charts = await page.ChartsAsync();
        AssertKeys(charts, "loss", "metric-r2", "learning-rate", "gradient-norms", "predicted-vs-actual");
        Assert.DoesNotContain(charts, c => c.Key == "confusion-matrix");
        AssertLineCharts(charts, epochs);
        await AssertOneGradientCurvePerParameterisedLayer(page, charts);

        // Diabetes: 442 samples, 20% test split = round(88.4) = 88 dots, all inside the plot.
        var scatter = Chart(charts, "predicted-vs-actual");
        AssertVisible(scatter);
        var predictions = Assert.Single(scatter.Series);
        Assert.Equal(88, predictions.Points);
        Assert.True(predictions.Inside, "a predicted-vs-actual dot lies outside the chart");
    }

    [BrowserFact]
    public async Task Report_Compare_NoErrors_OverlaysOneCurvePerRun()
    {
        const int epochs = 3;
        using var runs = new Runs();
        var (folder, _) = runs.Run("compare", "compare", "--dataset", "iris", "--optimizers", "sgd,adam", "--epochs", epochs.ToString(), "--seed", "1");
        await using var page = await OpenAsync(folder, "compare-iris");

        var charts = await page.ChartsAsync();
        AssertKeys(charts, "loss", "learning-rate");
        AssertLineCharts(charts, epochs);
        Assert.Equal(["sgd train", "sgd validation", "adam train", "adam validation"], SeriesNames(charts, "loss"));
        Assert.Equal(["sgd", "adam"], SeriesNames(charts, "learning-rate"));
    }

    // Opens the folder's report.html, checks that it loaded cleanly and saves its screenshot.
    async Task<ReportPage> OpenAsync(string folder, string name)
    {
        var browser = await fixture.BrowserAsync();
        var page = await ReportPage.OpenAsync(browser, Path.Combine(folder, "report.html"));
        string screenshot = await page.ScreenshotAsync(name);
        output.WriteLine($"screenshot: {screenshot}");
        foreach (var m in page.ConsoleMessages) output.WriteLine("console " + m);

        Assert.True(new FileInfo(screenshot).Length > 10_000, $"{screenshot} is nearly empty");
        Assert.Empty(page.ConsoleErrors);
        Assert.Empty(page.PageErrors);
        // Self-contained: no scripts, and the report itself is the only thing the browser fetched.
        Assert.Equal(0, await page.ScriptCountAsync());
        Assert.Equal([page.Url], page.Requests);
        Assert.Empty(page.FailedRequests);
        return page;
    }

    static Chart Chart(Chart[] charts, string key) =>
        charts.SingleOrDefault(c => c.Key == key) ?? throw new Xunit.Sdk.XunitException(
            $"no chart \"{key}\" in the report; it has: {string.Join(", ", charts.Select(c => c.Key))}");

    static string[] SeriesNames(Chart[] charts, string key) => Chart(charts, key).Series.Select(s => s.Name).ToArray();

    static void AssertKeys(Chart[] charts, params string[] keys)
    {
        foreach (var key in keys) Chart(charts, key);
        Assert.Equal(charts.Length, charts.Select(c => c.Key).Distinct().Count());
    }

    static void AssertVisible(Chart chart) =>
        Assert.True(chart.Width > 100 && chart.Height > 100, $"chart {chart.Key} is drawn {chart.Width} x {chart.Height} px");

    // Every line chart is laid out, has series, and each series draws one point per epoch inside the chart.
    static void AssertLineCharts(Chart[] charts, int epochs)
    {
        var lines = charts.Where(c => c.Kind.Split(' ').Contains("line-chart")).ToArray();
        Assert.NotEmpty(lines);
        foreach (var chart in lines)
        {
            AssertVisible(chart);
            Assert.NotEmpty(chart.Series);
            foreach (var s in chart.Series)
            {
                string where = $"chart {chart.Key}, series \"{s.Name}\"";
                Assert.True(s.Points == epochs, $"{where} draws {s.Points} points, expected one per epoch ({epochs})");
                Assert.True(s.Inside, $"{where} has a point outside the chart");
                Assert.True(s.Drawn, $"{where} has a polyline of zero length");
            }
        }
    }

    // The gradient chart has a curve for each layer with parameters (named "0: Dense(4 -> 16)" after the architecture table)
    // and none for parameter-free layers such as activations, which have no gradient norm.
    static async Task AssertOneGradientCurvePerParameterisedLayer(ReportPage page, Chart[] charts)
    {
        var layers = await page.ArchitectureAsync();
        Assert.NotEmpty(layers);
        Assert.Equal(layers.Where(l => l.Parameters > 0).Select(l => $"{l.Layer}: {l.Kind}"), SeriesNames(charts, "gradient-norms"));
    }
}
