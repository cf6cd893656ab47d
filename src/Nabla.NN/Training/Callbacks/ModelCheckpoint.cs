using System.Globalization;

namespace Nabla.NN.Training;

/// <summary>
/// Saves full checkpoints (see <see cref="Checkpoint"/>) into a directory: <c>epoch-0005.safetensors</c> every
/// <see cref="EveryEpochs"/> epochs and/or <c>best.safetensors</c> whenever the monitored value improves.
/// Files are written atomically, so an interrupted run never leaves a half-written checkpoint.
/// </summary>
public sealed class ModelCheckpoint : Callback
{
    private readonly MonitoredValue? monitored;

    /// <summary>Creates the callback.</summary>
    /// <param name="directory">Where the files go (created if needed).</param>
    /// <param name="everyEpochs">Save <c>epoch-NNNN.safetensors</c> every this many epochs; 0 turns periodic saving off.</param>
    /// <param name="saveBest">Save <c>best.safetensors</c> when <paramref name="monitor"/> improves.</param>
    /// <param name="monitor">History key for "best" (falls back to the training value without validation).</param>
    /// <param name="mode">Whether smaller or larger is better; Auto decides from the name.</param>
    public ModelCheckpoint(string directory, int everyEpochs = 1, bool saveBest = true, string monitor = "val_loss", MonitorMode mode = MonitorMode.Auto)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        if (everyEpochs < 0) throw new ArgumentOutOfRangeException(nameof(everyEpochs), $"everyEpochs must be 0 (off) or positive, got {everyEpochs}.");
        if (everyEpochs == 0 && !saveBest) throw new ArgumentException("ModelCheckpoint with everyEpochs = 0 and saveBest = false would never save anything.");
        Directory = directory;
        EveryEpochs = everyEpochs;
        if (saveBest) monitored = new MonitoredValue(monitor, mode, 0);
    }

    /// <summary>The output directory.</summary>
    public string Directory { get; }

    /// <summary>Periodic saving interval in epochs (0 = off).</summary>
    public int EveryEpochs { get; }

    /// <summary>Path of the best checkpoint.</summary>
    public string BestPath => Path.Combine(Directory, "best.safetensors");

    /// <summary>Path of the periodic checkpoint after <paramref name="epoch"/>.</summary>
    public string EpochPath(int epoch) => Path.Combine(Directory, $"epoch-{epoch.ToString("D4", CultureInfo.InvariantCulture)}.safetensors");

    /// <summary>Epoch of the best checkpoint written so far (0 if none).</summary>
    public int BestEpoch => monitored?.BestEpoch ?? 0;

    /// <inheritdoc/>
    public override void OnTrainBegin(TrainingContext context)
    {
        System.IO.Directory.CreateDirectory(Directory);
        monitored?.Begin(context, "ModelCheckpoint");
    }

    /// <inheritdoc/>
    public override void OnEpochEnd(TrainingContext context, EpochRecord record)
    {
        // Never save a diverged model: a non-finite loss, or an epoch cut short (TerminateOnNaN also stops a finite
        // loss that grew a million-fold, mid-epoch).
        if (!double.IsFinite(record.TrainLoss) || record.Steps < context.BatchesPerEpoch) return;
        if (EveryEpochs > 0 && record.Epoch % EveryEpochs == 0) Checkpoint.Save(context.Trainer, EpochPath(record.Epoch));
        if (monitored is not null && monitored.Update(record, out _)) Checkpoint.Save(context.Trainer, BestPath);
    }
}
