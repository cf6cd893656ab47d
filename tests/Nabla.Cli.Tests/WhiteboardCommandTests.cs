using System.Text.Json;
using System.Xml.Linq;

namespace Nabla.Cli.Tests;

public class WhiteboardCommandTests
{
    static readonly string[] Lecture = ["explain", "g = -2*w1; y = w2 + g; z = y*w3", "--at", "w1=3,w2=4,w3=5"];

    [Fact]
    public void Explain_FormatJson_ParsesWithGradients()
    {
        var r = CliRunner.Run([.. Lecture, "--format", "json", "--lr", "0.01", "--ascent"]);
        Assert.True(r.ExitCode == 0, r.Stderr);
        using var doc = JsonDocument.Parse(r.Stdout);
        Assert.Equal(-10, doc.RootElement.GetProperty("gradients")[0].GetProperty("gradient").GetDouble());
        Assert.Equal(0.01, doc.RootElement.GetProperty("options").GetProperty("learningRate").GetDouble());
    }

    [Fact]
    public void Explain_FormatSvg_ValidXml()
    {
        var r = CliRunner.Run([.. Lecture, "--format", "svg"]);
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Equal("svg", XDocument.Parse(r.Stdout).Root!.Name.LocalName);
    }

    [Theory]
    [InlineData("dot", "digraph \"z\" {\n  rankdir=LR;")]
    [InlineData("mermaid", "flowchart LR\n")]
    [InlineData("markdown", "### Expression\n\n$$\n\\begin{aligned}\ng &= -2 \\cdot w_{1}")]
    [InlineData("text", "Expression\n  g = -2 * w1\n")]
    public void Explain_Formats_StartAsExpected(string format, string start)
    {
        var r = CliRunner.Run([.. Lecture, "--format", format]);
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.StartsWith(start, r.Stdout.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Explain_OutputStep_ExplainsThatStep()
    {
        var r = CliRunner.Run([.. Lecture, "--output", "y"]);
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Contains("dy/dw1 = dy/dg * dg/dw1 = 1 * -2 = -2", r.Stdout);
        Assert.DoesNotContain("z = y * w3 =", r.Stdout);
    }

    [Fact]
    public void Explain_LossOnTop_TargetIsTheLossTarget()
    {
        var r = CliRunner.Run([.. Lecture, "--loss", "squared", "--target", "1"]);
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Contains("  t1 = target - z = 1 - -10 = 11\n  loss = t1^2 = 11^2 = 121\n", r.Stdout.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Explain_TargetWithoutLoss_SaysWhatTargetMeans()
    {
        var r = CliRunner.Run([.. Lecture, "--target", "z"]);
        Assert.Equal(2, r.ExitCode);
        var r2 = CliRunner.Run([.. Lecture, "--target", "1"]);
        Assert.Equal(2, r2.ExitCode);
        Assert.Contains("use --output STEP", r2.Stderr);
    }

    [Fact]
    public void Explain_UnknownOutputStep_ListsSteps()
    {
        var r = CliRunner.Run([.. Lecture, "--output", "q"]);
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("no step is called 'q'; the steps are: g, y, z", r.Stderr);
    }

    [Theory]
    [InlineData("markdown", "### Network 3-2-2-1")]
    [InlineData("json", "{")]
    public void ExplainNet_Formats(string format, string start)
    {
        var r = CliRunner.Run("explain-net", "--x", "1,2,3", "--y", "1", "--format", format, "--bias", "true");
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.StartsWith(start, r.Stdout);
        if (format == "json") JsonDocument.Parse(r.Stdout).Dispose();
    }

    [Fact]
    public void ExplainNet_WrongWeightCount_OneLineError()
    {
        var r = CliRunner.Run("explain-net", "--x", "1,2,3", "--y", "1", "--weights", "1,2");
        Assert.Equal(1, r.ExitCode);
        Assert.Equal("nabla explain-net: the network 3-2-2-1 without biases has 12 parameters (12 weights) but 2 values were given\n", r.Stderr.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Descend_CsvAndPlot_TracesAndWritesSvg()
    {
        using var dir = new TempDir();
        string csv = dir.File("line.csv", "x,y\n0,1\n1,3\n2,5\n3,7\n");
        string plot = Path.Combine(dir.Path, "loss.svg");
        var r = CliRunner.Run("descend", "--data", csv, "--target", "y", "--mode", "minibatch", "--batch-size", "2", "--steps", "4", "--plot", plot);
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Contains("Gradient descent on line.csv (4 rows)", r.Stdout);
        Assert.Contains("mode mini-batch(2)", r.Stdout);
        Assert.Contains("Step 4 (epoch 2)", r.Stdout);
        Assert.Equal("svg", XDocument.Parse(File.ReadAllText(plot)).Root!.Name.LocalName);
    }

    [Fact]
    public void Descend_NonNumericCell_NamesLineAndColumn()
    {
        using var dir = new TempDir();
        string csv = dir.File("bad.csv", "x,y\n0,1\nabc,3\n");
        var r = CliRunner.Run("descend", "--data", csv, "--target", "y");
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("line 3, column 'x': 'abc' is not a number", r.Stderr);
    }
}
