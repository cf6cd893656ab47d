using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Nabla.Onnx.Tests;

/// <summary>Runs a serialised ONNX model in ONNX Runtime (CPU) and returns every output as a flat array.</summary>
internal sealed class OnnxRuntimeRunner : IDisposable
{
    private readonly InferenceSession _session;

    public OnnxRuntimeRunner(byte[] model)
    {
        using var options = new SessionOptions { IntraOpNumThreads = 1, InterOpNumThreads = 1 };
        _session = new InferenceSession(model, options);
    }

    public IReadOnlyList<string> InputNames => [.. _session.InputMetadata.Keys];

    public IReadOnlyList<string> OutputNames => [.. _session.OutputMetadata.Keys];

    /// <summary>Inputs: name -> float[N * width] or string[N], each with its width (strings: width 1).</summary>
    public Dictionary<string, Array> Run(IReadOnlyDictionary<string, (Array Data, int Width)> inputs)
    {
        var values = new List<NamedOnnxValue>();
        foreach (var (name, (data, width)) in inputs)
        {
            int rows = data.Length / width;
            values.Add(data switch
            {
                float[] f => NamedOnnxValue.CreateFromTensor(name, new DenseTensor<float>(f, [rows, width])),
                string[] s => NamedOnnxValue.CreateFromTensor(name, new DenseTensor<string>(s, [rows, width])),
                _ => throw new ArgumentException(name),
            });
        }
        using var results = _session.Run(values);
        var outputs = new Dictionary<string, Array>();
        foreach (var r in results)
        {
            outputs[r.Name] = r.ElementType switch
            {
                TensorElementType.Float => r.AsTensor<float>().ToArray(),
                TensorElementType.Int64 => r.AsTensor<long>().ToArray(),
                TensorElementType.String => r.AsTensor<string>().ToArray(),
                var t => throw new InvalidOperationException($"unexpected output type {t}"),
            };
        }
        return outputs;
    }

    public void Dispose() => _session.Dispose();
}
