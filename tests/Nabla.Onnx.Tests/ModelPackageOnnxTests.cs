using System.Text.Json;
using Nabla.NN;
using Nabla.NN.Data;
using Nabla.NN.Models;
using Nabla.NN.Training;

namespace Nabla.Onnx.Tests;

/// <summary><c>package.ExportOnnx</c> gives what the Predictor gives; <c>ModelPackage.ImportOnnx</c> serves a PyTorch MLP.</summary>
public sealed class ModelPackageOnnxTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("nabla-onnx-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData(TaskKind.BinaryClassification)]
    [InlineData(TaskKind.MulticlassClassification)]
    [InlineData(TaskKind.Regression)]
    public void ExportOnnx_Package_OnnxRuntimeMatchesPredictor(TaskKind task)
    {
        var table = Synthetic.Table(task, numericOnly: false);
        var pre = Preprocessor.Fit(table, new PreprocessorOptions { Target = "target" });
        var spec = new ModelSpec(pre.FeatureCount, [8], Synthetic.Outputs(task), "tanh", 0, "default");
        var card = new ModelCard
        {
            Spec = spec, Task = task, ClassNames = pre.ClassNames, Loss = task == TaskKind.Regression ? "mse" : task == TaskKind.BinaryClassification ? "bce" : "cross-entropy",
            Data = "synthetic.csv", DataSha256 = "0", Preprocessor = pre, FeatureNames = pre.FeatureNames,
        };
        var package = new ModelPackage(card, spec.Build(new Rng(4)));
        string path = Path.Combine(_dir, "model.onnx");
        package.ExportOnnx(path);
        using var runner = new OnnxRuntimeRunner(File.ReadAllBytes(path));
        var outputs = runner.Run(Synthetic.RawInputs(pre, table, 0, Synthetic.Rows));
        var predictions = new Predictor(package).Predict(table);
        if (task == TaskKind.Regression)
        {
            ExportMatchesRuntimeTests.AssertClose(predictions.Select(p => p.Value).ToArray(), (float[])outputs[OnnxFormat.ValueOutput]);
            return;
        }
        ExportMatchesRuntimeTests.AssertClose(predictions.SelectMany(p => p.Probabilities.Select(v => (float)v)).ToArray(), (float[])outputs[OnnxFormat.ProbabilitiesOutput]);
        Assert.Equal(predictions.Select(p => p.Label!), (string[])outputs[OnnxFormat.ClassOutput]);
    }

    [Fact]
    public void ImportOnnx_TorchMlpWithSoftmaxHead_ServedWithPyTorchsProbabilitiesAfterSaveAndLoad()
    {
        string fixture = Path.Combine(AppContext.BaseDirectory, "onnx", "tanh_softmax_multiclass");
        var package = ModelPackage.ImportOnnx(fixture + ".onnx", new OnnxImportOptions(TaskKind.MulticlassClassification, ["a", "b", "c"]));
        Assert.Equal("4-6-5-3", package.Card.Spec.Shape);
        Assert.Equal("tanh", package.Card.Spec.Activation);
        var saved = package.Save(Path.Combine(_dir, "imported"));
        var predictor = Predictor.Load(saved.Folder!);
        using var json = JsonDocument.Parse(File.ReadAllText(fixture + ".json"));
        var x = json.RootElement.GetProperty("input").EnumerateArray().SelectMany(r => r.EnumerateArray().Select(v => v.GetSingle())).ToArray();
        var want = json.RootElement.GetProperty("output").EnumerateArray().SelectMany(r => r.EnumerateArray().Select(v => v.GetSingle())).ToArray();
        int rows = x.Length / 4;
        var p = new double[rows * 3];
        var classes = new int[rows];
        predictor.PredictClasses(x, rows, p, classes);
        ExportMatchesRuntimeTests.AssertClose(want, p.Select(v => (float)v).ToArray());
    }

    [Fact]
    public void ImportOnnx_MixedActivations_SaysAPackageHasOne()
    {
        string fixture = Path.Combine(AppContext.BaseDirectory, "onnx", "tanh_sigmoid_binary.onnx");
        var e = Assert.Throws<DataFormatException>(() => ModelPackage.ImportOnnx(fixture, new OnnxImportOptions(TaskKind.BinaryClassification)));
        Assert.Contains("one hidden activation but this network mixes tanh, sigmoid", e.Message);
        Assert.Contains("OnnxImporter.Import", e.Message);
    }

    [Fact]
    public void ImportOnnx_ActivationWithoutRegistryRow_NamesIt()
    {
        string fixture = Path.Combine(AppContext.BaseDirectory, "onnx", "leaky_elu_softplus.onnx");
        var e = Assert.Throws<DataFormatException>(() => ModelPackage.ImportOnnx(fixture, new OnnxImportOptions(TaskKind.Regression)));
        Assert.Contains("LeakyReLU(slope 0.2) has no row in Nabla's activation registry", e.Message);
    }
}
