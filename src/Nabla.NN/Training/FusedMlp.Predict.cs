namespace Nabla.NN.Training;

public sealed partial class FusedMlp
{
    /// <summary>
    /// Inference without a graph or allocation (after the first call at a given batch size): writes the model's
    /// outputs for <paramref name="features"/> <c>[batch, InputSize]</c> into <paramref name="output"/>
    /// <c>[batch, OutputSize]</c>. Evaluation semantics: dropout is the identity whatever the modules' mode.
    /// A batch of one runs as matrix-vector products (the weights stay in L2).
    /// </summary>
    /// <exception cref="ArgumentException">A span is shorter than its shape.</exception>
    public void Predict(ReadOnlySpan<float> features, int batch, Span<float> output)
    {
        if (batch < 1) throw new ArgumentOutOfRangeException(nameof(batch), batch, "FusedMlp.Predict: the batch must hold at least one sample.");
        if (features.Length < (long)batch * InputSize || output.Length < (long)batch * OutputSize)
            throw new ArgumentException(
                $"FusedMlp.Predict: [batch={batch}] needs {(long)batch * InputSize} input floats and room for {(long)batch * OutputSize} outputs; " +
                $"got {features.Length} and {output.Length}.");
        _engine.Predict(features, batch, output);
    }

    /// <summary>Inference on a tensor: features <c>[N, InputSize]</c> to a new tensor <c>[N, OutputSize]</c> (allocates the result).</summary>
    public Tensor Predict(Tensor features)
    {
        ArgumentNullException.ThrowIfNull(features);
        if (features.Rank != 2 || features.Shape[1] != InputSize)
            throw new ArgumentException($"FusedMlp.Predict: features must have shape [N, {InputSize}]; got {features.Shape}.", nameof(features));
        var result = Tensor.Zeros(features.Shape[0], OutputSize);
        if (features.Shape[0] > 0) Predict(features.AsSpan(), features.Shape[0], result.AsSpan());
        return result;
    }
}
