using System.Globalization;
using Nabla.Cli.Options;
using Nabla.Cli.Parsing;
using Nabla.NN.Data;
using Nabla.NN.Text;
using Nabla.Whiteboard.Descent;

namespace Nabla.Cli.Execution;

/// <summary>Runs <c>nabla descend</c>: reads the table, traces gradient descent with the whiteboard, prints it and writes the plot.</summary>
public static class DescendRunner
{
    /// <summary>Traces descent and writes it to standard output (and the SVG plot with --plot); returns the exit code.</summary>
    public static int Run(DescendOptions o, CliContext context)
    {
        var model = o.Model == "mlp" ? DescentModel.Mlp : DescentModel.Linear;
        var spec = o.Data is null ? DescentSpec.Lecture() : FromCsv(o.Data, o.Target!);
        // The lecture's raw units suit its linear start; an MLP's tanh needs standardised inputs and the usual rate.
        if (o.Data is null && model == DescentModel.Mlp) spec = spec with { Standardize = true, LearningRate = DescendOptions.DefaultLr };
        spec = spec with
        {
            Model = model,
            Mode = o.Mode switch
            {
                "sgd" => GradientDescentMode.Stochastic,
                "minibatch" => GradientDescentMode.MiniBatch(o.BatchSize),
                _ => GradientDescentMode.Batch,
            },
            LearningRate = o.Lr is float lr ? FloatDecimal.Shortest(lr) : spec.LearningRate,
            Steps = o.Steps,
            Seed = (ulong)o.Seed,
            Precision = o.Precision,
        };
        var trace = DescentTracer.Trace(spec);
        context.Stdout.Write(o.Format == "html" ? DescentPage.Of(trace) : DescentText.Render(trace));
        if (o.Plot is { } plot)
        {
            File.WriteAllText(plot, DescentText.LossChart(trace) + "\n");
            // The page is the whole of standard output with --format html: the note would land after </html>.
            if (o.Format != "html") context.Stdout.WriteLine($"\nLoss chart written to {plot}");
        }
        return ExitCodes.Success;
    }

    // Every column except the target is a feature; every cell must be a number.
    static DescentSpec FromCsv(string path, string target)
    {
        var table = CsvTable.Load(path);
        int t = table.ColumnNames.ToList().IndexOf(target);
        if (t < 0) throw new CliException($"{path} has no column '{target}'; its columns are {string.Join(", ", table.ColumnNames)}.");
        var featureColumns = Enumerable.Range(0, table.ColumnCount).Where(c => c != t).ToArray();
        if (featureColumns.Length == 0) throw new CliException($"{path} has only the target column '{target}'; descend needs at least one feature column.");
        if (table.RowCount == 0) throw new CliException($"{path} has no data rows.");
        var features = new float[table.RowCount * featureColumns.Length];
        var targets = new float[table.RowCount];
        for (int r = 0; r < table.RowCount; r++)
        {
            for (int k = 0; k < featureColumns.Length; k++) features[r * featureColumns.Length + k] = Number(table, path, r, featureColumns[k]);
            targets[r] = Number(table, path, r, t);
        }
        return new DescentSpec
        {
            Features = features,
            Targets = targets,
            FeatureNames = featureColumns.Select(c => table.ColumnNames[c]).ToArray(),
            TargetName = target,
            Source = $"{Path.GetFileName(path)} ({table.RowCount} rows)",
        };
    }

    static float Number(CsvTable table, string path, int row, int column)
    {
        string cell = table[row, column];
        if (float.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out float v) && float.IsFinite(v)) return v;
        throw new CliException($"{path}, line {table.Rows[row].Line}, column '{table.ColumnNames[column]}': '{cell}' is not a number (descend needs numeric columns).");
    }
}
