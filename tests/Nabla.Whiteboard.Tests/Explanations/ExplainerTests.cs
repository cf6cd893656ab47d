using Nabla.Whiteboard.Explanations;

namespace Nabla.Whiteboard.Tests.Explanations;

public class ExplainerTests
{
    static Dictionary<string, double> At(params (string, double)[] values) => values.ToDictionary(p => p.Item1, p => p.Item2);

    const string Lecture1 = "g = -2*w1; y = w2 + g; z = y*w3";

    [Fact]
    public void Explain_Lecture1_ForwardChainAndGradients()
    {
        var e = Explainer.Explain(Lecture1, At(("w1", 3), ("w2", 4), ("w3", 5)));

        Assert.Equal(["g = -2 * w1 = -2 * 3", "y = w2 + g = 4 + -6", "z = y * w3 = -2 * 5"],
            e.Forward.Select(f => $"{f.Label} = {f.Formula} = {f.Substituted}"));
        Assert.Equal([-6.0, -2.0, -10.0], e.Forward.Select(f => f.Value));
        Assert.Equal([("w1", -10.0), ("w2", 5.0), ("w3", -2.0)], e.Gradients.Select(g => (g.Variable, g.Gradient)));

        var w1 = e.ChainRules.Single(c => c.Variable == "w1");
        Assert.Equal(["dz/dy", "dy/dg", "dg/dw1"], w1.Paths.Single().Factors.Select(f => f.Symbol));
        Assert.Equal([5.0, 1.0, -2.0], w1.Paths.Single().Factors.Select(f => f.Value));
        Assert.Contains("dz/dw1 = dz/dy * dy/dg * dg/dw1 = 5 * 1 * -2 = -10", ExplanationText.Render(e));
    }

    [Fact]
    public void Explain_Lecture1AscentStep_UpdatesAndNewPrediction()
    {
        // w + lr * dz/dw with lr = 0.01: w1 = 3 - 0.1 = 2.9, w2 = 4.05, w3 = 4.98;
        // z = (4.05 - 2 * 2.9) * 4.98 = -1.75 * 4.98 = -8.715.
        // NOTE: issue #7 quotes -8.33 for this step; the arithmetic above (and the engine) give -8.715.
        var e = Explainer.Explain(Lecture1, At(("w1", 3), ("w2", 4), ("w3", 5)), new ExplainOptions { LearningRate = 0.01, Ascent = true });
        var step = e.Updates.Single();
        Assert.Equal([2.9, 4.05, 4.98], step.Updates.Select(u => Math.Round(u.New, 5)));
        Assert.Equal(-8.715, step.NewOutput, 4);
        Assert.Contains("w1 = 3 + 0.01 * (-10) = 2.9", ExplanationText.Render(e));
    }

    [Fact]
    public void Explain_DescentSeveralSteps_OutputFallsEachStep()
    {
        var e = Explainer.Explain("loss = (w*x - 3)^2", At(("w", 0.5), ("x", 2)), new ExplainOptions { LearningRate = 0.05, Steps = 3, Wrt = ["w"] });
        Assert.Equal(3, e.Updates.Count);
        double before = e.OutputValue;
        foreach (var u in e.Updates)
        {
            Assert.True(u.NewOutput < before, $"step {u.Step}: {u.NewOutput} is not below {before}");
            Assert.Equal("w", u.Updates.Single().Variable);
            before = u.NewOutput;
        }
        // Step 1 by hand: d/dw (2w - 3)^2 = 2 (2w - 3) 2 = -8 at w = 0.5, so w = 0.5 + 0.05 * 8 = 0.9.
        Assert.Equal(0.9, e.Updates[0].Updates[0].New, 5);
    }

    [Fact]
    public void Explain_SigmoidNeuron_MatchesClosedForm()
    {
        // f = sigma(w0 x0 + w1 x1 + w2) at w = (2, -3, -3), x = (-1, -2): the dot product is 1, and
        // df/dw_i = sigma(1)(1 - sigma(1)) * x_i, df/dx_i = sigma(1)(1 - sigma(1)) * w_i, df/dw2 = sigma'(1).
        var e = Explainer.Explain("sigmoid(w0*x0 + w1*x1 + w2)", At(("w0", 2), ("w1", -3), ("w2", -3), ("x0", -1), ("x1", -2)));
        double s = 1 / (1 + Math.Exp(-1)), ds = s * (1 - s);
        var expected = new Dictionary<string, double> { ["w0"] = -ds, ["x0"] = 2 * ds, ["w1"] = -2 * ds, ["x1"] = -3 * ds, ["w2"] = ds };
        Assert.Equal(s, e.OutputValue, 6);
        Assert.All(e.Gradients, g => Assert.Equal(expected[g.Variable], g.Gradient, 6));
        Assert.Equal("df/dt4 = f * (1 - f) = 0.1966", ExplanationText.Render(e).Split('\n').Select(l => l.Trim()).First(l => l.StartsWith("df/dt4 =")));
    }

    [Fact]
    public void Explain_StagedFraction_PathsSumToEngineGradient()
    {
        // f = (sigma(y) + x) / (sigma(x) + (x + y)^2) at x = 3, y = -4 (CS231n's staged example).
        // Quotient rule with N = sigma(y) + x, D = sigma(x) + (x + y)^2:
        // df/dx = (D - N (sigma'(x) + 2 (x + y))) / D^2, df/dy = (sigma'(y) D - 2 N (x + y)) / D^2.
        const string source = "num = sigmoid(y) + x\nden = sigmoid(x) + (x + y)^2\ninvden = 1 / den\nf = num * invden";
        var e = Explainer.Explain(source, At(("x", 3), ("y", -4)));
        static double Sig(double v) => 1 / (1 + Math.Exp(-v));
        double x = 3, y = -4, n = Sig(y) + x, d = Sig(x) + (x + y) * (x + y);
        double dx = (d - n * (Sig(x) * (1 - Sig(x)) + 2 * (x + y))) / (d * d);
        double dy = (Sig(y) * (1 - Sig(y)) * d - 2 * n * (x + y)) / (d * d);

        Assert.Equal(n / d, e.OutputValue, 5);
        Assert.Equal(dx, e.Gradients.Single(g => g.Variable == "x").Gradient, 5);
        Assert.Equal(dy, e.Gradients.Single(g => g.Variable == "y").Gradient, 5);
        Assert.Equal(["num", "den", "invden", "f"], e.Forward.Where(f => f.IsStep).Select(f => f.Label));
        var chainX = e.ChainRules.Single(c => c.Variable == "x");
        Assert.Equal(3, chainX.Paths.Count); // x feeds num, sigmoid(x) and x + y
        Assert.Equal(2, e.ChainRules.Single(c => c.Variable == "y").Paths.Count);
        Assert.Contains("df/dx = sum over 3 paths", ExplanationText.Render(e));
    }

    [Fact]
    public void Explain_RandomExpressions_PathSumsAndBackwardStepsAgreeWithEngine()
    {
        var rng = new Random(7);
        for (int trial = 0; trial < 40; trial++)
        {
            string source = RandomExpressions.Program(rng);
            var at = At(("a", rng.NextDouble() * 2 - 1), ("b", rng.NextDouble() * 2 - 1), ("c", rng.NextDouble() * 2 - 1));
            var program = Nabla.Whiteboard.Expressions.ExpressionParser.Parse(source);
            at = at.Where(p => program.Inputs.Contains(p.Key)).ToDictionary();
            if (program.Inputs.Count == 0) continue;
            var e = Explainer.Explain(program, at);
            foreach (var c in e.ChainRules)
                Assert.True(Close(c.PathSum, c.Gradient), $"{source}: {c.Symbol} paths sum to {c.PathSum}, engine says {c.Gradient}");
            foreach (var b in e.Backward.Where(b => b.Contributions.Count > 0))
                Assert.True(Close(b.Contributions.Sum(x => x.Product), b.Gradient), $"{source}: {b.Symbol} contributions disagree with the engine");
        }
    }

    static bool Close(double a, double b) => Math.Abs(a - b) <= 1e-4 * (1 + Math.Abs(b));

    [Fact]
    public void Explain_WrtSubset_OnlyThoseVariables()
    {
        var e = Explainer.Explain(Lecture1, At(("w1", 3), ("w2", 4), ("w3", 5)), new ExplainOptions { Wrt = ["w3", "w1"] });
        Assert.Equal(["w3", "w1"], e.Gradients.Select(g => g.Variable));
        Assert.Equal(["w3", "w1"], e.ChainRules.Select(c => c.Variable));
    }

    [Theory]
    [InlineData("q", "cannot differentiate with respect to 'q': z depends on the inputs w1, w2, w3")]
    public void Explain_WrtUnknown_ThrowsListingInputs(string wrt, string message) =>
        Assert.Equal(message, Assert.Throws<ArgumentException>(() =>
            Explainer.Explain(Lecture1, At(("w1", 3), ("w2", 4), ("w3", 5)), new ExplainOptions { Wrt = [wrt] })).Message);

    [Fact]
    public void Explain_TargetEarlierStep_LeavesOutLaterInputs()
    {
        var e = Explainer.Explain(Lecture1, At(("w1", 3), ("w2", 4), ("w3", 5)), new ExplainOptions { Target = "y" });
        Assert.Equal("y", e.Output);
        Assert.Equal(["w1", "w2"], e.Inputs.Select(p => p.Key));
        Assert.Equal([("w1", -2.0), ("w2", 1.0)], e.Gradients.Select(g => (g.Variable, g.Gradient)));
    }

    [Theory]
    [InlineData(0, 4, 64, null)]
    [InlineData(1, 0, 64, null)]
    [InlineData(1, 4, 0, null)]
    [InlineData(1, 4, 64, -0.1)]
    public void Explain_BadOptions_Throw(int steps, int precision, int maxPaths, double? lr) =>
        Assert.Throws<ArgumentException>(() => Explainer.Explain(Lecture1, At(("w1", 3), ("w2", 4), ("w3", 5)),
            new ExplainOptions { Steps = steps, Precision = precision, MaxPaths = maxPaths, LearningRate = lr }));

    [Fact]
    public void Explain_ManyPaths_TruncatedAtLimit()
    {
        // Each line doubles the number of paths from the output to x: 2^6 = 64 > 10.
        var source = "a1 = x + x\na2 = a1 + a1\na3 = a2 + a2\na4 = a3 + a3\na5 = a4 + a4\na6 = a5 + a5";
        var chain = Explainer.Explain(source, At(("x", 1)), new ExplainOptions { MaxPaths = 10 }).ChainRules.Single();
        Assert.True(chain.Truncated);
        Assert.Equal(10, chain.Paths.Count);
        Assert.Equal(64.0, chain.Gradient);
    }
}

public class ExplainerHonestyTests
{
    const string Doubling = "a1 = x + x\na2 = a1 + a1\na3 = a2 + a2\na4 = a3 + a3\na5 = a4 + a4\na6 = a5 + a5\na7 = a6 + a6";

    [Fact]
    public void Explain_TruncatedPaths_SaysShownOfTotalAndPrintsNoFalseSum()
    {
        // 2^7 = 128 paths, each of product 1; 64 shown add up to 64, the gradient is 128.
        var e = Explainer.Explain(Doubling, new Dictionary<string, double> { ["x"] = 1 }, new ExplainOptions { MaxPaths = 64 });
        var chain = e.ChainRules.Single();
        Assert.Equal(128, chain.TotalPaths);
        Assert.Equal(64.0, chain.PathSum);
        string text = ExplanationText.Render(e);
        Assert.Contains("da7/dx = sum over 128 paths (64 of 128 shown)", text);
        Assert.Contains("the 64 paths shown add up to 64; all 128 paths: da7/dx = 128   (engine)", text);
        string markdown = Nabla.Whiteboard.Rendering.ExplanationMarkdown.Render(e);
        Assert.Contains(@"\text{64 of 128 paths shown:}", markdown);
        Assert.DoesNotContain(@"&+", markdown);
        Assert.Contains("\"pathCount\": 128", Nabla.Whiteboard.Rendering.ExplanationJson.Render(e));
    }

    [Fact]
    public void Explain_UntruncatedPaths_CountEqualsListed()
    {
        var e = Explainer.Explain("y = x * x + x", new Dictionary<string, double> { ["x"] = 2 });
        Assert.Equal(3, e.ChainRules.Single().TotalPaths);
        Assert.False(e.ChainRules.Single().Truncated);
    }

    [Theory]
    [InlineData("z = log(x)", -1.0, "NaN", "log is defined only for x > 0, here log(-1)")]
    [InlineData("z = log(x)", 0.0, "-Infinity", "log(0) is -infinity")]
    [InlineData("z = sqrt(x)", -4.0, "NaN", "sqrt is defined only for x >= 0, here sqrt(-4)")]
    [InlineData("z = 1 / x", 0.0, "Infinity", "division by zero, here 1 / 0")]
    public void Explain_OutsideTheDomain_WarnsAndJsonNamesTheValue(string source, double x, string json, string why)
    {
        var e = Explainer.Explain(source, new Dictionary<string, double> { ["x"] = x });
        Assert.Contains(why, Assert.Single(e.Warnings));
        Assert.Contains("Warnings\n  z = ", ExplanationText.Render(e));
        string document = Nabla.Whiteboard.Rendering.ExplanationJson.Render(e);
        Assert.Contains($"\"outputValue\": \"{json}\"", document);
        Assert.Contains("\"warnings\": [", document);
    }

    [Fact]
    public void Explain_FiniteEverywhere_NoWarnings()
    {
        var e = Explainer.Explain("z = log(x)", new Dictionary<string, double> { ["x"] = 2 });
        Assert.Empty(e.Warnings);
        Assert.DoesNotContain("warnings", Nabla.Whiteboard.Rendering.ExplanationJson.Render(e));
    }
}
