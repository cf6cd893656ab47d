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
