using System.Text;
using Nabla.Whiteboard.Charts;

namespace Nabla.Whiteboard.Descent;

/// <summary>Renders a <see cref="DescentTrace"/> as text, and its loss per step as an SVG line chart.</summary>
public static class DescentText
{
    /// <summary>The trace, lines separated by '\n'.</summary>
    public static string Render(DescentTrace t)
    {
        ArgumentNullException.ThrowIfNull(t);
        var s = t.Spec;
        var sb = new StringBuilder();
        string F(double v) => t.Format(v);
        int f = s.FeatureNames.Count;

        string model = s.Model == Descent.DescentModel.Linear
            ? $"linear: {s.TargetName} = {string.Join(" + ", Enumerable.Range(1, f).Select(i => $"w{i}*{s.FeatureNames[i - 1]}"))} + b"
            : $"mlp: {f} -> {s.Hidden} (tanh) -> 1";
        sb.Append($"Gradient descent on {s.Source}\n");
        sb.Append($"model {model}; loss L = sum((y - y_hat)^2) / n over the batch's n rows; mode {s.Mode.Name}; lr = {F(s.LearningRate)}\n");
        if (s.Model == Descent.DescentModel.Linear)
            sb.Append("gradients (engine Backward): dL/dwj = -(2/n) * sum over the batch of (y - y_hat) * xj, dL/db = -(2/n) * sum of (y - y_hat); update p = p - lr * dL/dp\n");
        sb.Append('\n');

        sb.Append(s.Standardize ? "Data (features standardised: (value - mean) / std)\n" : "Data\n");
        var header = new List<string> { "row" };
        foreach (var name in s.FeatureNames) { header.Add(name); if (s.Standardize) header.Add("-> std"); }
        header.Add(s.TargetName);
        var rows = new List<string[]> { header.ToArray() };
        for (int i = 0; i < t.Rows; i++)
        {
            var row = new List<string> { (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture) };
            for (int j = 0; j < f; j++) { row.Add(F(s.Features[i * f + j])); if (s.Standardize) row.Add(F(t.Inputs[i * f + j])); }
            row.Add(F(s.Targets[i]));
            rows.Add(row.ToArray());
        }
        AppendTable(sb, rows);
        if (s.Standardize)
            sb.Append("  ").Append(string.Join("; ", s.FeatureNames.Select((n, j) => $"{n}: mean {F(t.Scaling[j].Mean)}, std {F(t.Scaling[j].Std)}"))).Append('\n');

        sb.Append($"\nStart: {string.Join(", ", t.Initial.Select(p => $"{p.Key} = {F(p.Value)}"))}; loss on all rows = {t.FormatExact(t.InitialLoss)}\n");
        foreach (var step in t.Steps)
        {
            int n = step.Rows.Count;
            sb.Append($"\nStep {step.Step} (epoch {step.Epoch}): batch rows {string.Join(", ", step.Rows.Select(r => r + 1))}\n");
            // Each row's share of the loss, (y - y_hat)^2 / n, written out with the numbers as the lecture does.
            var terms = new double[n];
            for (int i = 0; i < n; i++)
            {
                double y = step.Targets[i], yHat = step.Predictions[i];
                terms[i] = (y - yHat) * (y - yHat) / n;
                string prediction = s.Model == Descent.DescentModel.Linear ? LinearPrediction(t, step, step.Rows[i]) + " = " : "";
                sb.Append($"  row {step.Rows[i] + 1}: y_hat = {prediction}{F(yHat)}, y = {F(y)}, (y - y_hat)^2 / {n} = ({F(y)} - {Paren(F(yHat))})^2 / {n} = {t.FormatExact(terms[i])}\n");
            }
            sb.Append(n <= 8
                ? $"  batch loss L = {string.Join(" + ", terms.Select(t.FormatExact))} = {t.FormatExact(terms.Sum())}\n"
                : $"  batch loss L = sum of the {n} terms = {t.FormatExact(terms.Sum())}\n");
            foreach (var u in step.Updates)
                sb.Append($"  {u.Name} = {F(u.Old)} - {F(s.LearningRate)} * {Paren(F(u.Gradient))} = {F(u.New)}\n");
            sb.Append($"  loss on all rows after the step = {F(step.FullLoss)}\n");
        }

        sb.Append("\nLoss on all rows per step\n");
        var losses = new[] { ("start", t.InitialLoss) }.Concat(t.Steps.Select(x => (x.Step.ToString(System.Globalization.CultureInfo.InvariantCulture), x.FullLoss))).ToArray();
        double max = losses.Max(l => double.IsFinite(l.Item2) ? l.Item2 : 0);
        foreach (var (label, loss) in losses)
        {
            int bar = max > 0 && double.IsFinite(loss) ? (int)Math.Round(30 * loss / max) : 0;
            sb.Append($"  {label,5}  {F(loss),10}  {new string('#', bar)}\n");
        }
        return sb.ToString();
    }

    /// <summary>The loss on all rows per step (step 0 = before training) as an SVG line chart; a log scale when it spans more than two decades.</summary>
    public static string LossChart(DescentTrace t)
    {
        ArgumentNullException.ThrowIfNull(t);
        var x = Enumerable.Range(0, t.Steps.Count + 1).Select(i => (double)i).ToArray();
        var y = new[] { t.InitialLoss }.Concat(t.Steps.Select(s => s.FullLoss)).ToArray();
        var batch = new[] { double.NaN }.Concat(t.Steps.Select(s => s.Loss)).ToArray();
        var positive = y.Where(v => v > 0 && double.IsFinite(v)).ToArray();
        bool log = positive.Length == y.Length && positive.Max() / positive.Min() > 100;
        var series = new List<Series> { new("loss on all rows", x, y) };
        if (t.Spec.Mode.Name != "batch") series.Add(new Series("batch loss", x, batch, Dashed: true));
        return new LineChart
        {
            Text = new ChartText($"Gradient descent ({t.Spec.Mode.Name}, lr {t.Format(t.Spec.LearningRate)})", "step", "mean squared error"),
            Series = series,
            Markers = true,
            YScale = log ? AxisScale.Log10 : AxisScale.Linear,
        }.ToSvg();
    }

    // "1 * 160 + 1 * 60 + 0": the weights before the step times the row's inputs, plus the bias.
    static string LinearPrediction(DescentTrace t, DescentStep step, int row)
    {
        int f = t.Spec.FeatureNames.Count;
        var terms = Enumerable.Range(0, f).Select(j => $"{Paren(t.Format(step.Updates[j].Old))} * {Paren(t.Format(t.Inputs[row * f + j]))}");
        return string.Join(" + ", terms) + " + " + Paren(t.Format(step.Updates[f].Old));
    }

    static void AppendTable(StringBuilder sb, List<string[]> rows)
    {
        var widths = Enumerable.Range(0, rows[0].Length).Select(c => rows.Max(r => r[c].Length)).ToArray();
        foreach (var r in rows)
            sb.Append("  ").Append(string.Join("  ", r.Select((cell, c) => c == 0 ? cell.PadRight(widths[c]) : cell.PadLeft(widths[c])))).Append('\n');
    }

    static string Paren(string number) => number.StartsWith('-') ? "(" + number + ")" : number;
}
