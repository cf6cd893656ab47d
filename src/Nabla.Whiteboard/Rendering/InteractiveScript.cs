using Nabla.NN.Registries;

namespace Nabla.Whiteboard.Rendering;

/// <summary>
/// The script of the interactive page (<see cref="InteractivePage"/>): it re-runs the forward and backward
/// pass of the embedded scalar graph in float32 (Math.fround after every operation, as the engine computes),
/// steps through it node by node and rewrites every number of the drawing when an input changes.
/// The derivative conventions are the engine's: relu'(0) = 0, step' = 0, |x|'(0) = 0, max/min pass the
/// gradient to the first argument on a tie.
/// </summary>
internal static class InteractiveScript
{
    /// <summary>The page's numbers as the whiteboard prints them (NumberFormat.Format at model.precision), and paren().</summary>
    public const string Format = """
        "use strict";
        const model = JSON.parse(document.getElementById("model").textContent);
        const P = model.precision;
        function fmt(v) {
          if (Number.isNaN(v)) return "NaN";
          if (!Number.isFinite(v)) return v > 0 ? "inf" : "-inf";
          if (v === 0) return "0";
          const a = Math.abs(v);
          if (a < 1e-4 || a >= 1e9) {
            let [m, e] = v.toExponential(P - 1).split("e");
            if (m.includes(".")) m = m.replace(/0+$/, "").replace(/\.$/, "");
            const neg = e.startsWith("-"), digits = e.replace(/^[+-]/, "").padStart(2, "0");
            return m + "e" + (neg ? "-" : "") + digits;
          }
          const d = Math.max(0, P - 1 - Math.floor(Math.log10(a)));
          let s = v.toFixed(Math.min(d, 15));
          if (s.includes(".")) s = s.replace(/0+$/, "").replace(/\.$/, "");
          return s === "-0" ? "0" : s;
        }
        const paren = s => s.startsWith("-") ? "(" + s + ")" : s;
        const f32 = Math.fround;
        const $ = id => document.getElementById(id);

        """;

    /// <summary>
    /// The graph pages' script (after <see cref="Format"/>): the activation table and the calls with a parameter come from
    /// the activation registry's rows, so a new activation needs no edit here.
    /// </summary>
    public static string Source { get; } = BeforeActivations + ActivationTable() + BeforeForwardCalls + CallCases(f => f.JsCall) +
        BeforeLocalCalls + CallCases(f => f.JsCallDerivative) + Rest;

    // One line per activation, in lesson order: name: [f(z), f'(z, a)].
    static string ActivationTable() => string.Concat(ActivationRegistry.InLessonOrder.Select(r =>
        $"  {r.Formulas.Expression}: [{r.Formulas.JsForward}, {r.Formulas.JsDerivative}],\n"));

    // The cases of forward() and local() for activations called with their optional parameter.
    static string CallCases(Func<ActivationFormulas, string?> js) => string.Concat(ActivationRegistry.InLessonOrder
        .Where(r => js(r.Formulas) is not null)
        .Select(r => $"    case \"{r.Formulas.Expression}\": return {js(r.Formulas)};\n"));

    const string BeforeActivations = """
        const byId = Object.fromEntries(model.nodes.map(n => [n.id, n]));
        const act = {
        """ + "\n";

    const string BeforeForwardCalls = """
        };
        // Value of an operation from its argument values; local derivative d node / d argument k.
        function forward(n, x, v) {
          switch (n.op) {
            case "add": return f32(x[0] + x[1]);
            case "sub": return f32(x[0] - x[1]);
            case "mul": return f32(x[0] * x[1]);
            case "div": return f32(x[0] / x[1]);
            case "pow": return f32(Math.pow(x[0], x[1]));
            case "neg": return -x[0];
            case "exp": return f32(Math.exp(x[0]));
            case "log": return f32(Math.log(x[0]));
            case "sqrt": return f32(Math.sqrt(x[0]));
            case "abs": return Math.abs(x[0]);
            case "max": return x[0] >= x[1] ? x[0] : x[1];
            case "min": return x[0] <= x[1] ? x[0] : x[1];
        """ + "\n";

    const string BeforeLocalCalls = """
            case "neuron": {
              let z = n.bias || 0;
              n.weights.forEach((w, i) => { z = f32(z + f32(w * x[i])); });
              v["z:" + n.id] = z;
              return act[n.act][0](z);
            }
            case "loss": {
              let s = 0;
              x.forEach((a, k) => {
                const y = n.targets[k], d = f32(a - y);
                const term = n.loss === "abs" ? Math.abs(d) : n.loss === "bce" ? f32(-(y * Math.log(a) + (1 - y) * Math.log(1 - a))) : f32(d * d * (n.loss === "half-squared" ? 0.5 : 1));
                s = f32(s + term);
              });
              return s;
            }
            default: return act[n.op] ? act[n.op][0](x[0]) : NaN;
          }
        }
        function local(n, k, x, out, v) {
          switch (n.op) {
            case "add": return 1;
            case "sub": return k === 0 ? 1 : -1;
            case "mul": return x[1 - k];
            case "div": return k === 0 ? f32(1 / x[1]) : f32(-x[0] / (x[1] * x[1]));
            case "pow": return k === 0 ? f32(x[1] * Math.pow(x[0], x[1] - 1)) : f32(out * Math.log(x[0]));
            case "neg": return -1;
            case "exp": return out;
            case "log": return f32(1 / x[0]);
            case "sqrt": return f32(1 / (2 * out));
            case "abs": return x[0] > 0 ? 1 : x[0] < 0 ? -1 : 0;
            case "max": return ((x[0] >= x[1]) === (k === 0)) ? 1 : 0;
            case "min": return ((x[0] <= x[1]) === (k === 0)) ? 1 : 0;
        """ + "\n";

    const string Rest = """
            case "neuron": return f32(act[n.act][1](v["z:" + n.id], out) * n.weights[k]);
            case "loss": {
              const a = x[k], y = n.targets[k];
              if (n.loss === "abs") return Math.sign(a - y);
              if (n.loss === "bce") return f32((a - y) / (a * (1 - a)));
              return f32((n.loss === "half-squared" ? 1 : 2) * (a - y));
            }
            default: return act[n.op] ? act[n.op][1](x[0], out) : NaN;
          }
        }
        let values = {}, grads = {}, locals = {};
        function run() {
          values = {}; grads = {}; locals = {};
          for (const n of model.nodes) {
            if (n.op === "input" || n.op === "const") { values[n.id] = f32(n.value); continue; }
            const x = n.args.map(a => values[a]);
            values[n.id] = forward(n, x, values);
            n.args.forEach((a, k) => { locals[n.id + "/" + k] = local(n, k, x, values[n.id], values); });
          }
          model.nodes.forEach(n => { grads[n.id] = 0; });
          grads[model.output] = 1;
          for (let i = model.nodes.length - 1; i >= 0; i--) {
            const n = model.nodes[i];
            if (!n.args) continue;
            n.args.forEach((a, k) => { grads[a] = f32(grads[a] + f32(grads[n.id] * locals[n.id + "/" + k])); });
          }
          redraw();
        }
        const consumers = id => model.nodes.flatMap(n => (n.args || []).map((a, k) => [n, k, a]).filter(t => t[2] === id));
        function formula(n, names) {
          const [a, b] = names;
          switch (n.op) {
            case "add": return a + " + " + b;
            case "sub": return a + " - " + b;
            case "mul": return a + " * " + b;
            case "div": return a + " / " + b;
            case "pow": return a + "^" + b;
            case "neg": return "-" + a;
            case "neuron": return n.act + "(" + names.map((s, i) => fmt(n.weights[i]) + "*" + s).join(" + ") + (n.bias ? " + " + fmt(n.bias) : "") + ")";
            case "loss": return n.lossFormula;
            default: return n.op + "(" + names.join(", ") + ")";
          }
        }
        // The steps: forward over every operation in order, then backward from the output to every input.
        const ops = model.nodes.filter(n => n.args);
        const backward = model.nodes.filter(n => n.op !== "const" && n.id !== model.output).reverse();
        const steps = ops.map(n => ({ kind: "forward", node: n })).concat(backward.map(n => ({ kind: "backward", node: n })));
        let current = -1;
        function describe(step) {
          const n = step.node, out = byId[model.output].label;
          if (step.kind === "forward") {
            const labels = n.args.map(a => byId[a].label), nums = n.args.map(a => paren(fmt(values[a])));
            return { value: fmt(values[n.id]), local: "-", chain: "-",
              text: n.label + " = " + formula(n, labels) + " = " + formula(n, nums) + " = " + fmt(values[n.id]) };
          }
          const uses = consumers(n.id);
          const symbols = uses.map(([c]) => "d" + out + "/d" + c.label + " * d" + c.label + "/d" + n.label);
          const numbers = uses.map(([c, k]) => fmt(grads[c.id]) + " * " + paren(fmt(locals[c.id + "/" + k])));
          return { value: fmt(values[n.id]),
            local: uses.map(([c, k]) => "d" + c.label + "/d" + n.label + " = " + fmt(locals[c.id + "/" + k])).join(", "),
            chain: "d" + out + "/d" + n.label + " = " + symbols.join(" + ") + " = " + numbers.join(" + ") + " = " + fmt(grads[n.id]),
            text: "d" + out + "/d" + n.label + " = " + fmt(grads[n.id]) };
        }
        function redraw() {
          // Every number of the drawing: the node's lines from its template, {v} value, {g} gradient, {z} pre-activation.
          for (const n of model.nodes) {
            const g = document.getElementById(n.id);
            if (!g || !n.lines) continue;
            const texts = g.querySelectorAll("text.number");
            n.lines.forEach((t, i) => { if (texts[i]) texts[i].textContent = t.replace("{v}", fmt(values[n.id])).replace("{g}", fmt(grads[n.id])).replace("{z}", fmt(values["z:" + n.id])); });
          }
          for (const row of document.querySelectorAll("#numbers tbody tr")) {
            row.cells[1].textContent = fmt(values[row.dataset.node]);
            row.cells[2].textContent = byId[row.dataset.node].op === "const" ? "" : fmt(grads[row.dataset.node]);
          }
          show();
        }
        function show() {
          document.querySelectorAll("g.node.current").forEach(g => g.classList.remove("current"));
          if (current < 0) {
            $("step-title").textContent = "Start: press \"next step\" (or the right arrow key)";
            for (const id of ["current-node", "value", "local", "chain", "step-text"]) $(id).textContent = "-";
            return;
          }
          const step = steps[current], d = describe(step);
          const g = document.getElementById(step.node.id);
          if (g) g.classList.add("current");
          $("step-title").textContent = (step.kind === "forward" ? "Forward" : "Backward") + " step " + (current + 1) + " of " + steps.length;
          $("current-node").textContent = step.node.label;
          $("value").textContent = d.value;
          $("local").textContent = d.local;
          $("chain").textContent = d.chain;
          $("step-text").textContent = d.text;
        }
        $("next").addEventListener("click", () => { if (current < steps.length - 1) current++; show(); });
        $("prev").addEventListener("click", () => { if (current > -1) current--; show(); });
        $("reset").addEventListener("click", () => { current = -1; show(); });
        document.addEventListener("keydown", e => { if (e.key === "ArrowRight") $("next").click(); if (e.key === "ArrowLeft") $("prev").click(); });
        for (const input of document.querySelectorAll("input[data-node]")) {
          input.addEventListener("input", () => {
            const v = parseFloat(input.value);
            if (Number.isFinite(v)) { byId[input.dataset.node].value = v; run(); }
          });
        }
        run();
        """;
}
