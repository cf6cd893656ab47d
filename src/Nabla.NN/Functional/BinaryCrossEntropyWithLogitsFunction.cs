namespace Nabla.NN;

/// <summary>
/// Element-wise binary cross-entropy on logits, <c>(1 - y) x + l softplus(-x)</c> with <c>l = 1 + (posWeight - 1) y</c>,
/// as one op with its own backward (PyTorch's <c>binary_cross_entropy_with_logits</c>).
/// </summary>
/// <remarks>
/// NOTE: composing the loss from Relu, Abs, Exp and Log gives a wrong gradient at a logit of exactly 0: both kinks
/// (relu'(0) = 0 and sign(0) = 0) drop the -1/2 that softplus'(0) really has, so a zero-initialised classifier takes a
/// wrong first step. The rules here are the closed forms PyTorch uses:
/// <c>dL/dx = l sigmoid(x) - posWeight y</c> and <c>dL/dy = -x + (posWeight - 1) softplus(-x)</c>.
/// posWeight gets no gradient (PyTorch refuses one).
/// </remarks>
internal static class BinaryCrossEntropyWithLogitsFunction
{
    /// <summary>Per-element losses; input and target have the same shape, posWeight (if any) is already broadcast to it.</summary>
    public static Tensor Apply(Tensor input, Tensor target, Tensor? posWeight)
    {
        var x = input.AsSpan();
        var y = target.AsSpan();
        var values = new float[x.Length];
        for (int i = 0; i < values.Length; i++)
        {
            double w = posWeight is null ? 1.0 : posWeight.AsSpan()[i];
            double l = 1.0 + (w - 1.0) * y[i];
            values[i] = (float)((1.0 - y[i]) * x[i] + l * ScalarMath.Softplus(-x[i]));
        }
        var output = Tensor.FromBuffer(values, input.Shape);
        return Autograd.Record(output, new BceWithLogitsBackward(input, target, posWeight));
    }

    private sealed class BceWithLogitsBackward(Tensor input, Tensor target, Tensor? posWeight) : BackwardFunction(input, target)
    {
        public override Tensor?[] Backward(Tensor gradOutput)
        {
            var x = input.AsSpan();
            var y = target.AsSpan();
            var g = gradOutput.AsSpan();
            float[]? dx = NeedsGrad(0) ? new float[x.Length] : null;
            float[]? dy = NeedsGrad(1) ? new float[x.Length] : null;
            for (int i = 0; i < x.Length; i++)
            {
                double w = posWeight is null ? 1.0 : posWeight.AsSpan()[i];
                if (dx is not null)
                {
                    // l sigma(x) - w y: equals sigma(x) - y without a positive weight.
                    double l = 1.0 + (w - 1.0) * y[i];
                    dx[i] = (float)(g[i] * (l * ScalarMath.Sigmoid(x[i]) - w * y[i]));
                }
                if (dy is not null)
                {
                    // d/dy [(1 - y) x + (1 + (w - 1) y) softplus(-x)] = -x + (w - 1) softplus(-x).
                    double s = w == 1.0 ? 0.0 : (w - 1.0) * ScalarMath.Softplus(-x[i]);
                    dy[i] = (float)(g[i] * (s - x[i]));
                }
            }
            return [dx is null ? null : Tensor.FromBuffer(dx, input.Shape), dy is null ? null : Tensor.FromBuffer(dy, target.Shape)];
        }
    }
}
