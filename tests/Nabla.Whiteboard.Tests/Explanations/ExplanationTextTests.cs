using Nabla.Whiteboard.Explanations;

namespace Nabla.Whiteboard.Tests.Explanations;

public class ExplanationTextTests
{
    // The whole transcript of the first lecture example is held once, end to end, by
    // tests/Nabla.Cli.Tests/WhiteboardGoldenTests.cs (and the README's copy by DocsExamplesTests).
    [Fact]
    public void Render_Lecture1WithAscentStep_ShowsTheChainRuleAndTheExactUpdate()
    {
        var e = Explainer.Explain("g = -2*w1; y = w2 + g; z = y*w3",
            new Dictionary<string, double> { ["w1"] = 3, ["w2"] = 4, ["w3"] = 5 },
            new ExplainOptions { LearningRate = 0.01, Ascent = true });
        var text = ExplanationText.Render(e);
        Assert.Contains("dz/dw1 = dz/dy * dy/dg * dg/dw1 = 5 * 1 * -2 = -10", text);
        Assert.Contains("w2 = 4 + 0.01 * 5 = 4.05", text);
        Assert.Contains("new z = -8.715 (was -10)", text);
    }

    [Fact]
    public void Render_VariableUsedTwiceInOneProduct_NamesEachArgument()
    {
        var text = ExplanationText.Render(Explainer.Explain("f = x*x", new Dictionary<string, double> { ["x"] = 3 }));
        Assert.Contains("df/dx = x = 3   (argument 1 of f)", text);
        Assert.Contains("df/dx = x = 3   (argument 2 of f)", text);
        Assert.Contains("df/dx = x + x = 3 + 3 = 6", text);
    }

    [Fact]
    public void Render_PiecewiseRule_ShowsWhichCaseApplied()
    {
        var text = ExplanationText.Render(Explainer.Explain("f = max(x, y) + relu(x)", new Dictionary<string, double> { ["x"] = -1, ["y"] = 2 }));
        Assert.Contains("dt1/dx = 0   (x < y)", text);
        Assert.Contains("dt1/dy = 1   (x < y)", text);
        Assert.Contains("dt2/dx = 0   (x <= 0)", text);
    }

    [Fact]
    public void Render_ConstantStep_OneLineWithoutRepeats()
    {
        var text = ExplanationText.Render(Explainer.Explain("c = 2^3; half = 0.5; f = c * x * half", new Dictionary<string, double> { ["x"] = 1.5 }));
        Assert.Contains("  c = 2^3 = 8\n", text);
        Assert.Contains("  half = 0.5\n", text);
        Assert.Contains("  f = t1 * half = 12 * 0.5 = 6\n", text);
    }

    [Theory]
    [InlineData(-10.0, 4, "-10")]
    [InlineData(0.7310585786, 4, "0.7311")]
    [InlineData(-8.715, 4, "-8.715")]
    [InlineData(2.9000001, 4, "2.9")]
    [InlineData(12345.6, 4, "12346")]
    [InlineData(0.000012345, 3, "1.23e-05")]
    [InlineData(-0.0, 4, "0")]
    [InlineData(-1e-9, 2, "-1e-09")]
    [InlineData(double.NaN, 4, "NaN")]
    public void Format_Values_SignificantDigitsTrimmed(double value, int digits, string expected) =>
        Assert.Equal(expected, NumberFormat.Format(value, digits));

    [Theory]
    [InlineData(0.41, 0.4099662, 4, "0.40997")]     // a small step still shows a change
    [InlineData(3.0, 2.9, 4, "2.9")]                // a visible change needs no extra digits
    [InlineData(0.5, 0.5, 4, "0.5")]                // no change: nothing to show
    [InlineData(1.0, 1.0 - 1e-12, 4, "1")]          // below 9 digits the change cannot be shown
    public void FormatChanged_AddsDigitsUntilTheChangeShows(double before, double after, int digits, string expected) =>
        Assert.Equal(expected, NumberFormat.FormatChanged(before, after, digits));
}
