namespace Nabla.NN.Optim;

/// <summary>
/// AdamW (Loshchilov and Hutter, 2019, "Decoupled Weight Decay Regularization"; PyTorch's <c>torch.optim.AdamW</c>):
/// Adam with the weight decay applied directly to the weights instead of being added to the gradient.
/// </summary>
/// <remarks>
/// <code>
/// p = p * (1 - lr * weightDecay)               (decoupled: not divided by sqrt(v))
/// m = beta1 * m + (1 - beta1) * g
/// v = beta2 * v + (1 - beta2) * g^2
/// if amsgrad: vmax = max(vmax, v); v' = vmax  else v' = v
/// p = p - lr / (1 - beta1^t) * m / (sqrt(v') / sqrt(1 - beta2^t) + eps)
/// </code>
/// Every weight shrinks by the same factor each step, whatever its gradient history; with Adam's L2 form, weights
/// with large gradients would be decayed less. The default weightDecay is 1e-2, as in PyTorch.
/// </remarks>
public sealed class AdamW : Adam
{
    /// <summary>Creates the optimizer (arguments as PyTorch's AdamW; <paramref name="betas"/> defaults to (0.9, 0.999)).</summary>
    public AdamW(IEnumerable<Parameter> parameters, float lr = 1e-3f, (float Beta1, float Beta2)? betas = null, float eps = 1e-8f,
                 float weightDecay = 1e-2f, bool amsgrad = false, bool maximize = false)
        : base(parameters, new AdamOptions(lr, betas?.Beta1 ?? 0.9f, betas?.Beta2 ?? 0.999f, eps, weightDecay, amsgrad, maximize), decoupled: true)
    {
    }

    /// <summary>Creates the optimizer from an options record (its WeightDecay is the decoupled rate).</summary>
    public AdamW(IEnumerable<Parameter> parameters, AdamOptions options)
        : base(parameters, options, decoupled: true)
    {
    }
}
