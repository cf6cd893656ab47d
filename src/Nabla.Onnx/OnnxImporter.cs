using Google.Protobuf;
using Nabla.NN;
using Nabla.NN.Data;
using Nabla.NN.Registries;
using Onnx;

namespace Nabla.Onnx;

/// <summary>
/// Reads an ONNX multilayer perceptron, as <c>torch.onnx.export</c> writes an <c>nn.Sequential</c> of <c>nn.Linear</c>
/// and activations, into a Nabla <see cref="Sequential"/> with the same weights. Recognised: <c>Gemm</c> and
/// <c>MatMul</c> (+ <c>Add</c>) as <see cref="Dense"/>; the activation registry's operators (<see cref="ActivationRow.OnnxOp"/>:
/// <c>Relu</c>, <c>Sigmoid</c>, <c>Tanh</c>, ...), <c>Elu</c>, <c>Softplus</c>, <c>Softmax</c>, <c>LogSoftmax</c>, <c>Flatten</c>; <c>Identity</c> and <c>Dropout</c>
/// (dropped: inference); SiLU (<c>x * Sigmoid(x)</c>) and exact GELU (<c>x * (1 + Erf(x / sqrt 2)) * 0.5</c>) as PyTorch
/// writes them. A <c>Mul</c> or <c>Add</c> of a constant right after a layer is folded into that layer (the output
/// scaling Nabla exports for a regression trained on a standardised target, for one). Anything else is refused with
/// the node's name and op type.
/// </summary>
public static class OnnxImporter
{
    /// <summary>Imports the ONNX file at <paramref name="path"/>; the result is in eval mode, input <c>[N, F]</c>.</summary>
    /// <exception cref="DataFormatException">Not an ONNX model, or a node Nabla cannot import (named with its op type).</exception>
    public static Sequential Import(string path) => FromBytes(File.ReadAllBytes(path), path);

    /// <summary>Imports a serialised ONNX model; <paramref name="sourceName"/> names it in error messages.</summary>
    /// <exception cref="DataFormatException">Not an ONNX model, or a node Nabla cannot import (named with its op type).</exception>
    public static Sequential FromBytes(byte[] bytes, string? sourceName = null)
    {
        ModelProto model;
        try { model = ModelProto.Parser.ParseFrom(bytes); }
        catch (InvalidProtocolBufferException e) { throw new DataFormatException($"not an ONNX model: {e.Message}", sourceName, inner: e); }
        if (model.Graph is null || model.Graph.Node.Count == 0) throw new DataFormatException("not an ONNX model: it has no graph", sourceName);
        return new ChainReader(model.Graph, sourceName).Read();
    }

    /// <summary>Follows the one value flowing from the graph's input to its output, turning each step into a layer.</summary>
    private sealed class ChainReader
    {
        private readonly GraphProto _graph;
        private readonly string? _file;
        private readonly OnnxConstants _constants;
        private readonly Dictionary<string, List<NodeProto>> _consumers = new(StringComparer.Ordinal);
        private readonly HashSet<NodeProto> _used = new(ReferenceEqualityComparer.Instance);
        private readonly Sequential _net = new();
        private readonly Rng _rng = new(0);
        // The last linear layer read, kept open until the next node: a constant Mul or Add right after it folds in.
        private PendingDense? _pending;

        public ChainReader(GraphProto graph, string? file)
        {
            _graph = graph;
            _file = file;
            _constants = new OnnxConstants(graph, file);
            foreach (var n in graph.Node.Where(n => n.OpType != "Constant"))
                foreach (var i in n.Input.Where(i => i.Length > 0 && !_constants.Contains(i)))
                {
                    if (!_consumers.TryGetValue(i, out var list)) _consumers[i] = list = [];
                    list.Add(n);
                }
        }

        public Sequential Read()
        {
            var inputs = _graph.Input.Where(i => !_constants.Contains(i.Name)).ToList();
            if (inputs.Count != 1) throw new DataFormatException($"the graph has {inputs.Count} inputs ({string.Join(", ", inputs.Select(i => i.Name))}); Nabla imports networks with one input [N, F]", _file);
            if (_graph.Output.Count != 1) throw new DataFormatException($"the graph has {_graph.Output.Count} outputs; Nabla imports networks with one output", _file);
            string x = inputs[0].Name, output = _graph.Output[0].Name;
            while (x != output)
            {
                var next = (_consumers.GetValueOrDefault(x) ?? []).Where(n => !_used.Contains(n)).ToList();
                if (next.Count == 0) throw new DataFormatException($"value '{x}' feeds no node and is not the graph output '{output}'", _file);
                x = next.Count == 1 ? Single(next[0], x) : Fork(next, x);
            }
            Flush();
            var leftover = _graph.Node.FirstOrDefault(n => n.OpType != "Constant" && !_used.Contains(n));
            if (leftover is not null) throw Unsupported(leftover, "it is not on the path from the input to the output");
            CheckInputWidth(inputs[0]);
            _net.Eval();
            return _net;
        }

        /// <summary>A node that is the only reader of <paramref name="x"/>; returns its output.</summary>
        private string Single(NodeProto n, string x)
        {
            Use(n);
            if (ActivationRegistry.ForOnnxOp(n.OpType) is { } row)
            {
                float parameter = row.OnnxAttribute is { } attribute ? FloatAttr(n, attribute, row.Parameter ?? 0f) : 0f;
                Append(row.CreateWith(parameter));
                return n.Output[0];
            }
            switch (n.OpType)
            {
                case "Gemm": return Gemm(n);
                case "MatMul": return MatMul(n, x);
                case "Softplus": Append(new Softplus()); break;
                case "Elu": Append(new ELU(FloatAttr(n, "alpha", 1f))); break;
                case "Softmax": CheckLastAxis(n); Append(new Softmax()); break;
                case "LogSoftmax": CheckLastAxis(n); Append(new LogSoftmax()); break;
                case "Identity" or "Dropout": break;
                case "Mul" or "Add": FoldIntoLayer(n, x); break;
                case "Flatten":
                    if (IntAttr(n, "axis", 1) != 1) throw Unsupported(n, "only axis 1 (keep the batch dimension) is supported");
                    Append(new Flatten());
                    break;
                default: throw Unsupported(n);
            }
            return n.Output[0];
        }

        /// <summary>Two readers of <paramref name="x"/>: the SiLU or GELU patterns PyTorch writes.</summary>
        private string Fork(List<NodeProto> next, string x)
        {
            if (next.Count == 2 && next.SingleOrDefault(n => n.OpType == "Sigmoid") is { } s &&
                next.SingleOrDefault(n => n.OpType == "Mul" && n.Input.Contains(x) && n.Input.Contains(s.Output[0])) is { } mul)
            {
                Use(s); Use(mul);
                Append(new SiLU());
                return mul.Output[0];
            }
            if (next.Count == 2 && next.SingleOrDefault(n => n.OpType == "Div") is { } div && next.SingleOrDefault(n => n.OpType == "Mul") is { } xMul &&
                Near(_constants.Scalar(div.Input[1]), MathF.Sqrt(2f)) && SoleReader(div.Output[0], "Erf") is { } erf &&
                SoleReader(erf.Output[0], "Add") is { } add && Near(_constants.Scalar(add.Input.First(i => i != erf.Output[0])), 1f) &&
                xMul.Input.Contains(add.Output[0]) && SoleReader(xMul.Output[0], "Mul") is { } half &&
                Near(_constants.Scalar(half.Input.First(i => i != xMul.Output[0])), 0.5f))
            {
                foreach (var n in new[] { div, erf, add, xMul, half }) Use(n);
                Append(new GELU());
                return half.Output[0];
            }
            throw Unsupported(next[0], $"value '{x}' is read by {next.Count} nodes ({string.Join(", ", next.Select(n => n.OpType))}), which is not a chain of layers");
        }

        private string Gemm(NodeProto n)
        {
            if (IntAttr(n, "transA", 0) != 0) throw Unsupported(n, "transA = 1 is not a layer applied to a batch");
            var (w, dims) = Weight(n, n.Input[1]);
            bool transB = IntAttr(n, "transB", 0) == 1;
            int outF = (int)(transB ? dims[0] : dims[1]), inF = (int)(transB ? dims[1] : dims[0]);
            float alpha = FloatAttr(n, "alpha", 1f), beta = FloatAttr(n, "beta", 1f);
            float[]? bias = null;
            if (n.Input.Count > 2 && n.Input[2].Length > 0)
            {
                bias = _constants.Get(n.Input[2])?.Data is { } b && b.Length == outF ? b : throw Unsupported(n, $"its bias '{n.Input[2]}' is not a constant of {outF} values");
                bias = bias.Select(v => v * beta).ToArray();
            }
            AddDense(inF, outF, transB ? w : Transpose(w, inF, outF), alpha, bias);
            return n.Output[0];
        }

        private string MatMul(NodeProto n, string x)
        {
            if (n.Input[0] != x) throw Unsupported(n, "the weight must be the second operand (x @ W)");
            var (w, dims) = Weight(n, n.Input[1]);
            int inF = (int)dims[0], outF = (int)dims[1];
            float[]? bias = null;
            string y = n.Output[0];
            // PyTorch writes a Linear as MatMul + Add when it cannot use Gemm: fold the Add into the layer.
            if (SoleReader(y, "Add") is { } add && _constants.Get(add.Input.First(i => i != y))?.Data is { } b && b.Length == outF)
            {
                Use(add);
                bias = b;
                y = add.Output[0];
            }
            AddDense(inF, outF, Transpose(w, inF, outF), 1f, bias);
            return y;
        }

        private void AddDense(int inF, int outF, float[] weightOutIn, float scale, float[]? bias)
        {
            Flush();
            var w = new float[weightOutIn.Length];
            for (int i = 0; i < w.Length; i++) w[i] = weightOutIn[i] * scale;
            _pending = new PendingDense(inF, outF, w, bias?.ToArray());
        }

        /// <summary>
        /// <c>y·c</c> or <c>y + c</c> for a constant c (one value, or one per output) right after a linear layer becomes
        /// part of it: <c>x(W·c)ᵀ + b·c</c>, <c>xWᵀ + (b + c)</c>. Outputs equal the graph's up to float rounding.
        /// </summary>
        private void FoldIntoLayer(NodeProto n, string x)
        {
            var layer = _pending ?? throw Unsupported(n, "a Mul or Add of a constant is imported only right after a Gemm or MatMul layer, folded into it");
            string? other = n.Input.Count == 2 && n.Input.Count(i => i == x) == 1 ? n.Input.First(i => i != x) : null;
            var c = other is not null && _constants.Get(other) is { } k && PerOutput(k.Dims, k.Data.Length, layer.Out) ? k.Data
                : throw Unsupported(n, $"its other operand is not a constant of 1 or {layer.Out} values (one per output)");
            float At(int o) => c.Length == 1 ? c[0] : c[o];
            if (n.OpType == "Mul")
            {
                for (int o = 0; o < layer.Out; o++)
                {
                    var row = layer.Weight.AsSpan(o * layer.In, layer.In);
                    for (int i = 0; i < row.Length; i++) row[i] *= At(o);
                    if (layer.Bias is { } b) b[o] *= At(o);
                }
                return;
            }
            layer.Bias ??= new float[layer.Out];
            for (int o = 0; o < layer.Out; o++) layer.Bias[o] += At(o);
        }

        /// <summary>A constant that broadcasts over <c>[N, outputs]</c> as one value or one per output (<c>[1]</c>, <c>[1, 1]</c>, <c>[outputs]</c>, <c>[1, outputs]</c>).</summary>
        private static bool PerOutput(long[] dims, int length, int outputs) =>
            (length == 1 || length == outputs) && dims.Length <= 2 && (dims.Length == 0 || dims[^1] == length) && dims.SkipLast(1).All(d => d == 1);

        /// <summary>Adds <paramref name="layer"/> after closing the pending linear layer.</summary>
        private void Append(Module layer)
        {
            Flush();
            _net.Add(layer);
        }

        private void Flush()
        {
            if (_pending is not { } p) return;
            var d = new Dense(p.In, p.Out, bias: p.Bias is not null, rng: _rng);
            p.Weight.CopyTo(d.Weight.Value.AsSpan());
            p.Bias?.CopyTo(d.Bias!.Value.AsSpan());
            _net.Add(d);
            _pending = null;
        }

        /// <summary>A linear layer's weights <c>[out, in]</c> and bias while constant Mul/Add nodes may still fold in.</summary>
        private sealed class PendingDense(int inF, int outF, float[] weight, float[]? bias)
        {
            public int In { get; } = inF;
            public int Out { get; } = outF;
            public float[] Weight { get; } = weight;
            public float[]? Bias { get; set; } = bias;
        }

        private (float[] Data, long[] Dims) Weight(NodeProto n, string name) =>
            _constants.Get(name) is { Dims.Length: 2 } w && w.Data.Length > 0 ? w
                : throw Unsupported(n, $"its weight '{name}' is not a constant matrix (Nabla imports trained weights, not computed ones)");

        private static float[] Transpose(float[] inOut, int inF, int outF)
        {
            var t = new float[inOut.Length];
            for (int i = 0; i < inF; i++)
                for (int o = 0; o < outF; o++) t[o * inF + i] = inOut[i * outF + o];
            return t;
        }

        private NodeProto? SoleReader(string value, string opType) =>
            _consumers.GetValueOrDefault(value) is [var only] && only.OpType == opType ? only : null;

        private void CheckLastAxis(NodeProto n)
        {
            long axis = IntAttr(n, "axis", -1);
            if (axis is not (-1 or 1)) throw Unsupported(n, $"axis {axis}: only the class axis of [N, C] (1 or -1) is supported");
        }

        private void CheckInputWidth(ValueInfoProto input)
        {
            var dims = input.Type?.TensorType?.Shape?.Dim;
            var first = _net.OfType<Dense>().FirstOrDefault() ?? throw new DataFormatException("the graph has no Gemm or MatMul layer; there is no network to import", _file);
            if (dims is { Count: 2 } && dims[1].HasDimValue && dims[1].DimValue != first.InFeatures)
                throw new DataFormatException($"input '{input.Name}' has {dims[1].DimValue} features but the first layer takes {first.InFeatures}", _file);
        }

        private void Use(NodeProto n)
        {
            if (n.Domain is not ("" or "ai.onnx")) throw Unsupported(n, $"its domain '{n.Domain}' is not the standard one");
            _used.Add(n);
        }

        private static bool Near(float? v, float want) => v is { } x && MathF.Abs(x - want) <= 1e-4f * want;

        private static readonly string RegistryOps = string.Join(", ", ActivationRegistry.All.Rows.Select(r => r.OnnxOp).OfType<string>());

        private static float FloatAttr(NodeProto n, string name, float fallback) => n.Attribute.FirstOrDefault(a => a.Name == name) is { } a ? a.F : fallback;

        private static long IntAttr(NodeProto n, string name, long fallback) => n.Attribute.FirstOrDefault(a => a.Name == name) is { } a ? a.I : fallback;

        private DataFormatException Unsupported(NodeProto n, string? why = null) => new(
            $"node '{(n.Name.Length > 0 ? n.Name : n.Output.FirstOrDefault())}' (op type {n.OpType}) is not supported" +
            (why is null ? "" : ": " + why) +
            "; Nabla imports MLPs: Gemm or MatMul(+Add) layers (a constant Mul or Add right after one folds into it) with " + RegistryOps + ", Elu, Softplus, SiLU, GELU, Softmax, LogSoftmax, Flatten, Identity or Dropout between them",
            _file);
    }
}
