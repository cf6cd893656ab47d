using Google.Protobuf;
using Nabla.NN;
using Nabla.NN.Data;
using Nabla.NN.Training;
using DataType = Onnx.TensorProto.Types.DataType;

namespace Nabla.Onnx;

/// <summary>What to export: a trained network and what it needs around it to take raw rows and give answers.</summary>
/// <param name="Network">The network (a <see cref="Sequential"/> of exportable layers), input <c>[N, F]</c> encoded features.</param>
/// <param name="Task">Regression, binary or multiclass; null exports the raw network output as <c>value</c>.</param>
/// <param name="Preprocessor">The fitted preprocessing of the training data, baked into the graph; null when the
/// network takes its inputs as they are (e.g. image pixels).</param>
/// <param name="ClassNames">Class labels, index = class; null takes the preprocessor's, else "0", "1", ...</param>
public sealed record OnnxExportSource(Module Network, TaskKind? Task, Preprocessor? Preprocessor = null, IReadOnlyList<string>? ClassNames = null);

/// <summary>
/// Writes Nabla models as standard ONNX (opset <see cref="OnnxFormat.Opset"/>) that ONNX Runtime and other ONNX tools
/// run: the network, by default its preprocessing (so the model takes the raw feature columns), and the task's output
/// heads (probabilities, label index and class name, or values). docs/ONNX.md lists the inputs and outputs.
/// </summary>
public static class OnnxExporter
{
    /// <summary>Serialises the ONNX model of <paramref name="source"/>.</summary>
    /// <param name="source">The network, task and preprocessing.</param>
    /// <param name="includePreprocessing">False exports the bare network: input <c>features [N, F]</c> already encoded.</param>
    /// <exception cref="NotSupportedException">A layer has no ONNX form (the message names it).</exception>
    /// <exception cref="ArgumentException">The network's width disagrees with the preprocessing or the class names.</exception>
    public static byte[] ToBytes(OnnxExportSource source, bool includePreprocessing = true)
    {
        ArgumentNullException.ThrowIfNull(source);
        var network = source.Network;
        var (inputs, outputs) = Widths(network);
        var pre = includePreprocessing ? source.Preprocessor : null;
        if (pre is not null && pre.FeatureCount != inputs)
            throw new ArgumentException($"The preprocessing encodes {pre.FeatureCount} features but the network's first layer takes {inputs}.");
        var g = new OnnxGraphBuilder();
        string x = pre is null ? g.Input(OnnxFormat.FeaturesInput, DataType.Float, inputs) : PreprocessingExport.Write(g, pre);
        string y = NetworkExport.Write(g, network, x);
        // A network trained on a standardised regression target: its values go back to the target's units, as
        // Predictor.PredictOutputs does (with or without the preprocessing in front).
        if (source.Preprocessor?.Target?.Scale is { } scale)
            y = g.Node("Add", [g.Node("Mul", [y, g.Constant("target_std", [(float)scale.Std], 1, 1)]), g.Constant("target_mean", [(float)scale.Mean], 1, 1)]);
        int classes = Math.Max(outputs, 2);
        var names = source.ClassNames ?? source.Preprocessor?.ClassNames ?? Enumerable.Range(0, classes).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        OutputHeads.Write(g, y, outputs, network, source.Task, names);
        string doc = $"Exported by Nabla: {source.Task?.ToString() ?? "network"}, {inputs} encoded features -> {outputs} outputs" +
                     (pre is null ? ", no preprocessing." : ", preprocessing included.");
        return g.Build(doc).ToByteArray();
    }

    /// <summary>Writes the ONNX model of <paramref name="source"/> to <paramref name="path"/> (atomically: a failed write leaves no partial file).</summary>
    public static void Export(OnnxExportSource source, string path, bool includePreprocessing = true)
    {
        var bytes = ToBytes(source, includePreprocessing);
        Nabla.NN.Serialization.AtomicFile.WriteAllBytes(path, bytes);
    }

    /// <summary>Input and output widths from the first and last Dense layers.</summary>
    private static (int inputs, int outputs) Widths(Module network)
    {
        var dense = network.NamedModules().Select(m => m.Value).OfType<Dense>().ToList();
        if (dense.Count == 0) throw new ArgumentException("The network has no Dense layer, so its input width is unknown; nothing to export.");
        return (dense[0].InFeatures, dense[^1].OutFeatures);
    }
}
