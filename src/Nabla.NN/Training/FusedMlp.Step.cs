namespace Nabla.NN.Training;

public sealed partial class FusedMlp
{
    /// <summary>
    /// One training step: <see cref="ComputeGradients(ReadOnlySpan{float}, ReadOnlySpan{float}, int)"/>, then, when the
    /// loss is finite, <c>Optimizer.Step()</c>. Returns the batch's mean loss (a non-finite loss leaves the weights as
    /// they were). Shapes as for <see cref="ComputeGradients(ReadOnlySpan{float}, ReadOnlySpan{float}, int)"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">The path was created without an optimizer.</exception>
    public float TrainStep(ReadOnlySpan<float> features, ReadOnlySpan<float> targets, int batch)
    {
        var optimizer = Optimizer ?? throw new InvalidOperationException(
            "FusedMlp.TrainStep needs an optimizer: pass one to FusedMlp.TryCreate, or call ComputeGradients and step yourself.");
        float loss = ComputeGradients(features, targets, batch);
        if (float.IsFinite(loss)) optimizer.Step();
        return loss;
    }

    /// <summary>As <see cref="TrainStep(ReadOnlySpan{float}, ReadOnlySpan{float}, int)"/> on tensors: features <c>[N, in]</c>, targets <c>[N]</c> (class indices) or <c>[N, out]</c>.</summary>
    public float TrainStep(Tensor features, Tensor targets)
    {
        int batch = CheckTensors(features, targets);
        return TrainStep(features.AsSpan(), targets.AsSpan(), batch);
    }

    /// <summary>As <see cref="ComputeGradients(ReadOnlySpan{float}, ReadOnlySpan{float}, int)"/> on tensors: features <c>[N, in]</c>, targets <c>[N]</c> (class indices) or <c>[N, out]</c>.</summary>
    public float ComputeGradients(Tensor features, Tensor targets)
    {
        int batch = CheckTensors(features, targets);
        return ComputeGradients(features.AsSpan(), targets.AsSpan(), batch);
    }

    /// <summary>
    /// Forward pass, loss, and backward pass of one batch, without a graph: returns the mean loss and sets every
    /// trainable parameter's <see cref="Parameter.Grad"/> to dL/d(parameter) (replacing what was there, as
    /// <c>ZeroGrad()</c> + <c>Backward()</c> would). <see cref="Output"/> then holds the model's outputs.
    /// </summary>
    /// <param name="features">The batch, row-major <c>[batch, InputSize]</c>.</param>
    /// <param name="targets">Cross-entropy: class indices <c>[batch]</c> as floats. Squared error: <c>[batch, OutputSize]</c>.</param>
    /// <param name="batch">Number of samples (rows), at least 1.</param>
    /// <exception cref="ArgumentException">A span does not hold its shape, or a class index is out of range.</exception>
    public float ComputeGradients(ReadOnlySpan<float> features, ReadOnlySpan<float> targets, int batch)
    {
        CheckSpans(features.Length, targets.Length, batch);
        float loss = _engine.ComputeGradients(features, targets, batch);
        // The engine wrote each trainable tensor's gradient into its stage's gradient tensor: hand those over, as
        // ZeroGrad() + Backward() would leave them.
        for (int i = 0; i < _linears.Length; i++)
        {
            FusedLinear linear = _linears[i];
            if (linear.Weight.RequiresGrad) linear.Weight.Grad = _stages[i].WeightGrad;
            if (linear.Bias is { RequiresGrad: true } bias) bias.Grad = _stages[i].BiasGrad;
        }
        return loss;
    }

    /// <summary>Target values per sample: 1 (a class index) for cross-entropy, <see cref="OutputSize"/> for squared error.</summary>
    public int TargetWidth => _engine.TargetWidth;

    private void CheckSpans(int featureLength, int targetLength, int batch)
    {
        if (batch < 1) throw new ArgumentOutOfRangeException(nameof(batch), batch, "FusedMlp: the batch must hold at least one sample.");
        if (featureLength < (long)batch * InputSize)
            throw new ArgumentException(
                $"FusedMlp: a batch of {batch} samples of {InputSize} features needs {(long)batch * InputSize} floats; the features hold {featureLength}.");
        if (targetLength < (long)batch * TargetWidth)
            throw new ArgumentException(_crossEntropy
                ? $"FusedMlp: CrossEntropyLoss needs one class index per sample ({batch}); the targets hold {targetLength}."
                : $"FusedMlp: MseLoss needs targets [{batch}, {OutputSize}] ({batch * OutputSize} floats); the targets hold {targetLength}.");
    }

    private int CheckTensors(Tensor features, Tensor targets)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(targets);
        if (features.Rank != 2 || features.Shape[1] != InputSize)
            throw new ArgumentException($"FusedMlp: features must have shape [N, {InputSize}]; got {features.Shape}.", nameof(features));
        int batch = features.Shape[0];
        if (targets.Size != batch * TargetWidth || targets.Shape[0] != batch)
            throw new ArgumentException(_crossEntropy
                ? $"FusedMlp: CrossEntropyLoss needs class indices [{batch}]; got targets of shape {targets.Shape}."
                : $"FusedMlp: MseLoss needs targets [{batch}, {OutputSize}]; got {targets.Shape}.", nameof(targets));
        return batch;
    }
}
