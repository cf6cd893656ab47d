namespace Nabla.NN.Training;

/// <summary>
/// Writes a full <see cref="Checkpoint"/> to one path at the end of every <c>everyEpochs</c>-th epoch, so a run killed
/// at any moment can continue with <see cref="Trainer.LoadCheckpoint"/> (the CLI's <c>--resume</c>). Unlike
/// <see cref="ModelCheckpoint"/>, which keeps one file per epoch and the best one, this keeps a single rolling file:
/// always the latest good state.
/// </summary>
/// <remarks>
/// Only good states are written: an epoch that was cut short (stopped mid-epoch, e.g. by divergence), that ended with a
/// non-finite loss, or that left a non-finite weight is skipped, so the file on disk stays the last good checkpoint.
/// Each write is atomic (temporary file in the same folder, flush, fsync, rename): a kill during a write leaves the
/// previous checkpoint intact, never a torn file. The state of every <see cref="IStatefulCallback"/> of the run is saved
/// too (the trainer runs this callback after the others in each epoch, so that state includes the epoch's update).
/// </remarks>
public sealed class PeriodicCheckpoint : Callback
{
    private readonly string _path;
    private readonly int _every;

    /// <summary>Checkpoints to <paramref name="path"/> every <paramref name="everyEpochs"/> epochs (default: each).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="everyEpochs"/> is below 1.</exception>
    public PeriodicCheckpoint(string path, int everyEpochs = 1)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (everyEpochs < 1)
            throw new ArgumentOutOfRangeException(nameof(everyEpochs), everyEpochs, "PeriodicCheckpoint: everyEpochs must be at least 1.");
        _path = path;
        _every = everyEpochs;
    }

    /// <summary>Epoch of the last checkpoint written by this callback, or null.</summary>
    public int? LastSavedEpoch { get; private set; }

    /// <inheritdoc/>
    public override void OnEpochEnd(TrainingContext context, EpochRecord record)
    {
        if (record.Epoch % _every != 0 && record.Epoch != context.TotalEpochs) return;
        if (record.Steps < context.BatchesPerEpoch || !double.IsFinite(record.TrainLoss)) return;
        foreach (var p in context.Model.Parameters())
            foreach (float v in p.Value.AsSpan())
                if (!float.IsFinite(v)) return;
        Checkpoint.Save(context.Trainer, _path, context.Callbacks);
        LastSavedEpoch = record.Epoch;
    }
}
