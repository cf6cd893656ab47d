namespace Nabla.NN.Data;

/// <summary>One batch from a <see cref="DataLoader"/>.</summary>
/// <param name="Features">[B, ...], the features of B samples.</param>
/// <param name="Targets">[B] or [B, k], their targets.</param>
/// <param name="Index">0-based position of the batch in the epoch.</param>
/// <remarks>
/// NOTE: the loader reuses its buffers: a batch's tensors are overwritten when the next batch is produced.
/// Finish the step (forward, backward, optimizer) before moving on, or copy (<c>ToArray</c>) what you keep.
/// </remarks>
public readonly record struct Batch(Tensor Features, Tensor Targets, int Index)
{
    /// <summary>Number of samples B in this batch.</summary>
    public int Size => Features.Shape[0];

    /// <summary>Features and targets, as PyTorch users write it: <c>foreach (var (x, y) in loader)</c>.</summary>
    public void Deconstruct(out Tensor features, out Tensor targets) => (features, targets) = (Features, Targets);
}

/// <summary>One data-parallel rank's part of a global batch (<see cref="DataLoader.Shards"/>).</summary>
/// <param name="Batch">This rank's rows of the global batch (possibly none); its index is the global batch's.</param>
/// <param name="Start">Position of this rank's first row in the global batch.</param>
/// <param name="GlobalSize">Rows of the global batch, over all ranks.</param>
/// <param name="GlobalTargets">The targets of every row of the global batch (valid until the next batch).</param>
public readonly record struct BatchShard(Batch Batch, int Start, int GlobalSize, Tensor GlobalTargets);
