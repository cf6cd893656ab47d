using System.Text.Json;
using Google.Protobuf;
using DataType = Onnx.TensorProto.Types.DataType;
using Nabla.NN;
using Nabla.NN.Data;
using Nabla.NN.Training;

namespace Nabla.Onnx.Tests;

/// <summary>PyTorch MLPs exported by torch.onnx.export import into Nabla and predict the numbers PyTorch wrote.</summary>
public class ImportTests
{
    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "onnx", name);

    [Theory]
    [InlineData("relu_regression", "Dense(4 -> 8), ReLU, Dense(8 -> 1)")]
    [InlineData("tanh_sigmoid_binary", "Dense(3 -> 6), Tanh, Dense(6 -> 5), Sigmoid, Dense(5 -> 1)")]
    [InlineData("leaky_elu_softplus", "Dense(5 -> 7), LeakyReLU, Dense(7 -> 6), ELU, Dense(6 -> 4), Softplus, Dense(4 -> 2)")]
    [InlineData("silu_gelu_softmax", "Dense(4 -> 6), SiLU, Dense(6 -> 6), GELU, Dense(6 -> 3), Softmax")]
    [InlineData("no_bias_identity", "Dense(3 -> 4), Dense(4 -> 2)")]
    public void Import_TorchExportedMlp_PredictsWhatPyTorchWrote(string name, string layers)
    {
        var net = OnnxImporter.Import(Fixture(name + ".onnx"));
        Assert.Equal(layers, Describe(net));
        using var json = JsonDocument.Parse(File.ReadAllText(Fixture(name + ".json")));
        var (x, rows, f) = Matrix(json.RootElement.GetProperty("input"));
        var (want, _, _) = Matrix(json.RootElement.GetProperty("output"));
        Tensor y;
        using (GradMode.NoGrad()) y = net.Forward(Tensor.FromArray(x, rows, f));
        ExportMatchesRuntimeTests.AssertClose(want, y.ToArray());
    }

    [Fact]
    public void Import_UnsupportedOperator_NamesTheNodeAndOpType()
    {
        var e = Assert.Throws<DataFormatException>(() => OnnxImporter.Import(Fixture("unsupported_abs.onnx")));
        Assert.Contains("node '/1/Abs' (op type Abs) is not supported", e.Message);
        Assert.Contains("unsupported_abs.onnx", e.Message);
    }

    [Fact]
    public void Import_NotOnnx_SaysSo()
    {
        var e = Assert.Throws<DataFormatException>(() => OnnxImporter.FromBytes("hello, world"u8.ToArray(), "notes.txt"));
        Assert.StartsWith("notes.txt: not an ONNX model", e.Message);
    }

    [Fact]
    public void ExportThenImport_BareNetwork_SameWeights()
    {
        var net = Synthetic.Network(5, 3, () => new LeakyReLU(0.2f));
        var back = OnnxImporter.FromBytes(OnnxExporter.ToBytes(new OnnxExportSource(net, Task: null), includePreprocessing: false));
        Assert.Equal(Describe(net.Where(m => m is not Dropout)), Describe(back));
        var a = net.StateDict().Values.Select(t => t.ToArray()).ToList();
        var b = back.StateDict().Values.Select(t => t.ToArray()).ToList();
        Assert.Equal(a, b);
    }

    [Fact]
    public void ExportThenImport_RegressionOnStandardisedTarget_FoldsTheOutputScaling()
    {
        // The bare export ends in Mul(target_std) and Add(target_mean): they fold into the last layer, so the imported
        // network answers in the target's units, as the exported model and Nabla's Predictor do.
        var table = Synthetic.Table(TaskKind.Regression, numericOnly: true);
        var pre = Preprocessor.Fit(table, new PreprocessorOptions { Target = "target" });
        Assert.NotNull(pre.Target?.Scale);
        var net = Synthetic.Network(pre.FeatureCount, 1, () => new Tanh());
        var encoded = pre.Transform(table);
        var expected = NablaReference.Outputs(net, encoded.Features, encoded.RowCount, TaskKind.Regression, pre.Target!.Scale);

        var back = OnnxImporter.FromBytes(OnnxExporter.ToBytes(new OnnxExportSource(net, TaskKind.Regression, pre), includePreprocessing: false));

        Assert.Equal(Describe(net), Describe(back));
        Tensor y;
        using (GradMode.NoGrad()) y = back.Forward(Tensor.FromArray(encoded.Features, encoded.RowCount, encoded.FeatureCount));
        ExportMatchesRuntimeTests.AssertClose(expected, y.ToArray());
    }

    [Fact]
    public void Import_ConstantMulAfterAnActivation_IsRefusedWithTheReason()
    {
        var g = new OnnxGraphBuilder();
        string x = g.Input(OnnxFormat.FeaturesInput, DataType.Float, 2);
        string y = g.Node("Mul", [g.Node("Relu", [x]), g.Constant("two", [2f], 1, 1)], g.Reserve("y"));
        g.Output(y, DataType.Float, "N", 2);

        var e = Assert.Throws<DataFormatException>(() => OnnxImporter.FromBytes(g.Build("test").ToByteArray(), "scaled.onnx"));

        Assert.Contains("(op type Mul) is not supported: a Mul or Add of a constant is imported only right after a Gemm or MatMul layer", e.Message);
    }

    private static string Describe(IEnumerable<Module> net) => string.Join(", ", net.Select(m => m is Dense d ? $"Dense({d.InFeatures} -> {d.OutFeatures})" : m.GetType().Name));

    private static (float[] Data, int Rows, int Cols) Matrix(JsonElement rows)
    {
        var r = rows.EnumerateArray().Select(row => row.EnumerateArray().Select(v => v.GetSingle()).ToArray()).ToArray();
        return (r.SelectMany(v => v).ToArray(), r.Length, r[0].Length);
    }
}
