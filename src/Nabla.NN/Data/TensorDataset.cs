namespace Nabla.NN.Data;

/// <summary>
/// A dataset held in memory as two tensors whose first dimension indexes the samples (PyTorch's
/// <c>TensorDataset</c> for the common features/targets pair).
/// </summary>
/// <remarks>Features have shape [N, ...] (e.g. [N, 784] or [N, 1, 28, 28]); targets [N] (class indices or values) or [N, k].</remarks>
public sealed class TensorDataset
{
    /// <summary>Wraps <paramref name="features"/> [N, ...] and <paramref name="targets"/> [N] or [N, k] (not copied).</summary>
    public TensorDataset(Tensor features, Tensor targets)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(targets);
        if (features.Rank == 0 || targets.Rank == 0)
            throw new ArgumentException($"TensorDataset needs tensors whose first dimension is the sample; got features {features.Shape} and targets {targets.Shape}.");
        if (features.Shape[0] != targets.Shape[0])
            throw new ArgumentException(
                $"TensorDataset: features {features.Shape} have {features.Shape[0]} samples but targets {targets.Shape} have {targets.Shape[0]}; the first dimensions must match.");
        Features = features;
        Targets = targets;
    }

    /// <summary>All features, [N, ...].</summary>
    public Tensor Features { get; }

    /// <summary>All targets, [N] or [N, k].</summary>
    public Tensor Targets { get; }

    /// <summary>Number of samples N.</summary>
    public int Count => Features.Shape[0];

    /// <summary>Floats per sample in <see cref="Features"/> (product of the dimensions after the first).</summary>
    public int FeatureSize => Count == 0 ? Features.Shape.Dims.Skip(1).Aggregate(1, (a, b) => a * b) : Features.Size / Count;

    /// <summary>Floats per sample in <see cref="Targets"/>.</summary>
    public int TargetSize => Count == 0 ? Targets.Shape.Dims.Skip(1).Aggregate(1, (a, b) => a * b) : Targets.Size / Count;

    /// <summary>A new dataset with copies of the samples at <paramref name="indices"/>, in that order.</summary>
    public TensorDataset Subset(IReadOnlyList<int> indices)
    {
        ArgumentNullException.ThrowIfNull(indices);
        var features = new float[indices.Count * FeatureSize];
        var targets = new float[indices.Count * TargetSize];
        Gather(indices, 0, indices.Count, features, targets);
        var fShape = Features.Shape.Dims; fShape[0] = indices.Count;
        var tShape = Targets.Shape.Dims; tShape[0] = indices.Count;
        return new TensorDataset(Tensor.FromBuffer(features, fShape), Tensor.FromBuffer(targets, tShape));
    }

    /// <summary>
    /// Copies samples <c>indices[start .. start+count)</c> into the front of the given buffers, row after row.
    /// The buffers must hold at least count * FeatureSize and count * TargetSize floats.
    /// </summary>
    public void Gather(IReadOnlyList<int> indices, int start, int count, Span<float> features, Span<float> targets)
    {
        ArgumentNullException.ThrowIfNull(indices);
        int fs = FeatureSize, ts = TargetSize, n = Count;
        ReadOnlySpan<float> allF = Features.AsSpan(), allT = Targets.AsSpan();
        for (int k = 0; k < count; k++)
        {
            int i = indices[start + k];
            if ((uint)i >= (uint)n) throw new ArgumentOutOfRangeException(nameof(indices), $"Sample index {i} is outside 0..{n - 1}.");
            allF.Slice(i * fs, fs).CopyTo(features.Slice(k * fs, fs));
            allT.Slice(i * ts, ts).CopyTo(targets.Slice(k * ts, ts));
        }
    }

    /// <summary>As <see cref="Gather"/>, for the targets alone (a data-parallel rank gathers all targets of a batch but only its own rows' features).</summary>
    public void GatherTargets(IReadOnlyList<int> indices, int start, int count, Span<float> targets)
    {
        ArgumentNullException.ThrowIfNull(indices);
        int ts = TargetSize, n = Count;
        ReadOnlySpan<float> allT = Targets.AsSpan();
        for (int k = 0; k < count; k++)
        {
            int i = indices[start + k];
            if ((uint)i >= (uint)n) throw new ArgumentOutOfRangeException(nameof(indices), $"Sample index {i} is outside 0..{n - 1}.");
            allT.Slice(i * ts, ts).CopyTo(targets.Slice(k * ts, ts));
        }
    }
}
