using Microsoft.ML.OnnxRuntime;
using Nabla.NN;
using Nabla.NN.Data;
using Nabla.NN.Training;

namespace Nabla.Onnx.Tests;

/// <summary>The documented opset, names and shapes of exported models, and the policies and errors at the edges.</summary>
public class ExportContractTests
{
    [Fact]
    public void Export_TextColumns_OneInputPerColumnAndDocumentedOutputs()
    {
        var table = Synthetic.Table(TaskKind.MulticlassClassification, numericOnly: false);
        var pre = Preprocessor.Fit(table, new PreprocessorOptions { Target = "target" });
        var net = Synthetic.Network(pre.FeatureCount, 3, () => new ReLU());
        var bytes = OnnxExporter.ToBytes(new OnnxExportSource(net, TaskKind.MulticlassClassification, pre));
        var model = global::Onnx.ModelProto.Parser.ParseFrom(bytes);
        Assert.Contains(model.OpsetImport, o => o.Domain == "" && o.Version == OnnxFormat.Opset);
        using var session = new InferenceSession(bytes);
        Assert.Equal(["x1", "color", "x2", "size"], session.InputMetadata.Keys);
        Assert.Equal([-1, 1], session.InputMetadata["x1"].Dimensions);
        Assert.Equal(typeof(string), session.InputMetadata["color"].ElementType);
        Assert.Equal([OnnxFormat.ProbabilitiesOutput, OnnxFormat.LabelOutput, OnnxFormat.ClassOutput], session.OutputMetadata.Keys);
        Assert.Equal([-1, 3], session.OutputMetadata[OnnxFormat.ProbabilitiesOutput].Dimensions);
        Assert.Equal(typeof(long), session.OutputMetadata[OnnxFormat.LabelOutput].ElementType);
    }

    [Fact]
    public void Export_NumericColumns_OneFeaturesInputInCardOrder()
    {
        var table = Synthetic.Table(TaskKind.Regression, numericOnly: true);
        var pre = Preprocessor.Fit(table, new PreprocessorOptions { Target = "target", Features = ["x2", "x1"] });
        var net = Synthetic.Network(2, 1, () => new ReLU());
        using var session = new InferenceSession(OnnxExporter.ToBytes(new OnnxExportSource(net, TaskKind.Regression, pre)));
        Assert.Equal([OnnxFormat.FeaturesInput], session.InputMetadata.Keys);
        Assert.Equal([-1, 2], session.InputMetadata[OnnxFormat.FeaturesInput].Dimensions);
        Assert.Equal([OnnxFormat.ValueOutput], session.OutputMetadata.Keys);
        // Column order is the preprocessor's (x2, then x1): swapping the two columns must change the answer.
        using var runner = new OnnxRuntimeRunner(OnnxExporter.ToBytes(new OnnxExportSource(net, TaskKind.Regression, pre)));
        var encoded = pre.Transform(table);
        var expected = NablaReference.Outputs(net, encoded.Features, encoded.RowCount, TaskKind.Regression, pre.Target?.Scale);
        ExportMatchesRuntimeTests.AssertClose(expected, (float[])runner.Run(Synthetic.RawInputs(pre, table, 0, Synthetic.Rows))[OnnxFormat.ValueOutput]);
    }

    [Theory]
    [InlineData(UnknownCategoryPolicy.Ignore)]
    [InlineData(UnknownCategoryPolicy.Error)]
    public void Export_UnknownCategory_FollowsThePolicy(UnknownCategoryPolicy policy)
    {
        var table = Synthetic.Table(TaskKind.BinaryClassification, numericOnly: false);
        var pre = Preprocessor.Fit(table, new PreprocessorOptions { Target = "target", UnknownCategories = policy });
        var net = Synthetic.Network(pre.FeatureCount, 1, () => new ReLU());
        using var runner = new OnnxRuntimeRunner(OnnxExporter.ToBytes(new OnnxExportSource(net, TaskKind.BinaryClassification, pre)));
        var inputs = Synthetic.RawInputs(pre, table, 0, 1);
        inputs["color"] = (new[] { "purple" }, 1);
        if (policy == UnknownCategoryPolicy.Error)
        {
            Assert.Throws<OnnxRuntimeException>(() => runner.Run(inputs));
            return;
        }
        // Ignore: the color block is all zeros, exactly as Preprocessor.Transform encodes it.
        var row = CsvTable.Parse("x1,color,x2,size\n" + string.Join(',', table.Rows[0].Fields.Take(4).Select((v, j) => j == 1 ? "purple" : v)) + "\n");
        var encoded = pre.Transform(row);
        var expected = NablaReference.Outputs(net, encoded.Features, 1, TaskKind.BinaryClassification);
        ExportMatchesRuntimeTests.AssertClose(expected, (float[])runner.Run(inputs)[OnnxFormat.ProbabilitiesOutput]);
    }

    [Fact]
    public void Export_UnsupportedLayer_NamesItsPositionAndType()
    {
        var net = new Sequential(new Dense(2, 3), new Unsupported(), new Dense(3, 1));
        var e = Assert.Throws<NotSupportedException>(() => OnnxExporter.ToBytes(new OnnxExportSource(net, TaskKind.Regression)));
        Assert.Contains("Layer 1 (Unsupported)", e.Message);
    }

    [Fact]
    public void Export_PreprocessingWidthDiffersFromNetwork_SaysBoth()
    {
        var table = Synthetic.Table(TaskKind.Regression, numericOnly: true);
        var pre = Preprocessor.Fit(table, new PreprocessorOptions { Target = "target" });
        var e = Assert.Throws<ArgumentException>(() => OnnxExporter.ToBytes(new OnnxExportSource(new Sequential(new Dense(5, 1)), TaskKind.Regression, pre)));
        Assert.Contains("encodes 2 features but the network's first layer takes 5", e.Message);
    }

    private sealed class Unsupported : Module
    {
        public override Tensor Forward(Tensor input) => input;
    }
}
