using Nabla.NN.Data;

namespace Nabla.Whiteboard.Descent;

/// <summary>The model a descent trace trains.</summary>
public enum DescentModel
{
    /// <summary>prediction = w1 x1 + ... + wF xF + b, every parameter starting at 0.</summary>
    Linear,
    /// <summary>A small MLP: F -> <see cref="DescentSpec.Hidden"/> (tanh) -> 1, initialised from the seed (PyTorch's Linear default).</summary>
    Mlp,
}

/// <summary>
/// What <c>nabla descend</c> traces: a regression table (features and one target), the model, the gradient
/// descent mode (<see cref="GradientDescentMode"/>), learning rate and number of steps. The loss is the mean
/// squared error of the step's batch.
/// </summary>
public sealed record DescentSpec
{
    /// <summary>Features, row-major [rows, FeatureNames.Count].</summary>
    public required float[] Features { get; init; }

    /// <summary>The target of every row.</summary>
    public required float[] Targets { get; init; }

    /// <summary>Feature (column) names.</summary>
    public required IReadOnlyList<string> FeatureNames { get; init; }

    /// <summary>The target's name.</summary>
    public required string TargetName { get; init; }

    /// <summary>Where the table came from, for the transcript's heading.</summary>
    public string Source { get; init; } = "data";

    /// <summary>Linear or a small MLP.</summary>
    public DescentModel Model { get; init; } = DescentModel.Linear;

    /// <summary>Hidden width of the MLP.</summary>
    public int Hidden { get; init; } = 3;

    /// <summary>Whole set per step, mini-batches or one sample per step.</summary>
    public GradientDescentMode Mode { get; init; } = GradientDescentMode.Batch;

    /// <summary>Learning rate of plain SGD: p = p - lr * dL/dp.</summary>
    public double LearningRate { get; init; } = 0.1;

    /// <summary>Number of steps traced.</summary>
    public int Steps { get; init; } = 5;

    /// <summary>Seed of the MLP's initial weights and of the shuffling.</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>
    /// Standardise every feature to mean 0 and standard deviation 1 before training (the table shows both
    /// forms). Raw heights near 170 would need a tiny learning rate; standardised, lr = 0.1 works.
    /// </summary>
    public bool Standardize { get; init; } = true;

    /// <summary>Significant digits of printed numbers.</summary>
    public int Precision { get; init; } = 4;

    /// <summary>
    /// The lectures' tiny table: six people's height (cm) and weight (kg) and their BMI, from
    /// <see cref="BuiltInDatasets.HeightWeightBmi"/> with a fixed seed, so the table is always the same.
    /// </summary>
    public static DescentSpec Bmi()
    {
        var table = BuiltInDatasets.HeightWeightBmi(new Rng(7), count: 6);
        return new DescentSpec
        {
            Features = table.Features,
            Targets = table.Targets,
            FeatureNames = table.FeatureNames,
            TargetName = "bmi",
            Source = "the lectures' height/weight -> BMI table (6 rows)",
        };
    }
}
