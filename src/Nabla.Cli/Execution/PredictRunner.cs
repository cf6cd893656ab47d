using System.Globalization;
using System.Text;
using Nabla.Cli.Options;
using Nabla.Cli.Parsing;
using Nabla.NN;
using Nabla.NN.Data;
using Nabla.NN.Training;

namespace Nabla.Cli.Execution;

/// <summary>
/// Runs <c>nabla predict MODEL --data FILE</c>: applies the saved preprocessing to new rows and writes the input
/// columns plus <c>prediction</c> (the class label as spelled in the training data, or the value) and, for
/// classification, one <c>p_&lt;class&gt;</c> probability column per class.
/// </summary>
public static class PredictRunner
{
    /// <summary>Encoded rows: features <c>[N, F]</c> and, when the file has the target column, targets.</summary>
    public sealed record Encoded(Tensor Features, float[]? Targets);

    /// <summary>Predicts and writes the CSV to <c>--out</c> or stdout; returns the exit code.</summary>
    public static int Run(PredictOptions o, CliContext context)
    {
        var folder = ModelFolder.Open(o.Model);
        if (!File.Exists(o.Data)) throw new CliException($"Data file '{o.Data}' does not exist.");
        var table = CsvTable.Load(o.Data);
        var encoded = Encode(folder.Card, table, o.Data);
        Tensor outputs;
        using (GradMode.NoGrad()) outputs = folder.Model.Forward(encoded.Features);
        string csv = Format(folder.Card, table, outputs);
        if (o.Out is null) context.Stdout.Write(csv);
        else
        {
            Nabla.NN.Serialization.AtomicFile.WriteAllBytes(o.Out, Encoding.UTF8.GetBytes(csv));
            context.Stderr.WriteLine($"Wrote {table.RowCount} predictions to {o.Out}.");
        }
        return ExitCodes.Success;
    }

    /// <summary>Encodes <paramref name="table"/> with the model's saved preprocessing (image models take the pixel columns as they are).</summary>
    public static Encoded Encode(ModelCard card, CsvTable table, string path)
    {
        if (card.Preprocessor is { } pre)
        {
            var e = pre.Transform(table);
            return new Encoded(Tensor.FromArray(e.Features, e.RowCount, e.FeatureCount), e.Targets);
        }
        int f = card.Spec.Inputs;
        if (table.ColumnCount < f) throw new CliException($"'{path}' has {table.ColumnCount} columns; the model needs {f} numeric input columns.");
        var x = new float[table.RowCount * f];
        for (int i = 0; i < table.RowCount; i++)
            for (int j = 0; j < f; j++)
                if (!float.TryParse(table[i, j], NumberStyles.Float, CultureInfo.InvariantCulture, out x[i * f + j]))
                    throw new CliException($"{path}: row {i + 1}, column {j + 1} ({table.ColumnNames[j]}): '{table[i, j]}' is not a number.");
        return new Encoded(Tensor.FromArray(x, table.RowCount, f), null);
    }

    private static string Format(ModelCard card, CsvTable table, Tensor outputs)
    {
        var sb = new StringBuilder();
        var classes = card.ClassNames;
        sb.AppendJoin(',', table.ColumnNames.Select(Quote)).Append(",prediction");
        if (classes is not null) foreach (var c in classes) sb.Append(',').Append(Quote("p_" + c));
        sb.Append('\n');
        float[] o = outputs.ToArray();
        int width = outputs.Size / Math.Max(1, table.RowCount);
        var p = new double[classes?.Count ?? 0];
        for (int i = 0; i < table.RowCount; i++)
        {
            sb.AppendJoin(',', table.Rows[i].Fields.Select(Quote)).Append(',');
            if (classes is null)
            {
                sb.Append(o[i * width].ToString("R", CultureInfo.InvariantCulture)).Append('\n');
                continue;
            }
            Probabilities(o.AsSpan(i * width, width), p);
            int best = 0;
            for (int c = 1; c < p.Length; c++) if (p[c] > p[best]) best = c;
            sb.Append(Quote(classes[best]));
            foreach (double q in p) sb.Append(',').Append(q.ToString("0.######", CultureInfo.InvariantCulture));
            sb.Append('\n');
        }
        return sb.ToString();
    }

    /// <summary>Class probabilities from logits: sigmoid of one binary logit (p_1 = s, p_0 = 1 - s), else softmax.</summary>
    private static void Probabilities(ReadOnlySpan<float> logits, double[] p)
    {
        if (logits.Length == 1)
        {
            double s = 1 / (1 + Math.Exp(-logits[0]));
            (p[0], p[1]) = (1 - s, s);
            return;
        }
        // Softmax with the maximum subtracted so exp never overflows.
        double max = double.NegativeInfinity, sum = 0;
        foreach (float z in logits) max = Math.Max(max, z);
        for (int c = 0; c < logits.Length; c++) sum += p[c] = Math.Exp(logits[c] - max);
        for (int c = 0; c < logits.Length; c++) p[c] /= sum;
    }

    private static string Quote(string s) =>
        s.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + s.Replace("\"", "\"\"") + "\"" : s;
}
