using Nabla.NN.Data;
using Onnx;

namespace Nabla.Onnx;

/// <summary>The float constants of an ONNX graph (initializers and <c>Constant</c> nodes), by value name.</summary>
internal sealed class OnnxConstants
{
    private readonly Dictionary<string, (float[] Data, long[] Dims)> _values = new(StringComparer.Ordinal);
    private readonly string? _file;

    public OnnxConstants(GraphProto graph, string? file)
    {
        _file = file;
        foreach (var t in graph.Initializer) _values[t.Name] = Read(t, t.Name);
        foreach (var n in graph.Node.Where(n => n.OpType == "Constant" && n.Output.Count == 1))
        {
            var a = n.Attribute.FirstOrDefault(a => a.Name is "value" or "value_float");
            if (a is null) continue;
            _values[n.Output[0]] = a.Name == "value_float" ? ([a.F], []) : Read(a.T, n.Output[0]);
        }
    }

    /// <summary>Whether <paramref name="name"/> is a constant rather than a computed value.</summary>
    public bool Contains(string name) => _values.ContainsKey(name);

    /// <summary>The constant <paramref name="name"/>, or null.</summary>
    public (float[] Data, long[] Dims)? Get(string name) => _values.TryGetValue(name, out var v) ? v : null;

    /// <summary>The scalar constant <paramref name="name"/> (any shape holding one value), or null.</summary>
    public float? Scalar(string name) => Get(name) is { Data.Length: 1 } v ? v.Data[0] : null;

    private (float[], long[]) Read(TensorProto t, string name)
    {
        if (t.DataLocation == TensorProto.Types.DataLocation.External)
            throw new DataFormatException($"tensor '{name}' is stored in an external file; save the model with its weights inside (torch.onnx.export does for models under 2 GB)", _file);
        long[] dims = [.. t.Dims];
        long size = dims.Aggregate(1L, (a, d) => a * d);
        if (size is < 0 or > int.MaxValue) throw new DataFormatException($"tensor '{name}' has shape [{string.Join(", ", dims)}], too large", _file);
        var data = new float[size];
        switch ((TensorProto.Types.DataType)t.DataType)
        {
            case TensorProto.Types.DataType.Float when t.RawData.Length > 0:
                if (t.RawData.Length != size * 4) throw new DataFormatException($"tensor '{name}' has {t.RawData.Length} bytes of data for shape [{string.Join(", ", dims)}]", _file);
                System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(t.RawData.Span).CopyTo(data);
                break;
            case TensorProto.Types.DataType.Float:
                if (t.FloatData.Count != size) throw new DataFormatException($"tensor '{name}' has {t.FloatData.Count} values for shape [{string.Join(", ", dims)}]", _file);
                t.FloatData.CopyTo(data, 0);
                break;
            case TensorProto.Types.DataType.Double when t.RawData.Length == size * 8:
                var d = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, double>(t.RawData.Span);
                for (int i = 0; i < size; i++) data[i] = (float)d[i];
                break;
            case TensorProto.Types.DataType.Int64 when t.RawData.Length == size * 8:
                var l = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, long>(t.RawData.Span);
                for (int i = 0; i < size; i++) data[i] = l[i];
                break;
            case TensorProto.Types.DataType.Int64:
                for (int i = 0; i < Math.Min(size, t.Int64Data.Count); i++) data[i] = t.Int64Data[i];
                break;
            default:
                // Shapes and other non-float constants are only ever read as numbers here; anything else is not a weight.
                return ([], dims);
        }
        return (data, dims);
    }
}
