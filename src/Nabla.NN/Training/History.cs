using System.Globalization;

namespace Nabla.NN.Training;

/// <summary>What happened in one epoch of <see cref="Trainer.Fit"/>.</summary>
public sealed class EpochRecord
{
    /// <summary>1-based epoch number.</summary>
    public required int Epoch { get; init; }

    /// <summary>Mean training loss over the epoch's samples (each step's mean loss weighted by its batch size).</summary>
    public required double TrainLoss { get; init; }

    /// <summary>Validation loss, or null without a validation set.</summary>
    public double? ValidationLoss { get; init; }

    /// <summary>
    /// Metric values by name: training metrics as named (<c>"accuracy"</c>), validation metrics prefixed
    /// <c>"val_"</c>, plus <c>"loss"</c> and <c>"val_loss"</c>.
    /// </summary>
    public required IReadOnlyDictionary<string, double> Metrics { get; init; }

    /// <summary>Learning rate used during this epoch.</summary>
    public required double LearningRate { get; init; }

    /// <summary>Wall-clock time of the epoch: its training steps, training metrics and validation (callbacks' epoch-end work excluded).</summary>
    public required TimeSpan Duration { get; init; }

    /// <summary>Number of optimizer steps taken in this epoch.</summary>
    public required int Steps { get; init; }

    /// <summary>Per-layer gradient and activation statistics, or null when diagnostics were off.</summary>
    public GradientReport? Diagnostics { get; init; }

    /// <summary>The metric named <paramref name="name"/> (including "loss" and "val_loss"), or null if absent.</summary>
    public double? Get(string name) => Metrics.TryGetValue(name, out double v) ? v : null;

    /// <summary>One line: <c>epoch 3/10  loss 0.4123  accuracy 0.8800  val_loss ...  lr 0.01  0.12s</c>.</summary>
    public string Format(int totalEpochs)
    {
        var parts = new List<string> { $"epoch {Epoch}/{totalEpochs}" };
        foreach (var (name, value) in Metrics) parts.Add($"{name} {FormatValue(value)}");
        parts.Add($"lr {LearningRate.ToString("G4", CultureInfo.InvariantCulture)}");
        parts.Add($"{Duration.TotalSeconds.ToString("F2", CultureInfo.InvariantCulture)}s");
        return string.Join("  ", parts);
    }

    internal static string FormatValue(double v) => v.ToString(Math.Abs(v) >= 1e4 || (v != 0 && Math.Abs(v) < 1e-3) ? "E3" : "F4", CultureInfo.InvariantCulture);
}

/// <summary>
/// The per-epoch record of a training run (Keras's <c>History</c>): losses, metrics, learning rate, time
/// and gradient diagnostics, plus the warnings raised along the way.
/// </summary>
public sealed class History
{
    private readonly List<EpochRecord> epochs = [];
    private readonly List<string> warnings = [];

    /// <summary>The epochs in order.</summary>
    public IReadOnlyList<EpochRecord> Epochs => epochs;

    /// <summary>Warnings (vanishing/exploding gradients, stopped early, ...), in the order they were raised.</summary>
    public IReadOnlyList<string> Warnings => warnings;

    /// <summary>Why training ended before the requested number of epochs, or null if it ran them all.</summary>
    public string? StopReason { get; internal set; }

    /// <summary>Training loss per epoch.</summary>
    public IReadOnlyList<double> Loss => epochs.Select(e => e.TrainLoss).ToArray();

    /// <summary>Validation loss per epoch (empty without validation).</summary>
    public IReadOnlyList<double> ValidationLoss => epochs.Where(e => e.ValidationLoss.HasValue).Select(e => e.ValidationLoss!.Value).ToArray();

    /// <summary>Learning rate per epoch.</summary>
    public IReadOnlyList<double> LearningRate => epochs.Select(e => e.LearningRate).ToArray();

    /// <summary>The values of metric <paramref name="name"/> (e.g. "val_accuracy") per epoch; NaN where missing.</summary>
    public IReadOnlyList<double> this[string name] => epochs.Select(e => e.Get(name) ?? double.NaN).ToArray();

    /// <summary>
    /// Every value name recorded (<c>loss</c>, <c>accuracy</c>, <c>val_loss</c>, ...), in the order the trainer first
    /// reported them: the keys <see cref="this[string]"/> accepts.
    /// </summary>
    public IReadOnlyList<string> Keys
    {
        get
        {
            var names = new List<string>();
            foreach (var e in epochs)
                foreach (var k in e.Metrics.Keys)
                    if (!names.Contains(k)) names.Add(k);
            return names;
        }
    }

    /// <summary>
    /// The history as CSV (the <c>metrics.csv</c> of a run): one row per epoch with <c>epoch, lr, seconds</c> and every
    /// value in <see cref="Keys"/> (empty where an epoch has none), numbers in round-trip form.
    /// </summary>
    public string ToCsv()
    {
        var names = Keys;
        var csv = new System.Text.StringBuilder("epoch,lr,seconds");
        foreach (var n in names) csv.Append(',').Append(Data.CsvText.Quote(n));
        csv.Append('\n');
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        foreach (var e in epochs)
        {
            csv.Append(e.Epoch.ToString(inv)).Append(',').Append(e.LearningRate.ToString("R", inv)).Append(',')
               .Append(e.Duration.TotalSeconds.ToString("F4", inv));
            foreach (var n in names) csv.Append(',').Append(e.Get(n) is { } v ? v.ToString("R", inv) : "");
            csv.Append('\n');
        }
        return csv.ToString();
    }

    /// <summary>The last epoch's record, or null before the first epoch ends.</summary>
    public EpochRecord? Last => epochs.Count == 0 ? null : epochs[^1];

    internal void Add(EpochRecord record) => epochs.Add(record);

    internal void AddWarning(string message) => warnings.Add(message);

    /// <summary>Replaces the content with <paramref name="other"/>'s (used when resuming from a checkpoint).</summary>
    internal void ReplaceWith(History other)
    {
        epochs.Clear();
        epochs.AddRange(other.epochs);
        warnings.Clear();
        warnings.AddRange(other.warnings);
        StopReason = other.StopReason;
    }
}
