using Google.Protobuf;
using Onnx;

namespace Nabla.Onnx;

/// <summary>
/// Collects the nodes, constants (initializers), inputs and outputs of one ONNX graph and assembles the
/// <see cref="ModelProto"/>. Value names are made unique here, so the exporters can ask for readable names
/// (<c>dense0</c>, <c>relu1</c>) without tracking what is taken; graph inputs keep their exact names.
/// </summary>
internal sealed class OnnxGraphBuilder
{
    private readonly GraphProto _graph = new() { Name = "nabla" };
    private readonly HashSet<string> _taken = new(StringComparer.Ordinal);
    private bool _usesMlDomain;

    /// <summary>Reserves <paramref name="name"/> exactly (graph inputs and outputs); it must be free.</summary>
    public string Reserve(string name)
    {
        if (!_taken.Add(name)) throw new ArgumentException($"The ONNX value name '{name}' is used twice.");
        return name;
    }

    /// <summary>A fresh value name starting with <paramref name="stem"/>.</summary>
    public string Fresh(string stem)
    {
        if (_taken.Add(stem)) return stem;
        for (int i = 1; ; i++)
            if (_taken.Add($"{stem}_{i}")) return $"{stem}_{i}";
    }

    /// <summary>Declares a graph input of element type <paramref name="type"/> and shape <c>[N, width]</c> (N symbolic).</summary>
    public string Input(string name, TensorProto.Types.DataType type, int width)
    {
        _graph.Input.Add(ValueInfo(Reserve(name), type, "N", width));
        return name;
    }

    /// <summary>Declares <paramref name="value"/> a graph output with the given element type and dimensions (string = symbolic).</summary>
    public void Output(string value, TensorProto.Types.DataType type, params object[] dims) =>
        _graph.Output.Add(ValueInfo(value, type, dims));

    /// <summary>A float constant of the given shape.</summary>
    public string Constant(string stem, ReadOnlySpan<float> values, params long[] dims)
    {
        var t = new TensorProto { Name = Fresh(stem), DataType = (int)TensorProto.Types.DataType.Float };
        t.Dims.AddRange(dims);
        t.RawData = ByteString.CopyFrom(System.Runtime.InteropServices.MemoryMarshal.AsBytes(values));
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("ONNX raw data is little-endian.");
        _graph.Initializer.Add(t);
        return t.Name;
    }

    /// <summary>An int64 constant of the given shape (shapes for Reshape, indices).</summary>
    public string Int64Constant(string stem, long[] values, params long[] dims)
    {
        var t = new TensorProto { Name = Fresh(stem), DataType = (int)TensorProto.Types.DataType.Int64 };
        t.Dims.AddRange(dims);
        t.Int64Data.AddRange(values);
        _graph.Initializer.Add(t);
        return t.Name;
    }

    /// <summary>A 1-D string constant (class names).</summary>
    public string StringConstant(string stem, IReadOnlyList<string> values)
    {
        var t = new TensorProto { Name = Fresh(stem), DataType = (int)TensorProto.Types.DataType.String };
        t.Dims.Add(values.Count);
        foreach (var v in values) t.StringData.Add(ByteString.CopyFromUtf8(v));
        _graph.Initializer.Add(t);
        return t.Name;
    }

    /// <summary>Adds a node of the standard domain and returns its (single) output name.</summary>
    public string Node(string opType, string[] inputs, string? output = null, params AttributeProto[] attributes) =>
        Node(opType, "", inputs, output, attributes);

    /// <summary>Adds a node of the <c>ai.onnx.ml</c> domain and returns its output name.</summary>
    public string MlNode(string opType, string[] inputs, params AttributeProto[] attributes)
    {
        _usesMlDomain = true;
        return Node(opType, "ai.onnx.ml", inputs, null, attributes);
    }

    private string Node(string opType, string domain, string[] inputs, string? output, AttributeProto[] attributes)
    {
        string name = output ?? Fresh(opType.ToLowerInvariant());
        var node = new NodeProto { OpType = opType, Name = name, Domain = domain };
        node.Input.AddRange(inputs);
        node.Output.Add(name);
        node.Attribute.AddRange(attributes);
        _graph.Node.Add(node);
        return name;
    }

    /// <summary>The model: IR version 8, the standard opset <see cref="OnnxFormat.Opset"/> (and <c>ai.onnx.ml</c> 1 when used).</summary>
    public ModelProto Build(string docString)
    {
        var model = new ModelProto
        {
            IrVersion = OnnxFormat.IrVersion,
            ProducerName = "Nabla",
            ProducerVersion = typeof(OnnxGraphBuilder).Assembly.GetName().Version?.ToString(3) ?? "0",
            DocString = docString,
            Graph = _graph,
        };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = OnnxFormat.Opset });
        if (_usesMlDomain) model.OpsetImport.Add(new OperatorSetIdProto { Domain = "ai.onnx.ml", Version = OnnxFormat.MlOpset });
        return model;
    }

    public static AttributeProto Attr(string name, long value) => new() { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = value };
    public static AttributeProto Attr(string name, float value) => new() { Name = name, Type = AttributeProto.Types.AttributeType.Float, F = value };

    public static AttributeProto Attr(string name, IEnumerable<string> values)
    {
        var a = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Strings };
        foreach (var v in values) a.Strings.Add(ByteString.CopyFromUtf8(v));
        return a;
    }

    private static ValueInfoProto ValueInfo(string name, TensorProto.Types.DataType type, params object[] dims)
    {
        var shape = new TensorShapeProto();
        foreach (var d in dims)
            shape.Dim.Add(d is string s ? new TensorShapeProto.Types.Dimension { DimParam = s } : new TensorShapeProto.Types.Dimension { DimValue = Convert.ToInt64(d, System.Globalization.CultureInfo.InvariantCulture) });
        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)type, Shape = shape } },
        };
    }
}
