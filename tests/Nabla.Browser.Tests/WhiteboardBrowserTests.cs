using Nabla.NN.Registries;
using System.Text.Json;
using Microsoft.Playwright;
using Nabla.Whiteboard.Explanations;
using Nabla.Whiteboard.Networks;
using Nabla.Whiteboard.Rendering;

namespace Nabla.Browser.Tests;

/// <summary>
/// The whiteboard's drawings and interactive pages in chromium: in every golden graph no edge runs through a
/// box and no label overlaps a box (measured on the rendered SVG), and the interactive pages step, highlight
/// and recompute offline from file://. One browser, three pages.
/// </summary>
public sealed class WhiteboardBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    static Dictionary<string, double> At(params (string, double)[] v) => v.ToDictionary(p => p.Item1, p => p.Item2);

    static Explanation First() => Explainer.Explain("g = -2*w1; y = w2 + g; z = y*w3", At(("w1", 3), ("w2", 4), ("w3", 5)));

    static NetworkSpec Net(double x1 = 1) => new() { Layers = [3, 2, 2, 1], X = [x1, 2, 3], Y = [1] };

    /// <summary>The golden graphs of the whiteboard tests and docs: the three lectures, a layer-skipping graph and the networks.</summary>
    static IEnumerable<(string Name, string Svg)> GoldenGraphs()
    {
        yield return ("lecture 1", GraphSvg.Render(First()));
        yield return ("sigmoid neuron", GraphSvg.Render(Explainer.Explain("f = sigmoid(w0*x0 + w1*x1 + w2)", At(("w0", 2), ("x0", -1), ("w1", -3), ("x1", -2), ("w2", -3)))));
        yield return ("staged", GraphSvg.Render(Explainer.Explain("num = sigmoid(y) + x; den = sigmoid(x) + (x + y)^2; invden = 1/den; f = num*invden", At(("x", 3), ("y", -4)))));
        yield return ("loss", GraphSvg.Render(Explainer.Explain("y_hat = w*x + b", At(("w", 0.5), ("x", 2), ("b", 0.1)), new ExplainOptions { Loss = "squared", LossTarget = 2 })));
        yield return ("3-2-2-1", NetworkDrawing.Of(NetworkExplainer.Explain(Net())).ToSvg());
        yield return ("3-2-2-1 biases, w1", NetworkDrawing.Of(NetworkExplainer.Explain(Net() with { Bias = true }), "w1").ToSvg());
        yield return ("2-3-3-2", NetworkDrawing.Of(NetworkExplainer.Explain(new NetworkSpec { Layers = [2, 3, 3, 2], X = [1, -1], Y = [0, 1], Activation = ActivationRegistry.All["tanh"] })).ToSvg());
    }

    // Boxes of nodes and labels (rendered), and every edge sampled every 2 px: a point strictly inside a node box
    // (1 px in from its border) is an edge through a box.
    const string Measure = """
        () => {
          const box = e => { const b = e.getBBox(); return { x: b.x, y: b.y, w: b.width, h: b.height, what: e.closest("g")?.id || e.textContent || e.getAttribute("class") }; };
          const nodes = [...document.querySelectorAll("g.node rect")].map(box);
          const labels = [...document.querySelectorAll("rect.edge-label, text.local, text.weight, text.gradient")].map(box);
          const overlap = (a, b) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
          const problems = [];
          for (const l of labels) for (const n of nodes) if (overlap(l, n)) problems.push(`label ${l.what} overlaps box ${n.what}`);
          for (const p of document.querySelectorAll("path.edge")) {
            const len = p.getTotalLength();
            for (let s = 0; s <= len; s += 2) {
              const q = p.getPointAtLength(s);
              for (const n of nodes)
                if (q.x > n.x + 1 && q.x < n.x + n.w - 1 && q.y > n.y + 1 && q.y < n.y + n.h - 1) {
                  problems.push(`edge ${p.dataset.from} -> ${p.dataset.to} runs through box ${n.what} at (${q.x.toFixed(1)}, ${q.y.toFixed(1)})`);
                  s = len + 1; break;
                }
            }
          }
          return { nodes: nodes.length, edges: document.querySelectorAll("path.edge").length, problems };
        }
        """;

    [BrowserFact]
    public async Task GoldenGraphs_NoEdgeCrossesABox_NoLabelOverlapsABox()
    {
        var browser = await fixture.BrowserAsync();
        var page = await browser.NewPageAsync();
        var problems = new List<string>();
        foreach (var (name, svg) in GoldenGraphs())
        {
            await page.SetContentAsync($"<!DOCTYPE html><html><body style=\"margin:0\">{svg}</body></html>");
            var result = await page.EvaluateAsync<JsonElement>(Measure);
            Assert.True(result.GetProperty("nodes").GetInt32() > 3, $"{name}: no boxes found");
            Assert.True(result.GetProperty("edges").GetInt32() > 3, $"{name}: no edges found");
            problems.AddRange(result.GetProperty("problems").EnumerateArray().Select(p => $"{name}: {p.GetString()}"));
        }
        // The measurement itself catches what it looks for: an edge drawn straight through a box, a label on a box.
        await page.SetContentAsync("<svg xmlns='http://www.w3.org/2000/svg' width='300' height='100'><g class='node' id='t3'><rect x='100' y='20' width='60' height='40'/></g>" +
            "<path class='edge' data-from='w2' data-to='t4' d='M 0 40 L 300 40'/><rect class='edge-label' x='150' y='30' width='30' height='13'/></svg>");
        var control = await page.EvaluateAsync<JsonElement>(Measure);
        Assert.Equal(["label edge-label overlaps box t3", "edge w2 -> t4 runs through box t3 at (102.0, 40.0)"],
            control.GetProperty("problems").EnumerateArray().Select(p => p.GetString()));
        await page.CloseAsync();
        Assert.Empty(problems);
    }

    [BrowserFact]
    public async Task ExplainPage_StepsForwardAndBackward_ChangedInputUpdatesEveryNumber_Offline()
    {
        using var file = new PageFile(InteractivePage.Of(First()));
        var (page, requests, errors) = await OpenAsync(file.Path);

        await page.ClickAsync("#next");
        Assert.Equal("g", await page.TextContentAsync("#current-node"));
        Assert.Equal("-6", await page.TextContentAsync("#value"));
        Assert.Equal("g = -2 * w1 = (-2) * 3 = -6", await page.TextContentAsync("#step-text"));
        Assert.Equal("n2", await page.GetAttributeAsync("g.node.current", "id"));
        for (int i = 0; i < 3; i++) await page.ClickAsync("#next");
        // Backward, first node: w3, read by the output directly.
        Assert.Equal("Backward step 4 of 8", await page.TextContentAsync("#step-title"));
        Assert.Equal("dz/dw3 = dz/dz * dz/dw3 = 1 * (-2) = -2", await page.TextContentAsync("#chain"));
        for (int i = 0; i < 4; i++) await page.ClickAsync("#next");
        Assert.Equal("w1", await page.TextContentAsync("#current-node"));
        Assert.Equal("dg/dw1 = -2", await page.TextContentAsync("#local"));
        Assert.Equal("dz/dw1 = dz/dg * dg/dw1 = 5 * (-2) = -10", await page.TextContentAsync("#chain"));
        await page.ClickAsync("#prev");
        Assert.Equal("g", await page.TextContentAsync("#current-node"));

        // z = (w2 - 2 w1) w3: w1 = 4, w3 = 6 gives z = -24 and dz/dw1 = -2 w3 = -12, everywhere on the page.
        await page.FillAsync("input[data-node=n1]", "4");
        await page.FillAsync("input[data-node=n5]", "6");
        Assert.Equal("value -24", await page.TextContentAsync("g#n6 text.number"));
        Assert.Equal("-24", await page.TextContentAsync("#numbers tr[data-node=n6] td:nth-child(2)"));
        Assert.Equal("-12", await page.TextContentAsync("#numbers tr[data-node=n1] td:nth-child(3)"));
        await page.ClickAsync("#next");
        Assert.Equal("dz/dw1 = dz/dg * dg/dw1 = 6 * (-2) = -12", await page.TextContentAsync("#chain"));

        Assert.Equal([new Uri(file.Path).AbsoluteUri], requests);
        Assert.Empty(errors);
        await page.CloseAsync();
    }

    [BrowserFact]
    public async Task NetworkPage_ChangedInput_MatchesTheEngine()
    {
        var e = NetworkExplainer.Explain(Net());
        using var file = new PageFile(InteractivePage.Of(e, NetworkDrawing.Of(e)));
        var (page, requests, errors) = await OpenAsync(file.Path);

        await page.ClickAsync("#next");
        Assert.Equal("a11", await page.TextContentAsync("#current-node"));
        Assert.Equal("0.7191", await page.TextContentAsync("#value"));

        // The page recomputes in float32 with the engine's rules: after x1 = -2 every number equals the engine's.
        await page.FillAsync("input[data-node=x1]", "-2");
        var engine = NetworkExplainer.Explain(Net(-2));
        foreach (var n in engine.Neurons)
        {
            Assert.Equal(engine.Format(n.Value), await page.TextContentAsync($"#numbers tr[data-node={n.Name}] td:nth-child(2)"));
            Assert.Equal(engine.Format(n.Gradient), await page.TextContentAsync($"#numbers tr[data-node={n.Name}] td:nth-child(3)"));
        }
        Assert.Equal($"value {engine.Format(engine.Loss)}", await page.TextContentAsync("g#L text.number"));
        Assert.Equal([new Uri(file.Path).AbsoluteUri], requests);
        Assert.Empty(errors);
        await page.CloseAsync();
    }

    [BrowserFact]
    public async Task DescendPage_LectureSteps_ChangedRateMatchesTheEngine()
    {
        var spec = Nabla.Whiteboard.Descent.DescentSpec.Lecture() with { Steps = 3 };
        using var file = new PageFile(Nabla.Whiteboard.Descent.DescentPage.Of(Nabla.Whiteboard.Descent.DescentTracer.Trace(spec)));
        var (page, requests, errors) = await OpenAsync(file.Path);

        await page.ClickAsync("#next");
        Assert.Equal("Step 1 of 3: rows 1, 2, 3, 4", await page.TextContentAsync("#step-title"));
        Assert.Equal("(21 - 220)^2 / 4 = 9900.25", await page.TextContentAsync("#rows tbody tr:first-child td:nth-child(4)"));
        Assert.Equal("9900.25 + 11342.25 + 13225 + 14762.25 = 49229.75", await page.TextContentAsync("#loss"));

        // A new rate re-runs every step in the page; the loss after each equals the engine's trace at that rate.
        await page.FillAsync("#lr", "0.00002");
        var engine = Nabla.Whiteboard.Descent.DescentTracer.Trace(spec with { LearningRate = 0.00002 });
        var losses = await page.Locator("#losses tbody tr td:nth-child(2)").AllTextContentsAsync();
        Assert.Equal(new[] { engine.InitialLoss }.Concat(engine.Steps.Select(x => x.FullLoss)).Select(engine.Format), losses);
        Assert.Equal([new Uri(file.Path).AbsoluteUri], requests);
        Assert.Empty(errors);
        await page.CloseAsync();
    }

    async Task<(IPage Page, List<string> Requests, List<string> Errors)> OpenAsync(string path)
    {
        var browser = await fixture.BrowserAsync();
        var page = await browser.NewPageAsync();
        var requests = new List<string>();
        var errors = new List<string>();
        page.Request += (_, r) => requests.Add(r.Url);
        page.PageError += (_, m) => errors.Add(m);
        page.Console += (_, m) => { if (m.Type == "error") errors.Add(m.Text); };
        await page.GotoAsync(new Uri(path).AbsoluteUri);
        return (page, requests, errors);
    }

    sealed class PageFile : IDisposable
    {
        public PageFile(string html)
        {
            Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"nabla-page-{Guid.NewGuid():N}.html");
            File.WriteAllText(Path, html);
        }

        public string Path { get; }

        public void Dispose() => File.Delete(Path);
    }
}
