namespace Nabla.NN;

/// <summary>
/// Element-wise binary cross-entropy on probabilities with PyTorch's clamping, as one op with its own backward.
/// </summary>
/// <remarks>
/// NOTE: composing <c>-(y log p + (1 - y) log(1 - p))</c> from Log and Clamp breaks when a sigmoid saturates to
/// exactly 1f (it does for x &gt; ~17): log(0) = -inf is clamped to -100, but Log's backward then computes 0 / 0 =
/// NaN, which poisons every weight. PyTorch's rule, used here, is finite everywhere:
/// <c>dL/dp = (p - y) / max(p (1 - p), 1e-12)</c>.
/// </remarks>
internal static class BinaryCrossEntropyFunction
{
    private const float LogFloor = -100f;
    private const float Epsilon = 1e-12f;

    /// <summary>Values <c>-(y max(log p, -100) + (1 - y) max(log(1 - p), -100))</c>; input and target have the same shape.</summary>
    public static Tensor Apply(Tensor input, Tensor target)
    {
        var p = input.AsSpan();
        var y = target.AsSpan();
        var values = new float[p.Length];
        for (int i = 0; i < values.Length; i++)
        {
            // log(1 - p) in double is exact enough to match log1p(-p) for every float p.
            float logP = MathF.Max((float)Math.Log(p[i]), LogFloor);
            float log1mP = MathF.Max((float)Math.Log(1.0 - p[i]), LogFloor);
            values[i] = (y[i] - 1f) * log1mP - y[i] * logP;
        }
        var output = Tensor.FromBuffer(values, input.Shape);
        return Autograd.Record(output, new BceBackward(input, target));
    }

    private sealed class BceBackward(Tensor input, Tensor target) : BackwardFunction(input, target)
    {
        // d/dp [-(y log p + (1 - y) log(1 - p))] = (p - y) / (p (1 - p)), denominator floored at 1e-12.
        // d/dy = log(1 - p) - log p = -logit(p), unclamped (PyTorch 1.13's binary_cross_entropy_target_backward).
        public override Tensor?[] Backward(Tensor gradOutput)
        {
            var p = input.AsSpan();
            var y = target.AsSpan();
            var g = gradOutput.AsSpan();
            float[]? dp = NeedsGrad(0) ? new float[p.Length] : null;
            float[]? dy = NeedsGrad(1) ? new float[p.Length] : null;
            for (int i = 0; i < p.Length; i++)
            {
                if (dp is not null) dp[i] = g[i] * (p[i] - y[i]) / MathF.Max((1f - p[i]) * p[i], Epsilon);
                if (dy is not null) dy[i] = (float)(g[i] * (Math.Log(1.0 - p[i]) - Math.Log(p[i])));
            }
            return [dp is null ? null : Tensor.FromBuffer(dp, input.Shape), dy is null ? null : Tensor.FromBuffer(dy, target.Shape)];
        }
    }
}
