using Nabla.NN.Registries;
using Nabla.Whiteboard.Networks;

namespace Nabla.Whiteboard.Tests.Networks;

public class NetworkExplainerTests
{
    static NetworkSpec Lecture(NetLoss loss = NetLoss.Squared) => new()
    {
        Layers = [3, 2, 2, 1],
        Activation = ActivationRegistry.All["sigmoid"],
        X = [1, 2, 3],
        Y = [1],
        Loss = loss,
    };

    [Fact]
    public void Text_Lecture_NeuronByNeuronAndPathSums()
    {
        string text = NetworkText.Render(NetworkExplainer.Explain(Lecture()));
        Assert.Contains("  a11 = f(w1*x1 + w2*x2 + w3*x3) = f(0.41*1 + 0.04*2 + 0.15*3) = f(0.94) = 0.7191\n", text);
        Assert.Contains("  L = (a31 - y)^2 = (0.7051 - 1)^2 = 0.08694\n", text);
        Assert.Contains("  da21/da11 = f'(z21) * w7 = 0.2247 * (-0.86) = -0.1932\n", text);
        Assert.Contains("  dL/dw1 = 0.004163 + (-0.003825) = 0.0003378   (engine 0.0003378)\n", text);
        Assert.Contains("  3 path(s) vanishing (|gain| < 0.001): w4, w5, w6\n", text);
        Assert.Contains("  w12 = 0.91 - 0.1 * (-0.07753) = 0.9178\n", text);
    }

    [Fact]
    public void Json_Lecture_ParsesWithPathSumsAndEngineGradients()
    {
        var e = NetworkExplainer.Explain(Lecture() with { Bias = true });
        using var doc = System.Text.Json.JsonDocument.Parse(NetworkJson.Render(e));
        var gradients = doc.RootElement.GetProperty("gradients").EnumerateArray().ToArray();
        Assert.Equal(12 + 5, gradients.Length);
        Assert.Equal("b11", gradients[12].GetProperty("weight").GetString());
        foreach (var g in gradients)
            Assert.Equal(g.GetProperty("engineGradient").GetDouble(), g.GetProperty("pathSum").GetDouble(), 5);
    }

    [Fact]
    public void Markdown_Lecture_MathBlocksBalanced()
    {
        string md = NetworkMarkdown.Render(NetworkExplainer.Explain(Lecture()));
        Assert.Equal(0, md.Split('\n').Count(l => l == "$$") % 2);
        Assert.Contains(@"a_{11} &= f\left(w_{1} x_{1} + w_{2} x_{2} + w_{3} x_{3}\right)", md);
        Assert.Contains(@"\frac{\partial a_{21}}{\partial a_{11}} &= f'\left(z_{21}\right) \cdot w_{7} = -0.1932", md);
        Assert.DoesNotContain("fprime", md);
        Assert.DoesNotContain("<", md);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    [InlineData(8)]
    public void PathSums_RandomNetworks_EqualEngineBackward(int seed)
    {
        var rng = new Random(seed);
        int depth = rng.Next(1, 5);
        var layers = Enumerable.Range(0, depth + 1).Select(_ => rng.Next(1, 4)).ToArray();
        var activation = ActivationRegistry.InLessonOrder[rng.Next(0, 6)];
        var loss = activation.Name == "sigmoid" && rng.Next(2) == 0 ? NetLoss.Bce : (NetLoss)rng.Next(0, 3);
        var spec = new NetworkSpec
        {
            Layers = layers,
            Activation = activation,
            Bias = rng.Next(2) == 0,
            Seed = (ulong)seed,
            X = layers[..1].SelectMany(n => Enumerable.Range(0, n)).Select(_ => rng.NextDouble() * 4 - 2).ToArray(),
            Y = Enumerable.Range(0, layers[^1]).Select(_ => loss == NetLoss.Bce ? rng.Next(2) : rng.NextDouble() * 2 - 1).ToArray(),
            Loss = loss,
        };
        var e = NetworkExplainer.Explain(spec);
        foreach (var g in e.Gradients)
        {
            double tolerance = 1e-5 + 1e-4 * Math.Abs(g.EngineGradient);
            Assert.True(Math.Abs(g.PathSum - g.EngineGradient) <= tolerance,
                $"{string.Join("-", layers)} {activation} {loss}: {g.Symbol} path sum {g.PathSum} vs engine {g.EngineGradient}");
        }
    }

    [Fact]
    public void Paths_FirstLayerWeight_OnePathPerLaterNeuronChoice()
    {
        var e = NetworkExplainer.Explain(Lecture());
        var w1 = e.Gradients[0];
        Assert.Equal("dL/dw1", w1.Symbol);
        Assert.Equal(2, w1.Paths.Count);
        Assert.Equal(["dL/da31", "da31/da21", "da21/da11", "da11/dw1"], w1.Paths[0].Factors.Select(f => f.Symbol));
        Assert.Equal(["dL/da31", "da31/da22", "da22/da11", "da11/dw1"], w1.Paths[1].Factors.Select(f => f.Symbol));
        Assert.Single(e.Gradients[^1].Paths);
        Assert.Equal(12, e.Gradients.Count);
    }

    [Fact]
    public void Weights_Listed_UsedInOrderAndUpdateIsDescent()
    {
        var spec = Lecture() with { Weights = [0.1, 0.2, 0.3, -0.1, -0.2, -0.3, 0.5, 0.5, -0.5, 0.5, 1, -1], LearningRate = 0.5 };
        var e = NetworkExplainer.Explain(spec);
        Assert.Equal("w7", e.Neurons.Single(n => n.Name == "a21").Weights[0].Name);
        Assert.Equal(0.5, e.Neurons.Single(n => n.Name == "a21").Weights[0].Value, 6);
        // a11 = sigmoid(0.1*1 + 0.2*2 + 0.3*3) = sigmoid(1.4)
        Assert.Equal(1 / (1 + Math.Exp(-1.4)), e.Neurons[0].Value, 6);
        foreach (var u in e.Updates) Assert.Equal(u.Weight.Value - 0.5 * u.Gradient, u.New, 5);
        Assert.True(e.NewLoss < e.Loss);
    }

    [Fact]
    public void Flags_StepActivation_EveryPathBlocked()
    {
        var e = NetworkExplainer.Explain(Lecture() with { Activation = ActivationRegistry.All["step"] });
        Assert.All(e.Gradients.SelectMany(g => g.Paths), p => Assert.Equal(PathHealth.Blocked, p.Health));
        Assert.Contains("blocked", NetworkText.Render(e));
    }

    [Fact]
    public void Flags_DeepSigmoidSmallWeights_Vanishing()
    {
        var spec = new NetworkSpec { Layers = [1, 1, 1, 1, 1, 1], X = [1], Y = [1], Weights = [0.1, 0.1, 0.1, 0.1, 0.1] };
        var e = NetworkExplainer.Explain(spec);
        Assert.Equal(PathHealth.Vanishing, e.Gradients[0].Paths[0].Health);
        Assert.Equal(PathHealth.Normal, e.Gradients[^1].Paths[0].Health);
    }

    [Fact]
    public void Flags_LargeLinearWeights_Exploding()
    {
        var spec = new NetworkSpec { Layers = [1, 1, 1, 1, 1], Activation = ActivationRegistry.All["linear"], X = [0.001], Y = [0], Weights = [10, 10, 10, 10] };
        var e = NetworkExplainer.Explain(spec with { ExplodingAbove = 100 });
        Assert.Equal(PathHealth.Exploding, e.Gradients[0].Paths[0].Health);
    }

    [Theory]
    [InlineData(new double[] { 1, 2 }, "12 parameters (12 weights) but 2 values were given")]
    public void Weights_WrongCount_NamesExpectedCount(double[] weights, string message) =>
        Assert.Contains(message, Assert.Throws<ArgumentException>(() => NetworkExplainer.Explain(Lecture() with { Weights = weights })).Message);

    [Fact]
    public void Bce_WithTanh_Refused() =>
        Assert.Contains("--activation sigmoid", Assert.Throws<ArgumentException>(() =>
            NetworkExplainer.Explain(Lecture(NetLoss.Bce) with { Activation = ActivationRegistry.All["tanh"] })).Message);
}
