using System.Numerics.Tensors;
using Nabla.Kernels;

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
        EnsureCapacity(batch);
        _batch = batch;
        Forward(features, batch, training: true);
        FusedLayer last = _layers[^1];
        float loss = LossForwardBackward(last.Output.AsSpan(0, batch * last.Out), targets[..(batch * TargetWidth)],
            batch, last.Grad.AsSpan(0, batch * last.Out));
        Backward(features, batch);
        return loss;
    }

    /// <summary>Target values per sample: 1 (a class index) for cross-entropy, <see cref="OutputSize"/> for squared error.</summary>
    public int TargetWidth => _crossEntropy ? 1 : OutputSize;

    /// <summary>Runs the layers on <paramref name="x"/>; training mode draws dropout masks where the module is training.</summary>
    private void Forward(ReadOnlySpan<float> x, int batch, bool training)
    {
        ReadOnlySpan<float> input = x;
        foreach (var L in _layers)
        {
            int n = batch * L.Out;
            Span<float> z = L.Z.AsSpan(0, n);
            Tensor w = L.Linear.Weight.Value;
            // z = x W^T: W is stored [out, in], read transposed in place.
            Gemm.Multiply(false, true, batch, L.Out, L.In, input, L.In, w.AsSpan(), L.In, z, L.Out);
            ReadOnlySpan<float> bias = L.Linear.Bias is { } b ? b.AsSpan() : [];
            BiasActivation.Forward(z, bias, batch, L.Out, L.Activation, L.Slope, L.Y.AsSpan(0, n));
            L.DropoutApplied = training && L.Dropout is { Training: true, P: > 0f };
            if (L.DropoutApplied)
            {
                L.DrawMask(n);
                TensorPrimitives.Multiply(L.Y.AsSpan(0, n), L.Mask.AsSpan(0, n), L.Dropped.AsSpan(0, n));
            }
            input = L.Output.AsSpan(0, n);
        }
    }

    /// <summary>Mean loss of <paramref name="output"/> against <paramref name="targets"/>; writes dL/d(output) into <paramref name="grad"/>.</summary>
    private float LossForwardBackward(ReadOnlySpan<float> output, ReadOnlySpan<float> targets, int batch, Span<float> grad)
    {
        if (_crossEntropy) return SoftmaxCrossEntropy.ForwardBackward(output, targets, batch, OutputSize, grad);
        // Mean squared error over all batch * out elements: L = Σ d^2 / n, dL/d(out) = 2 d / n with d = out - target.
        int n = output.Length;
        TensorPrimitives.Subtract(output, targets, grad);
        double loss = TensorPrimitives.SumOfSquares(grad) / (double)n;
        TensorPrimitives.Multiply(grad, 2f / n, grad);
        return (float)loss;
    }

    /// <summary>Backpropagates the loss gradient held in the last layer's Grad buffer, writing the parameters' gradients.</summary>
    private void Backward(ReadOnlySpan<float> x, int batch)
    {
        for (int i = _layers.Length - 1; i >= 0; i--)
        {
            FusedLayer L = _layers[i];
            int n = batch * L.Out;
            Span<float> g = L.Grad.AsSpan(0, n);                         // dL/d(output of this stage)
            if (L.DropoutApplied) TensorPrimitives.Multiply(g, L.Mask.AsSpan(0, n), g);
            BiasActivation.Backward(g, L.Z, L.Y, batch, L.Out, L.Activation, L.Slope);   // now dL/dz
            ReadOnlySpan<float> input = i == 0 ? x : _layers[i - 1].Output.AsSpan(0, batch * L.In);
            Parameter weight = L.Linear.Weight;
            if (weight.RequiresGrad)
            {
                // dL/dW [out, in] = dz^T [out, batch] · x [batch, in]: dz is read transposed in place.
                Gemm.Multiply(true, false, L.Out, L.In, batch, g, L.Out, input, L.In, L.WeightGrad.AsSpan(), L.In);
                weight.Grad = L.WeightGrad;
            }
            if (L.Linear.Bias is { RequiresGrad: true } bias)
            {
                BiasActivation.BiasGradient(g, batch, L.Out, L.BiasGrad!.AsSpan());   // dL/db = Σ_rows dz
                bias.Grad = L.BiasGrad;
            }
            if (i > 0)
            {
                // dL/dx [batch, in] = dz [batch, out] · W [out, in]: the previous stage's incoming gradient.
                Gemm.Multiply(false, false, batch, L.In, L.Out, g, L.Out, weight.Value.AsSpan(), L.In,
                    _layers[i - 1].Grad.AsSpan(0, batch * L.In), L.In);
            }
        }
    }

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
