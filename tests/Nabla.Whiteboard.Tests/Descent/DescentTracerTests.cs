using System.Xml.Linq;
using Nabla.NN.Data;
using Nabla.Whiteboard.Descent;

namespace Nabla.Whiteboard.Tests.Descent;

public class DescentTracerTests
{
    [Fact]
    public void Batch_LinearOnBmi_FirstStepMatchesClosedForm()
    {
        var t = DescentTracer.Trace(DescentSpec.Bmi() with { Steps = 3 });
        File.WriteAllText("/tmp/descend.text", DescentText.Render(t));
        var first = t.Steps[0];
        Assert.Equal(Enumerable.Range(0, 6), first.Rows);
        // Starting from 0 with standardised (mean 0) features: predictions 0, dL/db = -2 mean(y), dL/dw = -2 mean(x y).
        Assert.All(first.Predictions, p => Assert.Equal(0, p));
        double meanY = DescentSpec.Bmi().Targets.Average(v => (double)v);
        var b = first.Updates.Single(u => u.Name == "b");
        Assert.Equal(-2 * meanY, b.Gradient, 3);
        Assert.Equal(0.1 * 2 * meanY, b.New, 3);
        Assert.Equal(DescentSpec.Bmi().Targets.Average(v => (double)v * v), first.Loss, 2);
        Assert.True(t.Steps[^1].FullLoss < t.InitialLoss);
    }

    [Theory]
    [InlineData("sgd", 1)]
    [InlineData("minibatch", 4)]
    public void Modes_BatchSizes_EveryRowOncePerEpoch(string mode, int size)
    {
        var m = mode == "sgd" ? GradientDescentMode.Stochastic : GradientDescentMode.MiniBatch(size);
        var t = DescentTracer.Trace(DescentSpec.Bmi() with { Mode = m, Steps = 8 });
        var epoch1 = t.Steps.Where(s => s.Epoch == 1).SelectMany(s => s.Rows).OrderBy(r => r).ToArray();
        Assert.Equal(Enumerable.Range(0, 6), epoch1);
        Assert.All(t.Steps, s => Assert.True(s.Rows.Count <= size));
    }

    [Fact]
    public void Mlp_Updates_AreMinusLrTimesGradient()
    {
        var t = DescentTracer.Trace(DescentSpec.Bmi() with { Model = DescentModel.Mlp, Steps = 2, LearningRate = 0.05 });
        Assert.Equal(3 * 2 + 3 + 3 + 1, t.Initial.Count);
        foreach (var u in t.Steps.SelectMany(s => s.Updates)) Assert.Equal(u.Old - 0.05 * u.Gradient, u.New, 4);
        Assert.Contains("W1[1,2]", DescentText.Render(t));
    }

    [Fact]
    public void LossChart_ValidSvgWithOnePointPerStep()
    {
        var t = DescentTracer.Trace(DescentSpec.Bmi() with { Steps = 4 });
        var root = XDocument.Parse(DescentText.LossChart(t)).Root!;
        Assert.Equal("svg", root.Name.LocalName);
        Assert.Contains("Gradient descent", root.Value);
    }

    [Fact]
    public void RaggedTable_NamesCounts() =>
        Assert.Contains("do not make 2 rows of 2 features", Assert.Throws<ArgumentException>(() => DescentTracer.Trace(new DescentSpec
        { Features = [1, 2, 3], Targets = [1, 2], FeatureNames = ["a", "b"], TargetName = "y" })).Message);
}
