namespace Nabla.NN.Training;

/// <summary>
/// Where a <see cref="Trainer.Predict(Tensor, IProgress{InferenceProgress}?, CancellationToken)"/> or
/// <see cref="Trainer.Evaluate(Nabla.NN.Data.TensorDataset, IProgress{InferenceProgress}?, CancellationToken)"/> is, reported through
/// <see cref="IProgress{T}"/> after every batch of <see cref="TrainerOptions.EvaluationBatchSize"/> samples.
/// </summary>
/// <param name="Batch">Batches finished.</param>
/// <param name="Batches">Batches in all.</param>
/// <param name="Samples">Samples finished.</param>
/// <param name="TotalSamples">Samples in all.</param>
/// <param name="Elapsed">Wall time since the call started.</param>
public sealed record InferenceProgress(int Batch, int Batches, long Samples, long TotalSamples, TimeSpan Elapsed)
{
    /// <summary>Fraction done, in [0, 1].</summary>
    public double Fraction => TotalSamples == 0 ? 1 : (double)Samples / TotalSamples;
}
