using System.Xml.Linq;
using Nabla.NN.Data;
using Nabla.Whiteboard.Descent;

namespace Nabla.Whiteboard.Tests.Descent;

public class DescentTracerTests
{
    [Fact]
    public void Lecture_Default_ReproducesTheLecturesTableStartAndFirstLoss()
    {
        var t = DescentTracer.Trace(DescentSpec.Lecture() with { Steps = 3 });
        Assert.Equal([("w1", 1.0), ("w2", 1.0), ("b", 0.0)], t.Initial.Select(p => (p.Key, p.Value)));
        var first = t.Steps[0];
        // y_hat = 1 * height + 1 * weight + 0; L = ((21 - 220)^2 + (22 - 235)^2 + (20 - 250)^2 + (18 - 261)^2) / 4.
        Assert.Equal([220.0, 235, 250, 261], first.Predictions);
        Assert.Equal(49229.75, t.InitialLoss, 2);
        string text = DescentText.Render(t);
        Assert.Contains("row 1: y_hat = 1 * 160 + 1 * 60 + 0 = 220, y = 21, (y - y_hat)^2 / 4 = (21 - 220)^2 / 4 = 9900.25", text);
        Assert.Contains("batch loss L = 9900.25 + 11342.25 + 13225 + 14762.25 = 49229.75", text);
        Assert.Contains("the lecture's height/weight -> BMI table (4 rows, as in the lecture notes)", text);
        // dL/db = -(2/4) * sum(y - y_hat) = -(2/4) * (-885) = 442.5.
        Assert.Equal(442.5, first.Updates.Single(u => u.Name == "b").Gradient, 1);
        Assert.True(t.Steps[^1].FullLoss < t.InitialLoss / 100);
    }

    [Theory]
    [InlineData("sgd", 1)]
    [InlineData("minibatch", 3)]
    public void Modes_BatchSizes_EveryRowOncePerEpoch(string mode, int size)
    {
        var m = mode == "sgd" ? GradientDescentMode.Stochastic : GradientDescentMode.MiniBatch(size);
        var t = DescentTracer.Trace(DescentSpec.Lecture() with { Mode = m, Steps = 8 });
        var epoch1 = t.Steps.Where(s => s.Epoch == 1).SelectMany(s => s.Rows).OrderBy(r => r).ToArray();
        Assert.Equal(Enumerable.Range(0, 4), epoch1);
        Assert.All(t.Steps, s => Assert.True(s.Rows.Count <= size));
    }

    [Fact]
    public void Mlp_Updates_AreMinusLrTimesGradient()
    {
        var t = DescentTracer.Trace(DescentSpec.Lecture() with { Standardize = true, Model = DescentModel.Mlp, Steps = 2, LearningRate = 0.05 });
        Assert.Equal(3 * 2 + 3 + 3 + 1, t.Initial.Count);
        foreach (var u in t.Steps.SelectMany(s => s.Updates)) Assert.Equal(u.Old - 0.05 * u.Gradient, u.New, 4);
        Assert.Contains("W1[1,2]", DescentText.Render(t));
    }

    [Fact]
    public void LossChart_ValidSvgWithOnePointPerStep()
    {
        var t = DescentTracer.Trace(DescentSpec.Lecture() with { Steps = 4 });
        var root = XDocument.Parse(DescentText.LossChart(t)).Root!;
        Assert.Equal("svg", root.Name.LocalName);
        Assert.Contains("Gradient descent", root.Value);
    }

    [Fact]
    public void RaggedTable_NamesCounts() =>
        Assert.Contains("do not make 2 rows of 2 features", Assert.Throws<ArgumentException>(() => DescentTracer.Trace(new DescentSpec
        { Features = [1, 2, 3], Targets = [1, 2], FeatureNames = ["a", "b"], TargetName = "y" })).Message);
}
