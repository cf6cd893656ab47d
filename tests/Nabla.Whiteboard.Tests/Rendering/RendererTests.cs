using System.Text.Json;
using System.Xml.Linq;
using Nabla.Whiteboard.Explanations;
using Nabla.Whiteboard.Expressions;
using Nabla.Whiteboard.Rendering;

namespace Nabla.Whiteboard.Tests.Rendering;

public class RendererTests
{
    static readonly XNamespace SvgNs = "http://www.w3.org/2000/svg";

    public static TheoryData<string> Examples => new() { "first", "neuron", "staged" };

    static Explanation Example(string name) => name switch
    {
        "first" => Lectures.First(),
        "neuron" => Lectures.Neuron(),
        _ => Lectures.Staged(),
    };

    [Fact]
    public void Markdown_FirstLecture_GoldenMathLines()
    {
        string md = ExplanationMarkdown.Render(Lectures.First());
        Assert.Contains("$$\n\\begin{aligned}\ng &= -2 \\cdot w_{1} \\\\\ny &= w_{2} + g \\\\\nz &= y \\cdot w_{3}\n\\end{aligned}\n$$\n", md);
        Assert.Contains("y &= w_{2} + g = 4 + \\left(-6\\right) = -2 \\\\", md);
        Assert.Contains("\\frac{\\partial z}{\\partial w_{1}} &= \\frac{\\partial z}{\\partial y} \\cdot \\frac{\\partial y}{\\partial g} \\cdot \\frac{\\partial g}{\\partial w_{1}} = 5 \\cdot 1 \\cdot \\left(-2\\right) = -10", md);
        Assert.Contains("\\frac{\\partial z}{\\partial w_{3}} &= y = -2", md);
        Assert.Contains("| $w_{1}$ | 3 | -10 |", md);
        Assert.Contains("w_{1} &= 3 + 0.01 \\cdot \\left(-10\\right) = 2.9", md);
        Assert.Contains("z_{\\text{new}} &= -8.715", md);
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void Markdown_AnyExample_MathBlocksBalancedAndNoBareLessThan(string name)
    {
        string md = ExplanationMarkdown.Render(Example(name));
        var lines = md.Split('\n');
        Assert.Equal(0, lines.Count(l => l == "$$") % 2);
        Assert.Equal(lines.Count(l => l == "\\begin{aligned}"), lines.Count(l => l == "\\end{aligned}"));
        Assert.DoesNotContain("<", md);
        Assert.DoesNotContain("\\texttt", md);
    }

    [Fact]
    public void Markdown_Staged_SumOverPathsAndFraction()
    {
        string md = ExplanationMarkdown.Render(Lectures.Staged());
        Assert.Contains("\\mathrm{invden} &= \\frac{1}{\\mathrm{den}}", md);
        Assert.Contains("\\frac{\\partial \\mathrm{invden}}{\\partial \\mathrm{den}} &= \\frac{-1}{\\mathrm{den}^{2}} = -0.2623", md);
        // x is used three times: three paths, then their sum.
        Assert.Contains("&= 0.5121 + \\left(-0.03576\\right) + 1.583 = 2.06", md);
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void Json_AnyExample_ParsesAndCarriesEngineNumbers(string name)
    {
        var e = Example(name);
        using var doc = JsonDocument.Parse(ExplanationJson.Render(e));
        var root = doc.RootElement;
        Assert.Equal(e.Output, root.GetProperty("output").GetString());
        Assert.Equal(e.OutputValue, root.GetProperty("outputValue").GetDouble(), 6);
        var gradients = root.GetProperty("gradients").EnumerateArray().ToArray();
        Assert.Equal(e.Gradients.Count, gradients.Length);
        for (int i = 0; i < gradients.Length; i++)
        {
            Assert.Equal(e.Gradients[i].Variable, gradients[i].GetProperty("variable").GetString());
            Assert.Equal(e.Gradients[i].Gradient, gradients[i].GetProperty("gradient").GetDouble(), 6);
        }
        foreach (var chain in root.GetProperty("chainRules").EnumerateArray())
        {
            double sum = chain.GetProperty("paths").EnumerateArray().Sum(p => p.GetProperty("product").GetDouble());
            Assert.Equal(chain.GetProperty("gradient").GetDouble(), sum, 5);
        }
        var graph = root.GetProperty("graph");
        Assert.Equal(ComputationGraph.Of(e).Nodes.Count, graph.GetProperty("nodes").GetArrayLength());
    }

    [Fact]
    public void Json_FirstLecture_UpdateAndReadableFormulas()
    {
        string json = ExplanationJson.Render(Lectures.First());
        Assert.Contains("\"formula\": \"w2 + g\"", json);
        using var doc = JsonDocument.Parse(json);
        var updates = doc.RootElement.GetProperty("updates");
        Assert.Equal("w = w + lr * dz/dw (gradient ascent: moves z up)", updates.GetProperty("rule").GetString());
        var step = updates.GetProperty("steps")[0];
        Assert.Equal(2.9, step.GetProperty("parameters")[0].GetProperty("new").GetDouble());
        Assert.Equal(-8.715, step.GetProperty("newOutput").GetDouble(), 5);
    }

    [Fact]
    public void Dot_FirstLecture_Golden()
    {
        const string expected = """
            digraph "z" {
              rankdir=LR;
              node [shape=box, style="rounded", fontname="Helvetica"];
              edge [fontname="Helvetica", fontsize=10];
              n0 [label="-2", shape=plaintext];
              n1 [label="w1\nvalue 3\ndz/dw1 = -10", style="rounded,filled", fillcolor="#eef4ff"];
              n2 [label="g = -2 * w1\nvalue -6\ndz/dg = 5"];
              n3 [label="w2\nvalue 4\ndz/dw2 = 5", style="rounded,filled", fillcolor="#eef4ff"];
              n4 [label="y = w2 + g\nvalue -2\ndz/dy = 5"];
              n5 [label="w3\nvalue 5\ndz/dw3 = -2", style="rounded,filled", fillcolor="#eef4ff"];
              n6 [label="z = y * w3\nvalue -10\ndz/dz = 1", style="rounded,filled,bold", fillcolor="#fff4e0"];
              n0 -> n2;
              n1 -> n2 [label="dg/dw1 = -2"];
              n3 -> n4 [label="dy/dw2 = 1"];
              n2 -> n4 [label="dy/dg = 1"];
              n4 -> n6 [label="dz/dy = 5"];
              n5 -> n6 [label="dz/dw3 = -2"];
            }

            """;
        Assert.Equal(expected.ReplaceLineEndings("\n"), GraphDot.Render(Lectures.First()));
    }

    [Fact]
    public void Mermaid_FirstLecture_FlowchartWithEdgeDerivatives()
    {
        string m = GraphMermaid.Render(Lectures.First());
        Assert.StartsWith("flowchart LR\n", m);
        Assert.Contains("  n1([\"w1<br/>value 3<br/>dz/dw1 = -10\"])\n", m);
        Assert.Contains("  n2(\"g = -2 * w1<br/>value -6<br/>dz/dg = 5\")\n", m);
        Assert.Contains("  n1 -->|\"dg/dw1 = -2\"| n2\n", m);
        Assert.Contains("  class n6 output\n", m);
    }

    [Fact]
    public void Mermaid_ConditionWithLessThan_Escaped()
    {
        var e = Explainer.Explain("f = max(x, y)", new Dictionary<string, double> { ["x"] = -1, ["y"] = 2 });
        string m = GraphMermaid.Render(e);
        Assert.DoesNotContain("<\"", m);
        Assert.Contains("f = max(x, y)", m);
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void Svg_AnyExample_ValidXmlOneBoxPerNodeWithValueAndGradient(string name)
    {
        var e = Example(name);
        var g = ComputationGraph.Of(e);
        var root = XDocument.Parse(GraphSvg.Render(e)).Root!;
        Assert.Equal(SvgNs + "svg", root.Name);
        var boxes = root.Descendants(SvgNs + "g").Where(x => ((string?)x.Attribute("class"))?.StartsWith("node", StringComparison.Ordinal) == true).ToArray();
        Assert.Equal(g.Nodes.Count, boxes.Length);
        Assert.Equal(g.Edges.Count, root.Descendants(SvgNs + "path").Count(p => (string?)p.Attribute("class") == "edge"));
        foreach (var n in g.Nodes.Where(n => n.Role != GraphNodeRole.Constant))
        {
            var box = boxes.Single(b => (string?)b.Attribute("id") == n.Id);
            var texts = box.Descendants(SvgNs + "text").Select(t => t.Value).ToArray();
            Assert.Contains($"value {e.Format(n.Value)}", texts);
            Assert.Contains($"d{e.Output}/d{n.Label} = {e.Format(n.Gradient!.Value)}", texts);
        }
    }

    [Fact]
    public void Svg_BoxesDoNotOverlap()
    {
        var root = XDocument.Parse(GraphSvg.Render(Lectures.Staged())).Root!;
        var rects = root.Descendants(SvgNs + "g").Select(g => g.Element(SvgNs + "rect")!)
            .Select(r => (X: (double)r.Attribute("x")!, Y: (double)r.Attribute("y")!, W: (double)r.Attribute("width")!, H: (double)r.Attribute("height")!)).ToArray();
        for (int i = 0; i < rects.Length; i++)
            for (int j = i + 1; j < rects.Length; j++)
            {
                var (a, b) = (rects[i], rects[j]);
                bool apart = a.X + a.W <= b.X || b.X + b.W <= a.X || a.Y + a.H <= b.Y || b.Y + b.H <= a.Y;
                Assert.True(apart, $"boxes {i} and {j} overlap");
            }
    }

    [Fact]
    public void Layout_FirstLecture_LayersFollowLongestPath()
    {
        var g = ComputationGraph.Of(Lectures.First());
        int Layer(string label) => g.Nodes.Single(n => n.Label == label).Layer;
        Assert.Equal(0, Layer("w1"));
        Assert.Equal(0, Layer("-2"));
        Assert.Equal(1, Layer("g"));
        Assert.Equal(2, Layer("y"));
        Assert.Equal(3, Layer("z"));
        Assert.Equal(0, Layer("w3"));
        Assert.True(g.Nodes.Single(n => n.Label == "z").IsOutput);
    }

    [Theory]
    [InlineData("text", ExplanationFormat.Text)]
    [InlineData("Markdown", ExplanationFormat.Markdown)]
    [InlineData("svg", ExplanationFormat.Svg)]
    public void Format_Parse_KnownNames(string name, ExplanationFormat expected) =>
        Assert.Equal(expected, ExplanationRenderer.Parse(name));

    [Fact]
    public void Format_Parse_UnknownNameListsChoices() =>
        Assert.Contains("text, markdown, json, dot, mermaid, svg", Assert.Throws<ArgumentException>(() => ExplanationRenderer.Parse("pdf")).Message);
}
