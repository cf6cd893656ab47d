using Nabla.Whiteboard.Explanations;

namespace Nabla.Whiteboard.Tests.Explanations;

public class LossStepTests
{
    static readonly Dictionary<string, double> At = new() { ["w1"] = 3, ["w2"] = 4, ["w3"] = 5 };
    const string Lecture1 = "g = -2*w1; y = w2 + g; z = y*w3";

    [Fact]
    public void Explain_SquaredLoss_GradientsThroughLoss()
    {
        // loss = (1 - z)^2 with z = -10: 121; dloss/dz = -2 (1 - z) = -22, times dz/dw = (-10, 5, -2).
        var e = Explainer.Explain(Lecture1, At, new ExplainOptions { Loss = "squared", LossTarget = 1 });
        Assert.Equal("loss", e.Output);
        Assert.Equal(121, e.OutputValue, 3);
        Assert.Equal([("w1", 220.0), ("w2", -110.0), ("w3", 44.0)], e.Gradients.Select(g => (g.Variable, Math.Round(g.Gradient, 3))));
        Assert.Equal("loss = (target - z)^2", e.Program.Statements[^1].ToString());
        Assert.Contains(e.Inputs, p => p.Key == "target" && p.Value == 1);
    }

    [Theory]
    [InlineData("abs", 11.0)]
    [InlineData("target - z", 11.0)]
    [InlineData("(z - target)^2 / 2", 60.5)]
    public void Explain_LossKinds_Values(string loss, double expected) =>
        Assert.Equal(expected, Explainer.Explain(Lecture1, At, new ExplainOptions { Loss = loss, LossTarget = 1 }).OutputValue, 3);

    [Fact]
    public void Explain_LossOnEarlierStep_UsesThatStep()
    {
        var e = Explainer.Explain(Lecture1, At, new ExplainOptions { Loss = "squared", LossTarget = 0, Target = "y" });
        Assert.Equal(4, e.OutputValue, 4); // y = -2
        Assert.Equal(["w1", "w2"], e.Gradients.Select(g => g.Variable));
    }

    [Theory]
    [InlineData("squared", null, "needs a finite target value")]
    [InlineData("target * 2", 1.0, "does not use the output 'z'")]
    public void Explain_BadLoss_ThrowsSayingWhy(string loss, double? target, string fragment) =>
        Assert.Contains(fragment, Assert.Throws<ArgumentException>(() =>
            Explainer.Explain(Lecture1, At, new ExplainOptions { Loss = loss, LossTarget = target })).Message);

    [Fact]
    public void Explain_LossNameClash_Throws() =>
        Assert.Contains("already uses the name 'target'", Assert.Throws<ArgumentException>(() =>
            Explainer.Explain("z = target * w", new Dictionary<string, double> { ["target"] = 1, ["w"] = 2 },
                new ExplainOptions { Loss = "squared", LossTarget = 1 })).Message);
}
