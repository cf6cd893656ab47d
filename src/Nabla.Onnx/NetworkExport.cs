using Nabla.NN;
using Nabla.NN.Registries;
using static Nabla.Onnx.OnnxGraphBuilder;

namespace Nabla.Onnx;

/// <summary>
/// Writes the layers of a network as ONNX nodes: <c>Dense</c> is <c>Gemm(x, W, b, transB = 1)</c> (the weight stays
/// <c>[out, in]</c>, as in PyTorch), activations map to their ONNX operator, and those opset 13 lacks are composed
/// from exact primitives (<c>Step</c> = <c>Cast(Greater(x, 0))</c>, <c>GELU</c> = <c>x/2 (1 + Erf(x / sqrt 2))</c>,
/// <c>SiLU</c> = <c>x Sigmoid(x)</c>). Dropout is the identity at inference and writes nothing.
/// </summary>
internal static class NetworkExport
{
    private static readonly string RegistryModules = string.Join(", ", ActivationRegistry.All.Rows.Select(r => r.ModuleType.Name));

    /// <summary>Appends the nodes of <paramref name="network"/> applied to <paramref name="input"/> and returns the output value name.</summary>
    /// <exception cref="NotSupportedException">A layer has no ONNX equivalent; the message names it and its position.</exception>
    public static string Write(OnnxGraphBuilder g, Module network, string input) => Write(g, network, input, "");

    private static string Write(OnnxGraphBuilder g, Module module, string x, string path)
    {
        if (ActivationRegistry.ForModule(module) is { OnnxOp: { } op } row)
            return row.OnnxAttribute is { } attribute ? g.Node(op, [x], null, Attr(attribute, row.ParameterOf!(module))) : g.Node(op, [x]);
        switch (module)
        {
            case Sequential seq:
                for (int i = 0; i < seq.Count; i++) x = Write(g, seq[i], x, path.Length == 0 ? $"{i}" : $"{path}.{i}");
                return x;
            case Dense d:
            {
                string w = g.Constant($"{path}.weight", d.Weight.Value.AsSpan(), d.OutFeatures, d.InFeatures);
                string[] inputs = d.Bias is { } b ? [x, w, g.Constant($"{path}.bias", b.Value.AsSpan(), d.OutFeatures)] : [x, w];
                return g.Node("Gemm", inputs, g.Fresh($"dense{path}"), Attr("transB", 1L));
            }
            case Dropout or Identity:
                return x;
            case Softplus: return g.Node("Softplus", [x]);
            case ELU e: return g.Node("Elu", [x], null, Attr("alpha", e.Alpha));
            case Step:
                // 1 where x > 0, else 0 (NaN compares false, as in Nabla's kernel).
                return g.Node("Cast", [g.Node("Greater", [x, Scalar(g, 0f)])], null, Attr("to", (long)global::Onnx.TensorProto.Types.DataType.Float));
            case SiLU:
                return g.Node("Mul", [x, g.Node("Sigmoid", [x])]);
            case GELU:
            {
                // Exact GELU: x * Phi(x) = x * 0.5 * (1 + erf(x / sqrt(2))).
                var erf = g.Node("Erf", [g.Node("Div", [x, Scalar(g, MathF.Sqrt(2f))])]);
                var phi = g.Node("Mul", [g.Node("Add", [erf, Scalar(g, 1f)]), Scalar(g, 0.5f)]);
                return g.Node("Mul", [x, phi]);
            }
            case Softmax s: return g.Node("Softmax", [x], null, Attr("axis", (long)s.Dim));
            case LogSoftmax s: return g.Node("LogSoftmax", [x], null, Attr("axis", (long)s.Dim));
            case Flatten f: return g.Node("Flatten", [x], null, Attr("axis", (long)f.StartDim));
            default:
                throw new NotSupportedException(
                    $"Layer {(path.Length == 0 ? "" : path + " ")}({module.GetType().Name}) has no ONNX export; exportable layers are Dense, Dropout, Flatten, " +
                    $"{RegistryModules}, ELU, GELU, SiLU, Softplus, Softmax and LogSoftmax inside Sequential.");
        }
    }

    /// <summary>A float scalar constant (broadcasts against any tensor).</summary>
    public static string Scalar(OnnxGraphBuilder g, float value) => g.Constant("const", [value]);
}
