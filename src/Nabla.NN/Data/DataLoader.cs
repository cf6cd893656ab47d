namespace Nabla.NN.Data;

/// <summary>
/// Splits a <see cref="TensorDataset"/> into batches, reshuffled every epoch (each enumeration) when
/// <c>shuffle</c> is set, from the given <see cref="Rng"/> or else one drawn from the default generator
/// (<see cref="Rng.FromDefault"/>), so the order is reproducible either way.
/// </summary>
/// <remarks>
/// Batches are [batchSize, ...] except a smaller last one (N mod batchSize samples) unless <c>dropLast</c>.
/// The loader copies samples into two reusable buffers (features, targets) wrapped with
/// <see cref="Tensor.FromBuffer"/>, so a steady-state epoch allocates no large arrays. Hence a batch is only
/// valid until the next one is produced (see <see cref="Batch"/>).
/// </remarks>
public sealed class DataLoader : IEnumerable<Batch>
{
    private readonly int[] order;
    private readonly float[] featureBuffer;
    private readonly float[] targetBuffer;
    private readonly Shape fullFeatureShape, lastFeatureShape, fullTargetShape, lastTargetShape;

    /// <summary>Creates a loader.</summary>
    /// <param name="dataset">The samples.</param>
    /// <param name="batchSize">Samples per batch, at least 1 (capped at the dataset size).</param>
    /// <param name="shuffle">Reshuffle the sample order at the start of every epoch.</param>
    /// <param name="dropLast">Skip the last, incomplete batch.</param>
    /// <param name="rng">Source of the shuffles; default: <see cref="Rng.FromDefault"/> (seed it with <see cref="Rng.ManualSeed"/>).</param>
    public DataLoader(TensorDataset dataset, int batchSize, bool shuffle = false, bool dropLast = false, Rng? rng = null)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        if (batchSize < 1) throw new ArgumentOutOfRangeException(nameof(batchSize), $"batchSize must be at least 1, got {batchSize}.");
        if (dataset.Count == 0) throw new ArgumentException("The dataset is empty: there is nothing to load.", nameof(dataset));
        Dataset = dataset;
        BatchSize = Math.Min(batchSize, dataset.Count);
        Shuffle = shuffle;
        DropLast = dropLast;
        Rng = shuffle ? rng ?? Rng.FromDefault() : rng;
        order = new int[dataset.Count];
        for (int i = 0; i < order.Length; i++) order[i] = i;
        featureBuffer = new float[BatchSize * dataset.FeatureSize];
        targetBuffer = new float[BatchSize * dataset.TargetSize];
        int last = dataset.Count % BatchSize == 0 ? BatchSize : dataset.Count % BatchSize;
        fullFeatureShape = WithRows(dataset.Features.Shape, BatchSize);
        lastFeatureShape = WithRows(dataset.Features.Shape, last);
        fullTargetShape = WithRows(dataset.Targets.Shape, BatchSize);
        lastTargetShape = WithRows(dataset.Targets.Shape, last);
    }

    /// <summary>The dataset batches are drawn from.</summary>
    public TensorDataset Dataset { get; }

    /// <summary>Samples per full batch.</summary>
    public int BatchSize { get; }

    /// <summary>Whether each epoch reshuffles.</summary>
    public bool Shuffle { get; }

    /// <summary>Whether the incomplete last batch is skipped.</summary>
    public bool DropLast { get; }

    /// <summary>The generator used for shuffling (its state is part of a checkpoint).</summary>
    public Rng? Rng { get; }

    /// <summary>Batches per epoch.</summary>
    public int Count => DropLast ? Dataset.Count / BatchSize : (Dataset.Count + BatchSize - 1) / BatchSize;

    /// <summary>Samples visited per epoch (N, or fewer with <see cref="DropLast"/>).</summary>
    public int SamplesPerEpoch => DropLast ? Count * BatchSize : Dataset.Count;

    /// <summary>One epoch of batches; reshuffles first when <see cref="Shuffle"/> is set.</summary>
    public IEnumerator<Batch> GetEnumerator()
    {
        Reshuffle();
        int batches = Count;
        for (int b = 0; b < batches; b++)
        {
            int start = b * BatchSize;
            int size = Math.Min(BatchSize, order.Length - start);
            Dataset.Gather(order, start, size, featureBuffer, targetBuffer);
            bool full = size == BatchSize;
            yield return new Batch(
                Tensor.FromBuffer(featureBuffer, full ? fullFeatureShape : lastFeatureShape),
                Tensor.FromBuffer(targetBuffer, full ? fullTargetShape : lastTargetShape), b);
        }
    }

    /// <summary>
    /// One epoch as rank <paramref name="rank"/> of <paramref name="ranks"/> data-parallel ranks sees it: the same
    /// global batches as <see cref="GetEnumerator"/> (same shuffle), but only this rank's rows
    /// (<see cref="ShardOf"/>) are gathered, so no rank copies the features of the others' rows. Reshuffles first
    /// when <see cref="Shuffle"/> is set. Every rank must enumerate with the same generator state.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">rank is not in 0 .. ranks - 1.</exception>
    public IEnumerable<BatchShard> Shards(int rank, int ranks)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(ranks, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(rank);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(rank, ranks);
        return ranks == 1 ? this.Select(b => new BatchShard(b, 0, b.Size, b.Targets)) : ShardsOfRank(rank, ranks);
    }

    /// <summary>The rows <c>[Start, Start + Count)</c> of a global batch of <paramref name="globalSize"/> rows that rank <paramref name="rank"/> of <paramref name="ranks"/> trains on.</summary>
    public static (int Start, int Count) ShardOf(int globalSize, int rank, int ranks)
    {
        int start = (int)((long)globalSize * rank / ranks);
        int end = (int)((long)globalSize * (rank + 1) / ranks);
        return (start, end - start);
    }

    private IEnumerable<BatchShard> ShardsOfRank(int rank, int ranks)
    {
        Reshuffle();
        var shardTargets = new float[targetBuffer.Length];
        int batches = Count;
        for (int b = 0; b < batches; b++)
        {
            int start = b * BatchSize;
            int size = Math.Min(BatchSize, order.Length - start);
            var (first, count) = ShardOf(size, rank, ranks);
            Dataset.Gather(order, start + first, count, featureBuffer, shardTargets);
            Dataset.GatherTargets(order, start, size, targetBuffer);   // every rank keeps all targets for the epoch's metrics
            bool full = size == BatchSize;
            var local = new Batch(Tensor.FromBuffer(featureBuffer, WithRows(Dataset.Features.Shape, count)),
                Tensor.FromBuffer(shardTargets, WithRows(Dataset.Targets.Shape, count)), b);
            yield return new BatchShard(local, first, size, Tensor.FromBuffer(targetBuffer, full ? fullTargetShape : lastTargetShape));
        }
    }

    private void Reshuffle()
    {
        // Each epoch shuffles the identity permutation, so an epoch's order depends on the Rng state alone:
        // saving that state (a checkpoint) is enough to replay the following epochs exactly.
        if (Shuffle)
        {
            for (int i = 0; i < order.Length; i++) order[i] = i;
            Rng!.Shuffle(order.AsSpan());
        }
    }

    private static Shape WithRows(Shape shape, int rows)
    {
        var dims = shape.Dims;
        dims[0] = rows;
        return new Shape(dims);
    }

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}
