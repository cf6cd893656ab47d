using System.Globalization;
using System.Text;
using Nabla.NN;
using Nabla.NN.Data;
using Nabla.NN.Training;

namespace Nabla.Onnx.Tests;

/// <summary>Seeded tables and networks for the export tests: the ONNX model must compute the same function, so untrained random weights do.</summary>
internal static class Synthetic
{
    public const int Rows = 1000;
    private static readonly string[] Colors = ["red", "green", "blue"];
    private static readonly string[] Sizes = ["S", "M", "L", "XL"];

    /// <summary>
    /// A table of <see cref="Rows"/> rows: numeric <c>x1</c> (mean 50, std 10), <c>x2</c> in [-1, 1], text <c>color</c>
    /// and <c>size</c> (unless <paramref name="numericOnly"/>), and a <c>target</c> for <paramref name="task"/>.
    /// Every 7th row has a missing value when <paramref name="withMissing"/>.
    /// </summary>
    public static CsvTable Table(TaskKind task, bool numericOnly, bool withMissing = false, int seed = 1)
    {
        var rng = new Rng((ulong)seed);
        var sb = new StringBuilder(numericOnly ? "x1,x2,target\n" : "x1,color,x2,size,target\n");
        for (int i = 0; i < Rows; i++)
        {
            string x1 = withMissing && i % 7 == 3 ? "" : F(50 + 10 * rng.NextGaussian());
            string x2 = F(2 * rng.NextFloat() - 1);
            string target = task switch
            {
                TaskKind.Regression => F(100 * rng.NextGaussian()),
                TaskKind.BinaryClassification => rng.NextInt(2) == 0 ? "no" : "yes",
                _ => ((char)('a' + rng.NextInt(3))).ToString(),
            };
            string color = withMissing && i % 7 == 5 ? "NA" : Colors[rng.NextInt(Colors.Length)];
            sb.Append(numericOnly ? $"{x1},{x2},{target}\n" : $"{x1},{color},{x2},{Sizes[rng.NextInt(Sizes.Length)]},{target}\n");
        }
        return CsvTable.Parse(sb.ToString(), sourceName: "synthetic.csv");
    }

    private static string F(float v) => v.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Features -> 8 -> 6 -> outputs with the given activation after each hidden layer, weights from a seeded generator.</summary>
    public static Sequential Network(int inputs, int outputs, Func<Module> activation, float dropout = 0, int seed = 7)
    {
        var rng = new Rng((ulong)seed);
        var net = new Sequential(new Dense(inputs, 8, rng: rng), activation());
        if (dropout > 0) net.Add(new Dropout(dropout, rng));
        net.Add(new Dense(8, 6, rng: rng)).Add(activation()).Add(new Dense(6, outputs, rng: rng));
        net.Eval();
        return net;
    }

    /// <summary>Outputs of the network for the task: 1 for regression and binary, 3 for the multiclass tables.</summary>
    public static int Outputs(TaskKind task) => task == TaskKind.MulticlassClassification ? 3 : 1;

    /// <summary>The ONNX inputs for <paramref name="rows"/> of <paramref name="table"/>: raw columns as the exported preprocessing takes them.</summary>
    public static Dictionary<string, (Array, int)> RawInputs(Preprocessor pre, CsvTable table, int from, int count)
    {
        var features = pre.Features;
        float Number(string v) => v.Trim().Length == 0 || pre.MissingMarkers.Contains(v.Trim())
            ? float.NaN : float.Parse(v, NumberStyles.Float, CultureInfo.InvariantCulture);
        if (features.All(f => f.Kind == ColumnKind.Numeric))
        {
            var x = new float[count * features.Count];
            for (int i = 0; i < count; i++)
                for (int j = 0; j < features.Count; j++)
                    x[i * features.Count + j] = Number(table[from + i, features[j].SourceIndex]);
            return new() { [OnnxFormat.FeaturesInput] = (x, features.Count) };
        }
        var inputs = new Dictionary<string, (Array, int)>();
        foreach (var f in features)
        {
            var column = Enumerable.Range(from, count).Select(i => table[i, f.SourceIndex]).ToArray();
            inputs[f.Name] = f.Kind == ColumnKind.Numeric ? (column.Select(Number).ToArray(), 1) : (column.Select(v => v.Trim()).ToArray(), 1);
        }
        return inputs;
    }
}
