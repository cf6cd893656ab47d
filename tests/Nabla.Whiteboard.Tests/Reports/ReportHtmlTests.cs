using System.Xml;
using System.Xml.Linq;
using Nabla.Whiteboard.Charts;
using Nabla.Whiteboard.Reports;

namespace Nabla.Whiteboard.Tests.Reports;

public class ReportHtmlTests
{
    static readonly XNamespace SvgNs = "http://www.w3.org/2000/svg";

    static TrainingReport Classification() => new()
    {
        Title = "digits <MLP> & friends",
        Summary = "Multiclass, 10 classes.",
        Created = "2026-11-21 05:40 UTC",
        Settings = [new("optimizer", "adam"), new("lr", "0.001"), new("note", "<script>alert(1)</script>")],
        Architecture = [new("0", "Dense(64 -> 32)", "[32]", 2080), new("1", "ReLU", "[32]", 0), new("2", "Dense(32 -> 10)", "[10]", 330)],
        Loss = [Series.FromValues("train", [2.3, 1.1, 0.5, 0.01]), Series.FromValues("validation", [2.3, 1.2, double.NaN, 0.05], dashed: true)],
        MetricCurves = [new MetricCurve("accuracy", [Series.FromValues("train", [0.3, 0.7, 0.9, 0.99])])],
        LearningRate = [Series.FromValues("lr", [1e-3, 1e-3, 5e-4, 5e-4])],
        GradientNorms = [Series.FromValues("0.weight", [1.0, 0.1, 0.01, 0.001]), Series.FromValues("2.weight", [2.0, 1.5, 1.0, 0.8])],
        FinalMetrics = [new("train", [new("loss", 0.01), new("accuracy", 0.99)]), new("test", [new("loss", 0.0523456), new("accuracy", 0.9583)])],
        Confusion = new ConfusionMatrix("test", ["a", "b"], [[9, 1], [0, 10]]),
        Warnings = ["validation loss rose for 3 epochs"],
    };

    static XDocument Parse(string html)
    {
        using var reader = XmlReader.Create(new StringReader(html), new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore });
        return XDocument.Load(reader);
    }

    static XElement Section(XDocument doc, string id) =>
        doc.Descendants("section").SingleOrDefault(s => (string?)s.Attribute("id") == id) ?? throw new Xunit.Sdk.XunitException($"no section #{id}");

    [Fact]
    public void Render_Classification_WellFormedWithEverySection()
    {
        string html = ReportHtml.Render(Classification());
        var doc = Parse(html);

        Assert.StartsWith("<!DOCTYPE html>", html);
        Assert.Equal(["settings", "architecture", "charts", "metrics", "confusion-matrix", "warnings"],
            doc.Descendants("section").Select(s => (string)s.Attribute("id")!));
        Assert.Equal("digits <MLP> & friends", doc.Descendants("h1").Single().Value);
        Assert.Equal(["loss", "metric-accuracy", "learning-rate", "gradient-norms"],
            Section(doc, "charts").Descendants("figure").Select(f => (string)f.Attribute("data-chart")!));
        Assert.All(Section(doc, "charts").Descendants("figure"), f => Assert.NotEmpty(f.Descendants(SvgNs + "polyline")));
        Assert.Equal(4, Section(doc, "confusion-matrix").Descendants(SvgNs + "g").Count(g => (string?)g.Attribute("class") == "cell"));
    }

    [Fact]
    public void Render_MarkupInValues_EscapedNoScriptElement()
    {
        string html = ReportHtml.Render(Classification());
        var doc = Parse(html);
        Assert.DoesNotContain(doc.Descendants(), e => e.Name.LocalName == "script");
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html);
        Assert.DoesNotContain("http://", html.Replace("http://www.w3.org/2000/svg", ""));
    }

    [Fact]
    public void Render_Tables_HoldValuesAndTotals()
    {
        var doc = Parse(ReportHtml.Render(Classification()));
        Assert.Equal("2,410", Section(doc, "architecture").Descendants("tfoot").Single().Descendants("td").Last().Value);
        var rows = Section(doc, "metrics").Descendants("tbody").Single().Elements("tr").Select(r => r.Elements("td").Select(td => td.Value).ToArray()).ToArray();
        Assert.Equal(["train", "0.01", "0.99"], rows[0]);
        Assert.Equal(["test", "0.05235", "0.9583"], rows[1]);
    }

    [Fact]
    public void Render_LossSpanningDecadesAndNaN_LogScaleAndWarning()
    {
        var doc = Parse(ReportHtml.Render(Classification()));
        var loss = Section(doc, "charts").Descendants("figure").First();
        var yLabels = loss.Descendants().Where(e => (string?)e.Attribute("class") == "axis y-axis").Single()
            .Descendants().Where(e => (string?)e.Attribute("class") == "tick-label").Select(e => e.Value);
        Assert.Equal(["0.01", "0.1", "1", "10"], yLabels);
        var warnings = Section(doc, "warnings").Descendants("li").Select(li => li.Value).ToArray();
        Assert.Equal(["validation loss rose for 3 epochs", "Loss chart: \"validation\": skipped 1 NaN/infinite value"], warnings);
    }

    [Fact]
    public void Render_OnlyTitle_EverySectionSaysNotRecorded()
    {
        var doc = Parse(ReportHtml.Render(new TrainingReport { Title = "empty" }));
        Assert.Equal(6, doc.Descendants("section").Count());
        Assert.Equal(5, doc.Descendants("p").Count(p => p.Value == "Not recorded for this run."));
        Assert.Equal("No warnings.", Section(doc, "warnings").Element("p")!.Value);
    }

    [Fact]
    public void Render_Regression_ScatterInsteadOfConfusion()
    {
        var doc = Parse(ReportHtml.Render(new TrainingReport
        {
            Title = "diabetes",
            Predictions = new PredictionSample("test", [100, 150, 200], [110, 140, 190]),
        }));
        var section = Section(doc, "predicted-vs-actual");
        Assert.Equal(3, section.Descendants(SvgNs + "circle").Count());
        Assert.DoesNotContain(doc.Descendants("section"), s => (string?)s.Attribute("id") == "confusion-matrix");
    }

    [Fact]
    public void Write_NewFolder_CreatesUtf8FileWithoutBom()
    {
        string dir = Path.Combine(Path.GetTempPath(), "nabla-report-" + Guid.NewGuid().ToString("N"));
        try
        {
            string path = Path.Combine(dir, "run", "report.html");
            ReportHtml.Write(path, Classification());
            byte[] bytes = File.ReadAllBytes(path);
            Assert.Equal((byte)'<', bytes[0]);
            Parse(File.ReadAllText(path));
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        }
    }

    [Theory]
    [InlineData("a<b>&\"c'", "a&lt;b&gt;&amp;&quot;c&#39;")]
    [InlineData("plain", "plain")]
    [InlineData("bell\u0007", "bell\uFFFD")]
    public void Encode_Specials_Escaped(string text, string expected) => Assert.Equal(expected, Html.Encode(text));
}
