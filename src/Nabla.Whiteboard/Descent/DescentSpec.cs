using System.Globalization;
using Nabla.NN.Data;

namespace Nabla.Whiteboard.Descent;

/// <summary>The model a descent trace trains.</summary>
public enum DescentModel
{
    /// <summary>prediction = w1 x1 + ... + wF xF + b, starting at <see cref="DescentSpec.InitialWeight"/> and <see cref="DescentSpec.InitialBias"/>.</summary>
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

    /// <summary>The linear model's starting weight (every wj); 0 unless the table asks otherwise (the lecture starts at 1).</summary>
    public double InitialWeight { get; init; }

    /// <summary>The linear model's starting bias.</summary>
    public double InitialBias { get; init; }

    /// <summary>The lecture's learning rate for its raw (unstandardised) table: heights near 170 need a small step.</summary>
    public const double LectureLearningRate = 1e-5;

    /// <summary>
    /// The lecture's own table, exactly as written in its notes: four people's height (cm), weight (kg) and BMI
    /// (160/60/21, 170/65/22, 180/70/20, 190/71/18), in raw units (not standardised), with the lecture's start
    /// w = 1, b = 0 and a learning rate of <see cref="LectureLearningRate"/>. The first loss is
    /// ((21 - 220)^2 + (22 - 235)^2 + (20 - 250)^2 + (18 - 261)^2) / 4 = 49229.75.
    /// </summary>
    public static DescentSpec Lecture() => new()
    {
        Features = [160, 60, 170, 65, 180, 70, 190, 71],
        Targets = [21, 22, 20, 18],
        FeatureNames = ["height", "weight"],
        TargetName = "bmi",
        Source = "the lecture's height/weight -> BMI table (4 rows, as in the lecture notes)",
        Standardize = false,
        InitialWeight = 1,
        InitialBias = 0,
        LearningRate = LectureLearningRate,
    };

    /// <summary>
    /// A table read from the CSV file <paramref name="path"/>: <paramref name="target"/> is the target, every other column
    /// a feature, and every cell must be a finite number. The other settings keep their defaults.
    /// </summary>
    /// <exception cref="ArgumentException">The target column is missing or the only column, the file has no rows, or a
    /// cell is not a number (file, line and column named).</exception>
    public static DescentSpec FromCsv(string path, string target)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(target);
        var table = CsvTable.Load(path);
        int t = table.ColumnNames.ToList().IndexOf(target);
        if (t < 0) throw new ArgumentException($"{path} has no column '{target}'; its columns are {string.Join(", ", table.ColumnNames)}.");
        var featureColumns = Enumerable.Range(0, table.ColumnCount).Where(c => c != t).ToArray();
        if (featureColumns.Length == 0) throw new ArgumentException($"{path} has only the target column '{target}'; descend needs at least one feature column.");
        if (table.RowCount == 0) throw new ArgumentException($"{path} has no data rows.");
        var features = new float[table.RowCount * featureColumns.Length];
        var targets = new float[table.RowCount];
        for (int r = 0; r < table.RowCount; r++)
        {
            for (int k = 0; k < featureColumns.Length; k++) features[r * featureColumns.Length + k] = Number(table, path, r, featureColumns[k]);
            targets[r] = Number(table, path, r, t);
        }
        return new DescentSpec
        {
            Features = features,
            Targets = targets,
            FeatureNames = featureColumns.Select(c => table.ColumnNames[c]).ToArray(),
            TargetName = target,
            Source = $"{Path.GetFileName(path)} ({table.RowCount} rows)",
        };
    }

    private static float Number(CsvTable table, string path, int row, int column)
    {
        string cell = table[row, column];
        if (float.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out float v) && float.IsFinite(v)) return v;
        throw new ArgumentException($"{path}, line {table.Rows[row].Line}, column '{table.ColumnNames[column]}': '{cell}' is not a number (descend needs numeric columns).");
    }
}
