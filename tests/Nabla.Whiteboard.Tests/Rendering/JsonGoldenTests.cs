using Nabla.NN.Registries;
using Nabla.Whiteboard.Explanations;
using Nabla.Whiteboard.Networks;
using Nabla.Whiteboard.Rendering;

namespace Nabla.Whiteboard.Tests.Rendering;

/// <summary>
/// The whiteboard's JSON byte for byte: tests/fixtures/whiteboard holds what <c>nabla explain --format json</c> and
/// <c>nabla explain-net --format json</c> printed before the documents moved to source generation (the command each
/// file came from is given below; the library calls here are what the CLI makes of it). Key order, nulls, left-out
/// keys, float32 shortest digits and "NaN"/"Infinity" strings must all stay as they were.
/// </summary>
public class JsonGoldenTests
{
    static string Golden(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "fixtures", "whiteboard", name));

    static Dictionary<string, double> At(params (string Name, double Value)[] values) => values.ToDictionary(v => v.Name, v => v.Value);

    [Fact]
    public void ExplanationJson_LectureWithAscentSteps_MatchesGolden()
    {
        // nabla explain "g = -2*w1; y = w2 + g; z = y*w3" --at w1=3,w2=4,w3=5 --lr 0.01 --ascent --steps 2 --format json
        var e = Explainer.Explain("g = -2*w1; y = w2 + g; z = y*w3", At(("w1", 3), ("w2", 4), ("w3", 5)),
            new ExplainOptions { LearningRate = 0.01, Ascent = true, Steps = 2 });
        Assert.Equal(Golden("explain-lecture.json"), ExplanationJson.Render(e));
    }

    [Fact]
    public void ExplanationJson_LossTargetWrtPrecision_MatchesGolden()
    {
        // nabla explain "num = sigmoid(y) + x; den = sigmoid(x) + (x + y)^2; invden = 1/den; f = num*invden" --at x=3,y=-4
        //   --loss squared --target 1 --lr 0.1 --wrt x --precision 3 --format json
        var e = Explainer.Explain("num = sigmoid(y) + x; den = sigmoid(x) + (x + y)^2; invden = 1/den; f = num*invden", At(("x", 3), ("y", -4)),
            new ExplainOptions { Loss = "squared", LossTarget = 1, LearningRate = 0.1, Wrt = ["x"], Precision = 3 });
        Assert.Equal(Golden("explain-loss.json"), ExplanationJson.Render(e));
    }

    [Fact]
    public void ExplanationJson_OutsideTheDomain_MatchesGolden()
    {
        // nabla explain "z = log(x) * y" --at x=0,y=2 --format json   (log(0) = -Infinity, a warning, no updates)
        var e = Explainer.Explain("z = log(x) * y", At(("x", 0), ("y", 2)));
        Assert.Equal(Golden("explain-domain.json"), ExplanationJson.Render(e));
    }

    [Fact]
    public void NetworkJson_DrawnWeightsWithBias_MatchesGolden()
    {
        // nabla explain-net --layers 2,2,1 --bias true --seed 3 --x 1,2 --y 1 --format json
        var e = NetworkExplainer.Explain(new NetworkSpec { Layers = [2, 2, 1], Bias = true, Seed = 3, X = [1, 2], Y = [1] });
        Assert.Equal(Golden("explain-net-drawn.json"), NetworkJson.Render(e));
    }

    [Fact]
    public void NetworkJson_ListedWeightsReluBlocked_MatchesGolden()
    {
        // nabla explain-net --layers 2,2,1 --activation relu --weights 0.5,-1,0.25,0.75,1,-2 --x 1,2 --y 1 --loss abs --lr 0.5 --format json
        // (every path runs through a relu that is off: "health": "blocked", no seed since the weights are listed)
        var e = NetworkExplainer.Explain(new NetworkSpec
        {
            Layers = [2, 2, 1], Activation = ActivationRegistry.All["relu"], Weights = [0.5, -1, 0.25, 0.75, 1, -2], X = [1, 2], Y = [1],
            Loss = NetLoss.Abs, LearningRate = 0.5,
        });
        Assert.Equal(Golden("explain-net-listed.json"), NetworkJson.Render(e));
    }
}
