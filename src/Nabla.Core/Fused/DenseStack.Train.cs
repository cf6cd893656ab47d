using System.Numerics.Tensors;
using Nabla.Kernels;

namespace Nabla.Fused;

public sealed partial class DenseStack
{
    /// <summary>
    /// Forward pass (training mode: each stage's dropout applies while its source is training), loss, and backward
    /// pass of one batch: returns the mean loss and writes each stage's gradients into its
    /// <see cref="DenseStage.WeightGrad"/> and <see cref="DenseStage.BiasGrad"/> (overwriting them) where the weight or
    /// bias requires a gradient. <see cref="Output"/> then holds the outputs.
    /// </summary>
    /// <param name="features">The batch, row-major <c>[batch, InputSize]</c>.</param>
    /// <param name="targets">Cross-entropy: class indices <c>[batch]</c> as floats. Squared error: <c>[batch, OutputSize]</c>.</param>
    /// <param name="batch">Number of samples (rows), at least 1.</param>
    /// <exception cref="ArgumentException">A span does not hold its shape, or a class index is out of range (the message names the row).</exception>
    public float ComputeGradients(ReadOnlySpan<float> features, ReadOnlySpan<float> targets, int batch)
    {
        CheckFeatures(features.Length, batch, nameof(ComputeGradients));
        if (targets.Length < (long)batch * TargetWidth)
            throw new ArgumentException(
                $"DenseStack.ComputeGradients: {Loss} needs {(long)batch * TargetWidth} target floats for a batch of {batch}; the targets hold {targets.Length}.");
        EnsureCapacity(batch);
        _batch = batch;
        Forward(features, batch);
        StageBuffers last = _stages[^1];
        float loss = LossForwardBackward(last.Output.AsSpan(0, batch * last.Out), targets[..(batch * TargetWidth)],
            batch, last.Grad.AsSpan(0, batch * last.Out));
        Backward(features, batch);
        return loss;
    }

    /// <summary>Runs the stages on <paramref name="x"/> in training mode, drawing dropout masks where the source is training.</summary>
    private void Forward(ReadOnlySpan<float> x, int batch)
    {
        ReadOnlySpan<float> input = x;
        foreach (var L in _stages)
        {
            int n = batch * L.Out;
            Span<float> z = L.Z.AsSpan(0, n);
            DenseStage s = L.Stage;
            // z = x W^T: W is stored [out, in], read transposed in place.
            Gemm.Multiply(false, true, batch, L.Out, L.In, input, L.In, s.Weight.AsSpan(), L.In, z, L.Out);
            ReadOnlySpan<float> bias = s.Bias is { } b ? b.AsSpan() : [];
            BiasActivation.Forward(z, bias, batch, L.Out, s.Activation, s.Slope, L.Y.AsSpan(0, n));
            L.DropoutApplied = s.Dropout is { Training: true, P: > 0f };
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
        if (Loss == DenseStackLoss.SoftmaxCrossEntropy)
            return SoftmaxCrossEntropy.ForwardBackward(output, targets, batch, OutputSize, grad);
        // Mean squared error over all batch * out elements: L = Σ d^2 / n, dL/d(out) = 2 d / n with d = out - target.
        int n = output.Length;
        TensorPrimitives.Subtract(output, targets, grad);
        double loss = TensorPrimitives.SumOfSquares(grad) / (double)n;
        TensorPrimitives.Multiply(grad, 2f / n, grad);
        return (float)loss;
    }

    /// <summary>Backpropagates the loss gradient held in the last stage's Grad buffer, writing the stages' gradients.</summary>
    private void Backward(ReadOnlySpan<float> x, int batch)
    {
        for (int i = _stages.Length - 1; i >= 0; i--)
        {
            StageBuffers L = _stages[i];
            DenseStage s = L.Stage;
            int n = batch * L.Out;
            Span<float> g = L.Grad.AsSpan(0, n);                         // dL/d(output of this stage)
            if (L.DropoutApplied) TensorPrimitives.Multiply(g, L.Mask.AsSpan(0, n), g);
            BiasActivation.Backward(g, L.Z, L.Y, batch, L.Out, s.Activation, s.Slope);   // now dL/dz
            ReadOnlySpan<float> input = i == 0 ? x : _stages[i - 1].Output.AsSpan(0, batch * L.In);
            if (s.WeightGrad is { } weightGrad && s.Weight.RequiresGrad)
            {
                // dL/dW [out, in] = dz^T [out, batch] · x [batch, in]: dz is read transposed in place.
                Gemm.Multiply(true, false, L.Out, L.In, batch, g, L.Out, input, L.In, weightGrad.AsSpan(), L.In);
            }
            if (s.BiasGrad is { } biasGrad && s.Bias!.RequiresGrad)
                BiasActivation.BiasGradient(g, batch, L.Out, biasGrad.AsSpan());   // dL/db = Σ_rows dz
            if (i > 0)
            {
                // dL/dx [batch, in] = dz [batch, out] · W [out, in]: the previous stage's incoming gradient.
                Gemm.Multiply(false, false, batch, L.In, L.Out, g, L.Out, s.Weight.AsSpan(), L.In,
                    _stages[i - 1].Grad.AsSpan(0, batch * L.In), L.In);
            }
        }
    }
}
