namespace Nabla.NN.Training;

/// <summary>
/// Where a <see cref="Trainer.Fit"/> is, reported through <see cref="IProgress{T}"/> after every batch and once more
/// at the end of every epoch (then with <see cref="Completed"/> set), for progress bars and dashboards.
/// </summary>
/// <param name="Epoch">The epoch running (1-based, counted across resumed runs).</param>
/// <param name="TotalEpochs">The epoch Fit trains up to (an early-stopping run usually ends before).</param>
/// <param name="Batch">Batches finished in this epoch.</param>
/// <param name="BatchesPerEpoch">Batches in one epoch.</param>
/// <param name="Samples">Samples finished in this epoch.</param>
/// <param name="SamplesPerEpoch">Samples in one epoch.</param>
/// <param name="RunningLoss">Mean training loss over this epoch's finished batches (NaN once a batch's loss was not finite).</param>
/// <param name="Elapsed">Wall time since this Fit started.</param>
/// <param name="Completed">The finished epoch's record on the end-of-epoch report; null on batch reports.</param>
public sealed record TrainingProgress(
    int Epoch, int TotalEpochs, int Batch, int BatchesPerEpoch, long Samples, long SamplesPerEpoch,
    double RunningLoss, TimeSpan Elapsed, EpochRecord? Completed = null)
{
    /// <summary>Fraction of this epoch done, in [0, 1].</summary>
    public double EpochFraction => BatchesPerEpoch == 0 ? 1 : (double)Batch / BatchesPerEpoch;
}
