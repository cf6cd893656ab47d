using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Nabla.Whiteboard.Reports;
using Nabla.Whiteboard.Rendering;

namespace Nabla.Whiteboard.Descent;

/// <summary>What the descent page's script recomputes: the inputs as the model sees them, the batches the trace took, the start and the rate.</summary>
internal sealed record DescentPageModel(int Precision, IReadOnlyList<IReadOnlyList<double>> Inputs, IReadOnlyList<double> Targets,
    IReadOnlyList<string> Parameters, IReadOnlyList<double> Start, double LearningRate, IReadOnlyList<IReadOnlyList<int>> Batches, bool Linear,
    IReadOnlyList<IReadOnlyList<double>> Predictions, IReadOnlyList<double> Losses);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(DescentPageModel))]
internal sealed partial class DescentPageJsonContext : JsonSerializerContext;

/// <summary>
/// <c>nabla descend --format html</c>: one offline page that steps forward and backward through the trace's
/// gradient steps (the step's rows, each (y - y_hat)^2 / n term, the loss, every update) with the loss per step
/// beside it. For the linear model the learning rate and the starting parameters are inputs: changing one re-runs
/// every step in the page (float32, the same batches) and rewrites every number; an MLP's page shows the engine's
/// trace as recorded.
/// </summary>
public static class DescentPage
{
    /// <summary>The page for <paramref name="t"/>.</summary>
    public static string Of(DescentTrace t)
    {
        ArgumentNullException.ThrowIfNull(t);
        var s = t.Spec;
        int f = s.FeatureNames.Count;
        bool linear = s.Model == DescentModel.Linear;
        var model = new DescentPageModel(s.Precision,
            Enumerable.Range(0, t.Rows).Select(i => (IReadOnlyList<double>)Enumerable.Range(0, f).Select(j => (double)t.Inputs[i * f + j]).ToArray()).ToArray(),
            s.Targets.Select(v => (double)v).ToArray(), t.Initial.Select(p => p.Key).ToArray(), t.Initial.Select(p => p.Value).ToArray(),
            (float)s.LearningRate, t.Steps.Select(x => x.Rows).ToArray(), linear,
            t.Steps.Select(x => x.Predictions).ToArray(), t.Steps.Select(x => x.FullLoss).ToArray());

        var body = new StringBuilder();
        body.Append($"<p>{Html.Encode(linear ? $"model {s.TargetName} = " + string.Join(" + ", Enumerable.Range(1, f).Select(i => $"w{i}*{s.FeatureNames[i - 1]}")) + " + b" : $"mlp {f} -> {s.Hidden} (tanh) -> 1")}; " +
            $"loss L = sum((y - y_hat)^2) / n over the step's n rows; mode {Html.Encode(s.Mode.Name)}</p>\n");
        body.Append("<div class=\"controls\">\n").Append(InteractivePage.StepButtons);
        if (linear)
        {
            body.Append($"<label>lr <input type=\"number\" step=\"any\" id=\"lr\" value=\"{InteractivePage.Number((float)s.LearningRate)}\"></label>\n");
            foreach (var (p, i) in t.Initial.Select((p, i) => (p, i)))
                body.Append($"<label>start {Html.Encode(p.Key)} <input type=\"number\" step=\"any\" data-start=\"{i}\" value=\"{InteractivePage.Number(p.Value)}\"></label>\n");
        }
        body.Append("</div>\n<p id=\"step-title\"></p>\n<table id=\"rows\"><thead><tr><th>row</th><th>y_hat</th><th>y</th><th>(y - y_hat)^2 / n</th></tr></thead><tbody></tbody></table>\n");
        body.Append("<p>batch loss L = <span id=\"loss\"></span></p>\n<ul id=\"updates\"></ul>\n");
        body.Append("<table id=\"losses\"><thead><tr><th>step</th><th>loss on all rows</th></tr></thead><tbody></tbody></table>\n");
        body.Append("<div class=\"drawing\">").Append(DescentText.LossChart(t)).Append("</div>\n");
        return InteractivePage.Shell($"Gradient descent on {s.Source}", body.ToString(),
            JsonSerializer.Serialize(model, DescentPageJsonContext.Default.DescentPageModel), Script);
    }

    // Linear model: y_hat = w . x + b; dL/dwj = (2/n) sum (y_hat - y) xj, dL/db = (2/n) sum (y_hat - y); p -= lr * g.
    const string Script = """
        const X = model.inputs, Y = model.targets, F = X[0].length;
        let trace = [];
        function predict(p, i) { let s = 0; for (let j = 0; j < F; j++) s = f32(s + f32(p[j] * X[i][j])); return f32(s + p[F]); }
        function fullLoss(p) { let s = 0; for (let i = 0; i < Y.length; i++) { const d = f32(predict(p, i) - Y[i]); s = f32(s + f32(d * d)); } return f32(s / Y.length); }
        function run() {
          trace = [];
          if (!model.linear) {
            model.batches.forEach((rows, k) => trace.push({ rows, preds: model.predictions[k], updates: [], full: model.losses[k] }));
            return draw();
          }
          const lr = f32(parseFloat($("lr").value));
          let p = [...document.querySelectorAll("input[data-start]")].map(i => f32(parseFloat(i.value)));
          for (const rows of model.batches) {
            const n = rows.length, preds = rows.map(i => predict(p, i));
            const g = new Array(F + 1).fill(0);
            rows.forEach((i, k) => {
              const d = f32(preds[k] - Y[i]);
              for (let j = 0; j < F; j++) g[j] = f32(g[j] + f32(d * X[i][j]));
              g[F] = f32(g[F] + d);
            });
            const grads = g.map(v => f32(f32(2 * v) / n));
            const next = p.map((v, j) => f32(v - f32(lr * grads[j])));
            trace.push({ rows, preds, updates: model.parameters.map((name, j) => name + " = " + fmt(p[j]) + " - " + fmt(lr) + " * " + paren(fmt(grads[j])) + " = " + fmt(next[j])), full: fullLoss(next) });
            p = next;
          }
          trace.start = fullLoss([...document.querySelectorAll("input[data-start]")].map(i => f32(parseFloat(i.value))));
          draw();
        }
        let current = -1;
        function fmtAt(v, digits) { const a = Math.abs(v); if (v === 0 || a < 1e-4 || a >= 1e9 || !Number.isFinite(v)) return fmt(v); let s = v.toFixed(Math.min(Math.max(0, digits - 1 - Math.floor(Math.log10(a))), 15)); if (s.includes(".")) s = s.replace(/0+$/, "").replace(/\.$/, ""); return s; }
        function draw() {
          const body = $("losses").tBodies[0];
          body.innerHTML = "";
          const rows = [["start", model.linear ? trace.start : NaN]].concat(trace.map((s, k) => [String(k + 1), s.full]));
          rows.forEach(([label, v], k) => { const tr = body.insertRow(); tr.insertCell().textContent = label; tr.insertCell().textContent = Number.isNaN(v) ? "-" : fmt(v); if (k === current + 1 && current >= 0) tr.className = "current"; });
          const table = $("rows").tBodies[0];
          table.innerHTML = "";
          if (current < 0) { $("step-title").textContent = "Start: press \"next step\""; $("loss").textContent = "-"; $("updates").innerHTML = ""; return; }
          const s = trace[current], n = s.rows.length;
          $("step-title").textContent = "Step " + (current + 1) + " of " + trace.length + ": rows " + s.rows.map(r => r + 1).join(", ");
          const terms = s.rows.map((i, k) => { const d = Y[i] - s.preds[k]; return d * d / n; });
          s.rows.forEach((i, k) => { const tr = table.insertRow(); [String(i + 1), fmt(s.preds[k]), fmt(Y[i]), "(" + fmt(Y[i]) + " - " + paren(fmt(s.preds[k])) + ")^2 / " + n + " = " + fmtAt(terms[k], Math.max(P, 7))].forEach(t => { tr.insertCell().textContent = t; }); });
          $("loss").textContent = terms.map(t => fmtAt(t, Math.max(P, 7))).join(" + ") + " = " + fmtAt(terms.reduce((a, b) => a + b, 0), Math.max(P, 7));
          $("updates").innerHTML = "";
          for (const u of s.updates) { const li = document.createElement("li"); li.textContent = u; $("updates").appendChild(li); }
        }
        $("next").addEventListener("click", () => { if (current < trace.length - 1) current++; draw(); });
        $("prev").addEventListener("click", () => { if (current > -1) current--; draw(); });
        $("reset").addEventListener("click", () => { current = -1; draw(); });
        document.addEventListener("keydown", e => { if (e.key === "ArrowRight") $("next").click(); if (e.key === "ArrowLeft") $("prev").click(); });
        for (const input of document.querySelectorAll("#lr, input[data-start]")) input.addEventListener("input", () => { if (Number.isFinite(parseFloat(input.value))) run(); });
        run();
        """;
}
