using Nabla.NN;
using Nabla.NN.Data;
using Nabla.NN.Training;

namespace Nabla.Onnx.Tests;

/// <summary>
/// Every exported model runs in ONNX Runtime 1.31.1 and gives Nabla's numbers on 1,000 rows, for each activation and
/// task, with and without the baked-in preprocessing, in one batch of 1,000 and in batches of 1:
/// max |onnx - nabla| &lt;= 1e-5 relative to the largest magnitude (at least 1).
/// </summary>
public class ExportMatchesRuntimeTests
{
    private const int SingleRows = 20;

    public static readonly Dictionary<string, Func<Module>> Activations = new()
    {
        ["relu"] = () => new ReLU(),
        ["leaky-relu"] = () => new LeakyReLU(0.1f),
        ["sigmoid"] = () => new Sigmoid(),
        ["tanh"] = () => new Tanh(),
        ["step"] = () => new Step(),
        ["linear"] = () => new Identity(),
        ["elu"] = () => new ELU(0.7f),
        ["gelu"] = () => new GELU(),
        ["silu"] = () => new SiLU(),
        ["softplus"] = () => new Softplus(),
    };

    public static TheoryData<string, TaskKind> ActivationsAndTasks()
    {
        var data = new TheoryData<string, TaskKind>();
        foreach (var a in Activations.Keys)
            foreach (var t in Enum.GetValues<TaskKind>())
                data.Add(a, t);
        return data;
    }

    [Theory]
    [MemberData(nameof(ActivationsAndTasks))]
    public void Export_EachActivationAndTask_OnnxRuntimeMatchesNabla(string activation, TaskKind task)
    {
        // Text columns (one input per column) for half the activations, all-numeric (one features input) for the others.
        bool numericOnly = activation is "sigmoid" or "step" or "gelu" or "softplus" or "linear";
        var table = Synthetic.Table(task, numericOnly);
        var pre = Preprocessor.Fit(table, new PreprocessorOptions { Target = "target" });
        var net = Synthetic.Network(pre.FeatureCount, Synthetic.Outputs(task), Activations[activation], dropout: 0.3f);
        var source = new OnnxExportSource(net, task, pre);
        CheckBothWays(source, table, pre);
    }

    [Theory]
    [InlineData(TaskKind.Regression)]
    [InlineData(TaskKind.BinaryClassification)]
    [InlineData(TaskKind.MulticlassClassification)]
    public void Export_MissingValuesImputed_OnnxRuntimeMatchesNabla(TaskKind task)
    {
        foreach (bool numericOnly in new[] { true, false })
        {
            var table = Synthetic.Table(task, numericOnly, withMissing: true);
            var pre = Preprocessor.Fit(table, new PreprocessorOptions { Target = "target", MissingValues = MissingValuePolicy.ImputeMean });
            var net = Synthetic.Network(pre.FeatureCount, Synthetic.Outputs(task), () => new Tanh());
            CheckBothWays(new OnnxExportSource(net, task, pre), table, pre);
        }
    }

    [Theory]
    [InlineData("softmax")]
    [InlineData("log-softmax")]
    [InlineData("sigmoid")]
    public void Export_NetworkEndingInProbabilities_NotSquashedTwice(string head)
    {
        var task = head == "sigmoid" ? TaskKind.BinaryClassification : TaskKind.MulticlassClassification;
        var table = Synthetic.Table(task, numericOnly: false);
        var pre = Preprocessor.Fit(table, new PreprocessorOptions { Target = "target" });
        var net = Synthetic.Network(pre.FeatureCount, Synthetic.Outputs(task), () => new ReLU());
        net.Add(head switch { "softmax" => new Softmax(), "log-softmax" => new LogSoftmax(), _ => new Sigmoid() });
        CheckBothWays(new OnnxExportSource(net, task, pre), table, pre);
    }

    /// <summary>With and without preprocessing, batch 1,000 then batches of 1.</summary>
    private static void CheckBothWays(OnnxExportSource source, CsvTable table, Preprocessor pre)
    {
        var encoded = pre.Transform(table);
        var net = (Sequential)source.Network;
        var task = source.Task!.Value;
        var expected = NablaReference.Outputs(net, encoded.Features, encoded.RowCount, task, pre.Target?.Scale);
        int width = expected.Length / encoded.RowCount;

        using (var withPre = new OnnxRuntimeRunner(OnnxExporter.ToBytes(source)))
        {
            Compare(withPre.Run(Synthetic.RawInputs(pre, table, 0, Synthetic.Rows)), expected, width, task, pre, 0);
            for (int i = 0; i < SingleRows; i++)
                Compare(withPre.Run(Synthetic.RawInputs(pre, table, i, 1)), expected.AsSpan(i * width, width).ToArray(), width, task, pre, i);
        }
        using var bare = new OnnxRuntimeRunner(OnnxExporter.ToBytes(source, includePreprocessing: false));
        Assert.Equal([OnnxFormat.FeaturesInput], bare.InputNames);
        int f = encoded.FeatureCount;
        Compare(bare.Run(new Dictionary<string, (Array, int)> { [OnnxFormat.FeaturesInput] = (encoded.Features, f) }), expected, width, task, pre, 0);
        for (int i = 0; i < SingleRows; i++)
            Compare(bare.Run(new Dictionary<string, (Array, int)> { [OnnxFormat.FeaturesInput] = (encoded.Features.AsSpan(i * f, f).ToArray(), f) }),
                expected.AsSpan(i * width, width).ToArray(), width, task, pre, i);
    }

    private static void Compare(Dictionary<string, Array> outputs, float[] expected, int width, TaskKind task, Preprocessor pre, int firstRow)
    {
        if (task == TaskKind.Regression)
        {
            Assert.Equal([OnnxFormat.ValueOutput], outputs.Keys);
            AssertClose(expected, (float[])outputs[OnnxFormat.ValueOutput], firstRow);
            return;
        }
        var p = (float[])outputs[OnnxFormat.ProbabilitiesOutput];
        AssertClose(expected, p, firstRow);
        var labels = (long[])outputs[OnnxFormat.LabelOutput];
        var classes = (string[])outputs[OnnxFormat.ClassOutput];
        var want = NablaReference.ArgMax(expected, width);
        for (int i = 0; i < labels.Length; i++)
        {
            // A near-tie may break either way within float rounding; elsewhere the label must agree.
            var row = expected.AsSpan(i * width, width).ToArray();
            Array.Sort(row);
            if (row[^1] - row[^2] > 1e-5f) Assert.Equal(want[i], labels[i]);
            Assert.Equal(pre.ClassNames![(int)labels[i]], classes[i]);
        }
    }

    internal static void AssertClose(float[] expected, float[] actual, int firstRow = 0)
    {
        Assert.Equal(expected.Length, actual.Length);
        float scale = Math.Max(1f, expected.Max(MathF.Abs));
        float worst = 0;
        int at = 0;
        for (int i = 0; i < expected.Length; i++)
        {
            float d = MathF.Abs(expected[i] - actual[i]);
            if (!(d <= worst)) { worst = d; at = i; }
        }
        Assert.True(worst <= 1e-5f * scale, $"max |onnx - nabla| = {worst} at element {at} (row offset {firstRow}): nabla {expected[at]}, onnx {actual[at]}; allowed {1e-5f * scale}");
    }
}
