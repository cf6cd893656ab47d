using Nabla.Kernels;

namespace Nabla.Fused;

public sealed partial class DenseStack
{
    // Inference ping-pong buffers, separate from the training buffers so a prediction never disturbs a pending step.
    private float[] _inferA = [], _inferB = [];

    /// <summary>
    /// Inference without a graph or allocation (after the first call at a given batch size): writes the outputs for
    /// <paramref name="features"/> <c>[batch, InputSize]</c> into <paramref name="output"/> <c>[batch, OutputSize]</c>.
    /// Evaluation semantics: dropout is the identity whatever its source's mode. A batch of one runs as
    /// matrix-vector products (the weights stay in L2).
    /// </summary>
    /// <exception cref="ArgumentException">A span is shorter than its shape.</exception>
    public void Predict(ReadOnlySpan<float> features, int batch, Span<float> output)
    {
        CheckFeatures(features.Length, batch, nameof(Predict));
        if (output.Length < (long)batch * OutputSize)
            throw new ArgumentException(
                $"DenseStack.Predict: a batch of {batch} needs room for {(long)batch * OutputSize} outputs; the output holds {output.Length}.");
        int widest = 0;
        foreach (var L in _stages) widest = Math.Max(widest, L.Out);
        if (_inferA.Length < batch * widest)
        {
            _inferA = new float[batch * widest];
            _inferB = new float[batch * widest];
        }
        ReadOnlySpan<float> input = features;
        for (int i = 0; i < _stages.Length; i++)
        {
            StageBuffers L = _stages[i];
            DenseStage s = L.Stage;
            int n = batch * L.Out;
            Span<float> z = i == _stages.Length - 1 ? output[..n] : (i % 2 == 0 ? _inferA : _inferB).AsSpan(0, n);
            ReadOnlySpan<float> w = s.Weight.AsSpan();
            ReadOnlySpan<float> bias = s.Bias is { } b ? b.AsSpan() : [];
            if (batch == 1)
            {
                MatVec.Multiply(w, L.Out, L.In, input, bias, z);
                BiasActivation.Forward(z, [], 1, L.Out, s.Activation, s.Slope, z);
            }
            else
            {
                Gemm.Multiply(false, true, batch, L.Out, L.In, input, L.In, w, L.In, z, L.Out);
                BiasActivation.Forward(z, bias, batch, L.Out, s.Activation, s.Slope, z);
            }
            input = z;
        }
    }
}
