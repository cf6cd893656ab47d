namespace Nabla.NN;

/// <summary>
/// Stateless math used by the modules (PyTorch's <c>torch.nn.functional</c>): layers, dropout and losses as
/// functions of tensors. Modules own state (weights, options) and call these.
/// </summary>
public static partial class Functional
{
    /// <summary>
    /// Affine map <c>y = x W^T + b</c> (PyTorch's <c>F.linear</c>).
    /// Shapes: <paramref name="input"/> <c>[..., in]</c>, <paramref name="weight"/> <c>[out, in]</c>,
    /// <paramref name="bias"/> <c>[out]</c> or null; output <c>[..., out]</c>.
    /// </summary>
    /// <exception cref="ArgumentException">The last dimension of the input is not <c>in</c>.</exception>
    public static Tensor Linear(Tensor input, Tensor weight, Tensor? bias = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(weight);
        if (weight.Rank != 2)
        {
            throw new ArgumentException($"Linear needs a weight of shape [out, in] but got {weight.Shape}", nameof(weight));
        }
        int inFeatures = weight.Shape[1];
        if (input.Rank == 0 || input.Shape[input.Rank - 1] != inFeatures)
        {
            throw new ArgumentException(
                $"Linear({inFeatures} -> {weight.Shape[0]}) got input of shape {input.Shape}: the last dimension must be {inFeatures}",
                nameof(input));
        }
        if (input.Rank <= 2)
        {
            // One GEMM against the weight as stored (no transposed copy), bias pre-filled, fused backward.
            return Tensor.Linear(input, weight, bias);
        }
        Tensor y = input.MatMul(weight.T);
        return bias is null ? y : y + bias;
    }

    /// <summary>
    /// Inverted dropout (PyTorch's <c>F.dropout</c>): in training, each element is zeroed with probability
    /// <paramref name="p"/> and the survivors are scaled by <c>1 / (1 - p)</c> so the expected value is unchanged;
    /// outside training it returns the input. Output shape = input shape.
    /// </summary>
    /// <param name="rng">Draws the mask; the same seed gives the same mask.</param>
    public static Tensor Dropout(Tensor input, float p, bool training, Rng rng)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(rng);
        CheckProbability(p, "Dropout", nameof(p));
        if (!training || p == 0f)
        {
            return input;
        }
        var mask = new float[input.Size];
        if (p < 1f)
        {
            float scale = 1f / (1f - p);
            for (int i = 0; i < mask.Length; i++)
            {
                mask[i] = rng.NextFloat() < p ? 0f : scale;
            }
        }
        return input * Tensor.FromBuffer(mask, input.Shape);
    }

    /// <summary>Turns a possibly negative <paramref name="dim"/> into 0..rank-1, or throws naming <paramref name="who"/>.</summary>
    public static int NormalizeDim(int dim, int rank, string who)
    {
        int d = dim < 0 ? dim + rank : dim;
        if (d < 0 || d >= rank)
        {
            throw new ArgumentOutOfRangeException(nameof(dim), dim,
                $"{who}: dim {dim} is out of range for a tensor of rank {rank} (allowed {-rank}..{rank - 1})");
        }
        return d;
    }

    internal static void CheckProbability(float p, string who, string paramName)
    {
        if (!(p >= 0f && p <= 1f))
        {
            throw new ArgumentOutOfRangeException(paramName, p, $"{who}: {paramName} must be a probability in [0, 1], got {p}");
        }
    }
}
