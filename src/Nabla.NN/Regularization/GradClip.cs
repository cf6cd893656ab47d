namespace Nabla.NN;

/// <summary>
/// Gradient clipping against exploding gradients (PyTorch's <c>torch.nn.utils.clip_grad_norm_</c> and
/// <c>clip_grad_value_</c>). Call between <c>Backward()</c> and <c>optimizer.Step()</c>; gradients are changed in place.
/// </summary>
public static class GradClip
{
    /// <summary>
    /// Rescales all gradients together so that their joint norm is at most <paramref name="maxNorm"/>: with
    /// <c>total = || (||g_1||, ||g_2||, ...) ||</c>, every gradient is multiplied by
    /// <c>min(1, maxNorm / (total + 1e-6))</c>. The direction of the update is kept; only its length shrinks.
    /// </summary>
    /// <param name="normType">p of the p-norm (2 = Euclidean), or <see cref="float.PositiveInfinity"/> for the largest |g|.</param>
    /// <returns>The total norm before clipping.</returns>
    public static float ClipGradNorm(IEnumerable<Parameter> parameters, float maxNorm, float normType = 2f)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (!(maxNorm >= 0f))
        {
            throw new ArgumentOutOfRangeException(nameof(maxNorm), maxNorm, "ClipGradNorm: maxNorm must be >= 0");
        }
        if (!(normType > 0f))
        {
            throw new ArgumentOutOfRangeException(nameof(normType), normType, "ClipGradNorm: normType must be > 0 (or +infinity)");
        }
        var grads = parameters.Select(p => p.Grad).Where(g => g is not null).Select(g => g!).ToList();
        if (grads.Count == 0)
        {
            return 0f;
        }
        float total;
        if (float.IsPositiveInfinity(normType))
        {
            total = 0f;
            foreach (var g in grads)
            {
                foreach (float v in g.AsSpan())
                {
                    total = MathF.Max(total, MathF.Abs(v));
                }
            }
        }
        else
        {
            // Norm of the per-tensor norms, as PyTorch (sums in double for accuracy).
            total = TotalNorm(grads.Select(g =>
            {
                double s = 0;
                foreach (float v in g.AsSpan())
                {
                    s += Math.Pow(Math.Abs(v), normType);
                }
                return s;
            }), normType);
        }
        float coef = Coefficient(maxNorm, total);
        if (coef < 1f)
        {
            using (GradMode.NoGrad())
            {
                foreach (var g in grads)
                {
                    var span = g.AsSpan();
                    for (int i = 0; i < span.Length; i++)
                    {
                        span[i] *= coef;
                    }
                }
            }
        }
        return total;
    }

    /// <summary>The norm of the per-tensor norms, given each tensor's sum of |g|^p (<paramref name="normType"/> = p, finite).</summary>
    internal static float TotalNorm(IEnumerable<double> tensorPowerSums, float normType = 2f)
    {
        double sum = 0;
        foreach (double s in tensorPowerSums)
        {
            float tensorNorm = (float)Math.Pow(s, 1.0 / normType);
            sum += Math.Pow(tensorNorm, normType);
        }
        return (float)Math.Pow(sum, 1.0 / normType);
    }

    /// <summary>The factor <see cref="ClipGradNorm"/> multiplies the gradients by when it is below 1.</summary>
    internal static float Coefficient(float maxNorm, float totalNorm) => maxNorm / (totalNorm + 1e-6f);

    /// <summary>Clamps every gradient element into <c>[-clipValue, clipValue]</c>.</summary>
    public static void ClipGradValue(IEnumerable<Parameter> parameters, float clipValue)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (!(clipValue >= 0f))
        {
            throw new ArgumentOutOfRangeException(nameof(clipValue), clipValue, "ClipGradValue: clipValue must be >= 0");
        }
        using (GradMode.NoGrad())
        {
            foreach (var p in parameters)
            {
                if (p.Grad is null)
                {
                    continue;
                }
                var span = p.Grad.AsSpan();
                for (int i = 0; i < span.Length; i++)
                {
                    span[i] = Math.Clamp(span[i], -clipValue, clipValue);
                }
            }
        }
    }
}
