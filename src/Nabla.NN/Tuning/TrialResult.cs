using System.Globalization;
using System.Text;

namespace Nabla.NN.Tuning;

/// <summary>The outcome of one trial.</summary>
/// <param name="Trial">The trial's number (0-based, in the order the search drew it).</param>
/// <param name="Config">The settings it trained with.</param>
/// <param name="Score">Mean validation score over the folds: R^2 (regression) or accuracy (classification).</param>
/// <param name="ScoreStd">Standard deviation of the score over the folds (0 with one validation split).</param>
/// <param name="Loss">Mean validation loss over the folds (the tie-breaker).</param>
/// <param name="Epochs">Mean epochs trained per fold (early stopping ends most trials before the cap).</param>
public sealed record TrialResult(int Trial, TrialConfig Config, double Score, double ScoreStd, double Loss, double Epochs);

/// <summary>The trials of a <see cref="Tuner"/> run, best first (higher score, then lower loss, then lower trial number).</summary>
public sealed class Leaderboard
{
    /// <summary>Creates the leaderboard, sorting <paramref name="trials"/>.</summary>
    public Leaderboard(string metric, IEnumerable<TrialResult> trials)
    {
        ArgumentException.ThrowIfNullOrEmpty(metric);
        ArgumentNullException.ThrowIfNull(trials);
        Metric = metric;
        // NaN scores (a diverged trial) sort last; the order never depends on which trial finished first.
        Trials = trials.OrderByDescending(t => double.IsNaN(t.Score) ? double.NegativeInfinity : t.Score)
            .ThenBy(t => double.IsNaN(t.Loss) ? double.PositiveInfinity : t.Loss).ThenBy(t => t.Trial).ToArray();
        if (Trials.Count == 0) throw new ArgumentException("A leaderboard needs at least one trial.", nameof(trials));
    }

    /// <summary>What <see cref="TrialResult.Score"/> measures: <c>r2</c> or <c>accuracy</c>.</summary>
    public string Metric { get; }

    /// <summary>The trials, best first.</summary>
    public IReadOnlyList<TrialResult> Trials { get; }

    /// <summary>The best trial.</summary>
    public TrialResult Best => Trials[0];

    /// <summary>The column names of <see cref="ToCsv"/>.</summary>
    public IReadOnlyList<string> Columns => ["rank", "trial", "width", "depth", "lr", "weight_decay", "batch_size", Metric, Metric + "_std", "val_loss", "epochs"];

    /// <summary>The rows of <see cref="ToCsv"/> as text (invariant culture), best first.</summary>
    public IEnumerable<string[]> Rows() => Trials.Select((t, i) => new[]
    {
        (i + 1).ToString(CultureInfo.InvariantCulture), t.Trial.ToString(CultureInfo.InvariantCulture),
        t.Config.Width.ToString(CultureInfo.InvariantCulture), t.Config.Depth.ToString(CultureInfo.InvariantCulture),
        t.Config.LearningRate.ToString("R", CultureInfo.InvariantCulture), t.Config.WeightDecay.ToString("R", CultureInfo.InvariantCulture),
        t.Config.BatchSize.ToString(CultureInfo.InvariantCulture), t.Score.ToString("F6", CultureInfo.InvariantCulture),
        t.ScoreStd.ToString("F6", CultureInfo.InvariantCulture), t.Loss.ToString("G6", CultureInfo.InvariantCulture),
        t.Epochs.ToString("F1", CultureInfo.InvariantCulture),
    });

    /// <summary>The leaderboard as CSV (header, then one line per trial, best first).</summary>
    public string ToCsv()
    {
        var sb = new StringBuilder().AppendJoin(',', Columns).Append('\n');
        foreach (var row in Rows()) sb.AppendJoin(',', row).Append('\n');
        return sb.ToString();
    }
}

/// <summary>
/// What <c>nabla tune --json</c> prints: the best point, its cross-validated or validation score, the number of trials
/// and the output folder.
/// </summary>
public sealed record TuningSummary
{
    /// <summary>The best trial's hidden layers.</summary>
    [System.Text.Json.Serialization.JsonPropertyName("layers")] public required IReadOnlyList<int> Layers { get; init; }

    /// <summary>The best trial's learning rate.</summary>
    [System.Text.Json.Serialization.JsonPropertyName("lr")] public float LearningRate { get; init; }

    /// <summary>The best trial's weight decay.</summary>
    [System.Text.Json.Serialization.JsonPropertyName("weight_decay")] public float WeightDecay { get; init; }

    /// <summary>The best trial's batch size.</summary>
    [System.Text.Json.Serialization.JsonPropertyName("batch_size")] public int BatchSize { get; init; }

    /// <summary>r2 or accuracy.</summary>
    [System.Text.Json.Serialization.JsonPropertyName("metric")] public required string Metric { get; init; }

    /// <summary>The best trial's score (rounded to 6 decimals; null when not finite).</summary>
    [System.Text.Json.Serialization.JsonPropertyName("score")] public double? Score { get; init; }

    /// <summary>Trials run.</summary>
    [System.Text.Json.Serialization.JsonPropertyName("trials")] public int Trials { get; init; }

    /// <summary>The output folder (leaderboard.csv, report.html, best/).</summary>
    [System.Text.Json.Serialization.JsonPropertyName("output")] public required string Output { get; init; }

    /// <summary>The summary of <paramref name="board"/>'s best trial.</summary>
    public static TuningSummary Of(Leaderboard board, string output)
    {
        ArgumentNullException.ThrowIfNull(board);
        var best = board.Best;
        return new TuningSummary
        {
            Layers = best.Config.Layers, LearningRate = best.Config.LearningRate, WeightDecay = best.Config.WeightDecay,
            BatchSize = best.Config.BatchSize, Metric = board.Metric, Score = double.IsFinite(best.Score) ? Math.Round(best.Score, 6) : null,
            Trials = board.Trials.Count, Output = output,
        };
    }

    /// <summary>The summary as indented JSON (source-generated, no reflection).</summary>
    public string ToJson() => System.Text.Json.JsonSerializer.Serialize(this, TuningJsonContext.Default.TuningSummary);
}

/// <summary>Source-generated JSON of <see cref="TuningSummary"/>.</summary>
[System.Text.Json.Serialization.JsonSourceGenerationOptions(WriteIndented = true)]
[System.Text.Json.Serialization.JsonSerializable(typeof(TuningSummary))]
internal sealed partial class TuningJsonContext : System.Text.Json.Serialization.JsonSerializerContext;
