using Nabla.NN.Registries;
using System.Xml.Linq;
using Nabla.Whiteboard.Networks;

namespace Nabla.Whiteboard.Tests.Networks;

public class NetworkDrawingTests
{
    static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    static NetworkExplanation Lecture(bool bias = false) => NetworkExplainer.Explain(new NetworkSpec
    {
        Layers = [3, 2, 2, 1], Activation = ActivationRegistry.All["sigmoid"], Bias = bias, X = [1, 2, 3], Y = [1],
    });

    [Fact]
    public void Svg_Lecture3221_TwelveWeightsValuesGradientsAndTheLecturesPathHighlighted()
    {
        var root = XDocument.Parse(NetworkDrawing.Of(Lecture()).ToSvg()).Root!;
        var weights = root.Descendants(Svg + "text").Where(t => ((string?)t.Attribute("class") ?? "").StartsWith("weight", StringComparison.Ordinal)).Select(t => t.Value).ToArray();
        Assert.Equal(Enumerable.Range(1, 12).Select(i => $"w{i} = "), weights.Select(w => w[..(w.IndexOf('=') + 2)]));
        Assert.Contains("w11 = 0.87", weights);
        Assert.Equal(["x1", "x2", "x3", "a11", "a12", "a21", "a22", "a31", "L"], root.Descendants(Svg + "g").Select(g => (string)g.Attribute("id")!));
        Assert.Contains("z = 0.94, a = 0.7191", root.Value);
        Assert.Contains("dL/da31 = -0.5897", root.Value);
        // The lecture's dL/dw11^2 = dL/dy_hat * dy_hat/dw11^2: one path, from the output neuron.
        Assert.Contains("dL/dw11 = dL/da31 * da31/dw11 = (-0.5897) * 0.07086 = -0.04179", root.Value);
        var onPath = root.Descendants(Svg + "path").Where(p => ((string?)p.Attribute("class"))?.Contains("on-path") == true)
            .Select(p => $"{p.Attribute("data-from")!.Value}->{p.Attribute("data-to")!.Value}");
        Assert.Equal(["a21->a31", "a31->L"], onPath);
    }

    [Fact]
    public void Highlight_FirstLayerWeight_AllItsPathsToTheLoss()
    {
        var d = NetworkDrawing.Of(Lecture(), "w1");
        Assert.Equal(["x1->a11", "a11->a21", "a11->a22", "a21->a31", "a22->a31", "a31->L"],
            d.Edges.Where(e => e.OnPath).Select(e => $"{e.From}->{e.To}"));
        Assert.StartsWith("dL/dw1 = sum over the 2 highlighted paths = 0.004163 + (-0.003825) = 0.0003378", d.Caption);
        Assert.Contains("\"x1\" -> \"a11\" [label=\"w1 = 0.41\", color=\"#c77700\"", d.ToDot());
        Assert.Contains("linkStyle 0,6,8,10,11,12 stroke:#c77700", d.ToMermaid());
    }

    [Fact]
    public void Highlight_UnknownWeight_ListsTheNames() =>
        Assert.Contains("its weights are w1 to w12", Assert.Throws<ArgumentException>(() => NetworkDrawing.Of(Lecture(), "w13")).Message);

    [Fact]
    public void Svg_WithBiases_ShowsThemInTheirNeurons() =>
        Assert.Contains("b11 = ", NetworkDrawing.Of(Lecture(bias: true)).ToSvg());

    [Fact]
    public void Matrix_221Linear_EntriesAreTheEngineGradients()
    {
        // The lecture's 2-2-1 linear net: delta2 = 2 (y_hat - y) = -2 (y - y_hat), dL/dw = delta2 * o1j.
        var e = NetworkExplainer.Explain(new NetworkSpec
        {
            Layers = [2, 2, 1], Activation = ActivationRegistry.All["linear"], X = [1, 2], Y = [1], Weights = [0.5, -0.3, 0.8, 0.2, 0.6, -0.4],
        });
        string text = NetworkMatrix.Render(e);
        double yHat = e.Neurons[^1].Value, o11 = e.Neurons[0].Value;
        Assert.Equal(-2 * (1 - yHat) * o11, e.Gradients[4].EngineGradient, 5);
        foreach (var g in e.Gradients) Assert.Contains($"{g.Weight.Name} = {e.Format(g.EngineGradient)}", text);
        Assert.Contains("delta1 = (W2^T delta2) * f'(z1)", text);
        Assert.Contains("[ -1.848  -3.696 ]", text);
        Assert.Contains("as the lecture writes it: dL/dw5 = -2 (y - y_hat) f'(z2) a11 = -2 * (1 - (-0.54)) * 1 * (-0.1) = 0.308", text);
    }
}
