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

    /// <summary>Rows read, encoded and predicted at a time: memory stays bounded by one batch whatever the file's length.</summary>
    public const int BatchRows = 4096;

    /// <summary>Predicts and writes the CSV to <c>--out</c> (atomically) or stdout; returns the exit code.</summary>
    public static int Run(PredictOptions o, CliContext context)
    {
        var folder = ModelFolder.Open(o.Model);
        if (!DataPath.Exists(o.Data)) throw new CliException($"Data file '{o.Data}' does not exist.");
        var source = CsvSource.FromFile(o.Data);
        if (o.Out is null or DataPath.StandardStream)
        {
            Predict(folder, source, o.Data, context.Stdout);
            return ExitCodes.Success;
        }
        long rows = 0;
        Nabla.NN.Serialization.AtomicFile.Write(o.Out, stream =>
        {
            using var w = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true);
            rows = Predict(folder, source, o.Data, w);
        });
        context.Stderr.WriteLine($"Wrote {rows} predictions to {o.Out}.");
        return ExitCodes.Success;
    }

    /// <summary>
    /// Streams <paramref name="rows"/> through the model in batches of <see cref="BatchRows"/> and writes the output CSV
    /// (input columns, prediction, class probabilities) as it goes; returns the number of rows. Memory is bounded by one
    /// batch, so a file of ten million rows needs no more than a file of ten thousand (#8).
    /// </summary>
    public static long Predict(ModelFolder folder, ICsvRows rows, string path, TextWriter output)
    {
        WriteHeader(folder.Card, rows.ColumnNames, output);
        var batch = new List<CsvRow>(BatchRows);
        long count = 0;
        void Flush()
        {
            if (batch.Count == 0) return;
            var encoded = Encode(folder.Card, new RowBatch(rows, batch), path);
            Tensor outputs;
            using (GradMode.NoGrad()) outputs = folder.Model.Forward(encoded.Features);
            WriteRows(folder.Card, batch, outputs, output);
            count += batch.Count;
            batch.Clear();
        }
        foreach (var row in rows.EnumerateRows())
        {
            batch.Add(row);
            if (batch.Count == BatchRows) Flush();
        }
        Flush();
        // A file with a header and no rows still gets its columns checked against the model's.
        if (count == 0) Encode(folder.Card, new RowBatch(rows, batch), path);
        output.Flush();
        return count;
    }

    /// <summary>A batch of rows of a larger source, seen as a source of its own (same columns, same file name).</summary>
    private sealed class RowBatch(ICsvRows of, List<CsvRow> rows) : ICsvRows
    {
        public string? SourceName => of.SourceName;
        public IReadOnlyList<string> ColumnNames => of.ColumnNames;
        public bool HasHeader => of.HasHeader;
        public IEnumerable<CsvRow> EnumerateRows() => rows;
    }

    /// <summary>Encodes <paramref name="table"/> with the model's saved preprocessing (image models take the pixel columns as they are).</summary>
    public static Encoded Encode(ModelCard card, ICsvRows table, string path)
    {
        if (card.Preprocessor is { } pre)
        {
            var e = pre.Transform(table);
            return new Encoded(Tensor.FromArray(e.Features, e.RowCount, e.FeatureCount), e.Targets);
        }
        int f = card.Spec.Inputs;
        if (table.ColumnNames.Count < f) throw new CliException($"'{path}' has {table.ColumnNames.Count} columns; the model needs {f} numeric input columns.");
        var rows = table.EnumerateRows().ToList();
        var x = new float[rows.Count * f];
        for (int i = 0; i < rows.Count; i++)
            for (int j = 0; j < f; j++)
                if (!float.TryParse(rows[i].Fields[j], NumberStyles.Float, CultureInfo.InvariantCulture, out x[i * f + j]))
                    throw new CliException($"{path}: line {rows[i].Line}, column {j + 1} ({table.ColumnNames[j]}): '{rows[i].Fields[j]}' is not a number.");
        return new Encoded(Tensor.FromArray(x, rows.Count, f), null);
    }

    private static void WriteHeader(ModelCard card, IReadOnlyList<string> columns, TextWriter w)
    {
        w.Write(string.Join(',', columns.Select(Quote)));
        w.Write(",prediction");
        if (card.ClassNames is { } classes) foreach (var c in classes) w.Write("," + Quote("p_" + c));
        w.Write('\n');
    }

    private static void WriteRows(ModelCard card, List<CsvRow> rows, Tensor outputs, TextWriter w)
    {
        var classes = card.ClassNames;
        var o = outputs.AsSpan();
        int width = outputs.Size / Math.Max(1, rows.Count);
        var p = new double[classes?.Count ?? 0];
        var sb = new StringBuilder();
        for (int i = 0; i < rows.Count; i++)
        {
            sb.Clear();
            sb.AppendJoin(',', rows[i].Fields.Select(Quote)).Append(',');
            if (classes is null)
                sb.Append(o[i * width].ToString("R", CultureInfo.InvariantCulture)).Append('\n');
            else
            {
                Probabilities(o.Slice(i * width, width), p);
                int best = 0;
                for (int c = 1; c < p.Length; c++) if (p[c] > p[best]) best = c;
                sb.Append(Quote(classes[best]));
                foreach (double q in p) sb.Append(',').Append(q.ToString("0.######", CultureInfo.InvariantCulture));
                sb.Append('\n');
            }
            w.Write(sb);
        }
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
