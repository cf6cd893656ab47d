namespace Nabla.NN.Tuning;

/// <summary>One point of a <see cref="SearchSpace"/>: the settings a trial trains with.</summary>
/// <param name="Width">Units of every hidden layer.</param>
/// <param name="Depth">Hidden layers (0 for a linear model).</param>
/// <param name="LearningRate">The optimizer's learning rate.</param>
/// <param name="WeightDecay">The optimizer's weight decay.</param>
/// <param name="BatchSize">Samples per step.</param>
public sealed record TrialConfig(int Width, int Depth, float LearningRate, float WeightDecay, int BatchSize)
{
    /// <summary>The hidden layer widths: <see cref="Depth"/> times <see cref="Width"/>.</summary>
    public IReadOnlyList<int> Layers => Enumerable.Repeat(Width, Depth).ToArray();
}

/// <summary>
/// The values a <see cref="Tuner"/> tries for each setting; the space is their product (grid search visits every
/// point, random search draws distinct points). The defaults span what usually matters for a tabular MLP.
/// </summary>
public sealed record SearchSpace
{
    /// <summary>Hidden layer widths.</summary>
    public IReadOnlyList<int> Widths { get; init; } = [32, 64, 128, 256];

    /// <summary>Hidden layer counts.</summary>
    public IReadOnlyList<int> Depths { get; init; } = [1, 2, 3];

    /// <summary>Learning rates.</summary>
    public IReadOnlyList<float> LearningRates { get; init; } = [3e-4f, 1e-3f, 3e-3f, 1e-2f];

    /// <summary>Weight decays.</summary>
    public IReadOnlyList<float> WeightDecays { get; init; } = [0f, 1e-5f, 1e-4f, 1e-3f];

    /// <summary>Batch sizes.</summary>
    public IReadOnlyList<int> BatchSizes { get; init; } = [16, 32, 64, 128];

    /// <summary>Number of points (the product of the list lengths).</summary>
    public long Count => (long)Widths.Count * Depths.Count * LearningRates.Count * WeightDecays.Count * BatchSizes.Count;

    /// <summary>The point at <paramref name="index"/> in 0..<see cref="Count"/>-1 (batch size varies fastest, width slowest).</summary>
    public TrialConfig At(long index)
    {
        Validate();
        if (index < 0 || index >= Count) throw new ArgumentOutOfRangeException(nameof(index), $"Point {index} is outside the search space of {Count} points.");
        int batch = (int)(index % BatchSizes.Count); index /= BatchSizes.Count;
        int decay = (int)(index % WeightDecays.Count); index /= WeightDecays.Count;
        int lr = (int)(index % LearningRates.Count); index /= LearningRates.Count;
        int depth = (int)(index % Depths.Count); index /= Depths.Count;
        return new TrialConfig(Widths[(int)index], Depths[depth], LearningRates[lr], WeightDecays[decay], BatchSizes[batch]);
    }

    /// <summary>Checks every list is non-empty and every value in range.</summary>
    /// <exception cref="ArgumentException">Names the list and the value.</exception>
    public void Validate()
    {
        static void Check<T>(IReadOnlyList<T> values, string name, Func<T, bool> ok, string rule)
        {
            if (values is null || values.Count == 0) throw new ArgumentException($"The search space's {name} list is empty.");
            foreach (var v in values)
                if (!ok(v)) throw new ArgumentException($"The search space's {name} holds {v}; {rule}.");
        }
        Check(Widths, "width", v => v >= 1, "widths must be at least 1");
        Check(Depths, "depth", v => v >= 0, "depths must be 0 or more");
        Check(LearningRates, "learning-rate", v => v > 0 && float.IsFinite(v), "learning rates must be positive");
        Check(WeightDecays, "weight-decay", v => v >= 0 && float.IsFinite(v), "weight decays must be 0 or more");
        Check(BatchSizes, "batch-size", v => v >= 1, "batch sizes must be at least 1");
    }
}
