using Nabla.Whiteboard.Explanations;

namespace Nabla.Whiteboard.Tests.Explanations;

public class ExplanationTextTests
{
    [Fact]
    public void Render_Lecture1WithAscentStep_GoldenTranscript()
    {
        var e = Explainer.Explain("g = -2*w1; y = w2 + g; z = y*w3",
            new Dictionary<string, double> { ["w1"] = 3, ["w2"] = 4, ["w3"] = 5 },
            new ExplainOptions { LearningRate = 0.01, Ascent = true });
        const string expected = """
            Expression
              g = -2 * w1
              y = w2 + g
              z = y * w3
            at w1 = 3, w2 = 4, w3 = 5

            Forward pass
              g = -2 * w1 = -2 * 3 = -6
              y = w2 + g = 4 + -6 = -2
              z = y * w3 = -2 * 5 = -10

            Local derivatives
              dg/dw1 = -2
              dy/dw2 = 1
              dy/dg = 1
              dz/dy = w3 = 5
              dz/dw3 = y = -2

            Backward pass (dz/dz = 1, then each node from the output back to the inputs)
              dz/dw3 = y = -2
              dz/dy = w3 = 5
              dz/dw2 = dz/dy * dy/dw2 = 5 * 1 = 5
              dz/dg = dz/dy * dy/dg = 5 * 1 = 5
              dz/dw1 = dz/dg * dg/dw1 = 5 * -2 = -10

            Chain rule
              dz/dw1 = dz/dy * dy/dg * dg/dw1 = 5 * 1 * -2 = -10
              dz/dw2 = dz/dy * dy/dw2 = 5 * 1 = 5
              dz/dw3 = y = -2

            Gradients
              variable  value  dz/dvariable
              w1            3           -10
              w2            4             5
              w3            5            -2

            Updates with lr = 0.01: w = w + lr * dz/dw (gradient ascent: moves z up)
              step 1
                w1 = 3 + 0.01 * (-10) = 2.9
                w2 = 4 + 0.01 * 5 = 4.05
                w3 = 5 + 0.01 * (-2) = 4.98
                new z = -8.715 (was -10)

            """;
        Assert.Equal(expected.ReplaceLineEndings("\n"), ExplanationText.Render(e));
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
