namespace Nabla.Cli.Tests;

public class ExplainCommandTests
{
    [Fact]
    public void Explain_LectureExample_PrintsForwardBackwardAndGradients()
    {
        var r = CliRunner.Run("explain", "g = -2*w1; y = w2 + g; z = y*w3", "--at", "w1=3,w2=4,w3=5");
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Contains("g = -2 * w1 = -2 * 3 = -6", r.Stdout);
        Assert.Contains("dz/dw1 = dz/dy * dy/dg * dg/dw1 = 5 * 1 * -2 = -10", r.Stdout);
    }

    [Fact]
    public void Explain_AscentStep_ShowsUpdatesAndNewOutput()
    {
        var r = CliRunner.Run("explain", "g = -2*w1; y = w2 + g; z = y*w3", "--at", "w1=3,w2=4,w3=5", "--lr", "0.01", "--ascent");
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Contains("w1 = 3 + 0.01 * (-10) = 2.9", r.Stdout);
    }

    [Fact]
    public void Explain_SyntaxError_PointsAtTheColumnWithACaret()
    {
        var r = CliRunner.Run("explain", "y = w2 + * w3", "--at", "w2=1,w3=2");
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("line 1, column 10", r.Stderr);
        Assert.Contains("  y = w2 + * w3\n           ^ expected", r.Stderr.Replace("\r\n", "\n"));
    }
}
