namespace Nabla.NN.Data;

/// <summary>
/// How many samples each optimizer step sees, the three ways the lectures teach gradient descent.
/// </summary>
/// <remarks>
/// With a mean-reduced loss the gradient of a step is the average of the per-sample gradients of its batch:
/// <list type="bullet">
/// <item><see cref="Batch"/>: one step per epoch on all N samples (the true gradient of the training loss); no shuffling needed.</item>
/// <item><see cref="MiniBatch"/>(n): ceil(N / n) steps per epoch, on batches of n samples reshuffled every epoch.</item>
/// <item><see cref="Stochastic"/>: N steps per epoch, one sample each, in a fresh random order every epoch.</item>
/// </list>
/// </remarks>
public sealed class GradientDescentMode
{
    private GradientDescentMode(string name, int batchSize, bool shuffle, bool dropLast)
    {
        Name = name;
        RequestedBatchSize = batchSize;
        Shuffle = shuffle;
        DropLast = dropLast;
    }

    /// <summary>Full-batch gradient descent: every step uses the whole training set.</summary>
    public static GradientDescentMode Batch { get; } = new("batch", int.MaxValue, shuffle: false, dropLast: false);

    /// <summary>Stochastic gradient descent: one randomly chosen sample per step.</summary>
    public static GradientDescentMode Stochastic { get; } = new("stochastic", 1, shuffle: true, dropLast: false);

    /// <summary>Mini-batch gradient descent: batches of <paramref name="batchSize"/> samples, reshuffled every epoch.</summary>
    /// <param name="batchSize">Samples per step, at least 1.</param>
    /// <param name="dropLast">Skip the smaller last batch of each epoch.</param>
    public static GradientDescentMode MiniBatch(int batchSize, bool dropLast = false)
    {
        if (batchSize < 1) throw new ArgumentOutOfRangeException(nameof(batchSize), $"A mini-batch needs at least 1 sample, got {batchSize}.");
        return new GradientDescentMode($"mini-batch({batchSize})", batchSize, shuffle: true, dropLast);
    }

    /// <summary>"batch", "stochastic" or "mini-batch(n)".</summary>
    public string Name { get; }

    /// <summary>The batch size asked for (int.MaxValue for <see cref="Batch"/>, meaning "all samples").</summary>
    public int RequestedBatchSize { get; }

    /// <summary>Whether the sample order is reshuffled every epoch.</summary>
    public bool Shuffle { get; }

    /// <summary>Whether an incomplete last batch is skipped.</summary>
    public bool DropLast { get; }

    /// <summary>The batch size for a training set of <paramref name="count"/> samples.</summary>
    public int BatchSizeFor(int count) => Math.Max(1, Math.Min(RequestedBatchSize, count));

    /// <summary>A loader over <paramref name="dataset"/> implementing this mode.</summary>
    public DataLoader CreateLoader(TensorDataset dataset, Rng rng) =>
        new(dataset, BatchSizeFor(dataset.Count), Shuffle, DropLast, Shuffle ? rng : null);

    /// <inheritdoc/>
    public override string ToString() => Name;
}
