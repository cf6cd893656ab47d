using Nabla.NN;
using Nabla.NN.Training;
using static Nabla.Onnx.OnnxGraphBuilder;
using DataType = Onnx.TensorProto.Types.DataType;

namespace Nabla.Onnx;

/// <summary>
/// Turns the network's output into the model's outputs. Classifiers: logits become <c>probabilities [N, C]</c>
/// (sigmoid of one binary logit as <c>[1 - s, s]</c>, else softmax; a network that already ends in Softmax, Sigmoid or
/// LogSoftmax is not squashed twice), <c>label [N]</c> (ArgMax, first on ties) and <c>class [N]</c> (the label's name).
/// Regression and raw networks: <c>value [N, T]</c>.
/// </summary>
internal static class OutputHeads
{
    public static void Write(OnnxGraphBuilder g, string output, int width, Module network, TaskKind? task, IReadOnlyList<string> classNames)
    {
        if (task is null or TaskKind.Regression)
        {
            g.Node("Identity", [output], g.Reserve(OnnxFormat.ValueOutput));
            g.Output(OnnxFormat.ValueOutput, DataType.Float, "N", width);
            return;
        }
        var last = LastLayer(network);
        string p;
        if (width == 1)
        {
            string s = last is Sigmoid ? output : g.Node("Sigmoid", [output]);
            p = g.Node("Concat", [g.Node("Sub", [NetworkExport.Scalar(g, 1f), s]), s], g.Reserve(OnnxFormat.ProbabilitiesOutput), Attr("axis", 1L));
        }
        else
        {
            string[] input = [output];
            p = last switch
            {
                Softmax => g.Node("Identity", input, g.Reserve(OnnxFormat.ProbabilitiesOutput)),
                LogSoftmax => g.Node("Exp", input, g.Reserve(OnnxFormat.ProbabilitiesOutput)),
                _ => g.Node("Softmax", input, g.Reserve(OnnxFormat.ProbabilitiesOutput), Attr("axis", 1L)),
            };
        }
        int classes = Math.Max(width, 2);
        if (classNames.Count != classes)
            throw new ArgumentException($"The network has {classes} class outputs but {classNames.Count} class names were given.");
        string label = g.Node("ArgMax", [p], g.Reserve(OnnxFormat.LabelOutput), Attr("axis", 1L), Attr("keepdims", 0L));
        g.Node("Gather", [g.StringConstant("class_names", classNames), label], g.Reserve(OnnxFormat.ClassOutput), Attr("axis", 0L));
        g.Output(OnnxFormat.ProbabilitiesOutput, DataType.Float, "N", classes);
        g.Output(OnnxFormat.LabelOutput, DataType.Int64, "N");
        g.Output(OnnxFormat.ClassOutput, DataType.String, "N");
    }

    /// <summary>The last layer that changes values (dropout and identity skipped), looking inside nested Sequentials.</summary>
    public static Module? LastLayer(Module network)
    {
        if (network is not Sequential seq) return network;
        for (int i = seq.Count - 1; i >= 0; i--)
            if (seq[i] is not (Dropout or Identity)) return LastLayer(seq[i]);
        return null;
    }
}
