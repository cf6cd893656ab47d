namespace Nabla.NN.Training;

/// <summary>Settings of a <see cref="Trainer"/>; every property has a sensible default.</summary>
public sealed record TrainerOptions
{
    /// <summary>Seed of the trainer's own <see cref="Rng"/>, which shuffles the batches (model initialisation and dropout use their own).</summary>
    public ulong Seed { get; init; }

    /// <summary>The task; null infers it from the training targets (see <see cref="TaskInference"/>).</summary>
    public TaskSpec? Task { get; init; }

    /// <summary>Metrics computed every epoch on training and validation data; null uses <see cref="Metric.DefaultsFor"/>.</summary>
    public IReadOnlyList<Metric>? Metrics { get; init; }

    /// <summary>Gradient diagnostics settings (on by default).</summary>
    public DiagnosticsOptions Diagnostics { get; init; } = new();

    /// <summary>Add a <see cref="TerminateOnNaN"/> callback automatically (on by default).</summary>
    public bool TerminateOnNaN { get; init; } = true;

    /// <summary>If set, rescale the gradients before each step so their global L2 norm is at most this value.</summary>
    public float? ClipGradNorm { get; init; }

    /// <summary>
    /// Train eligible multi-layer perceptrons (Dense layers with activations that declare a fused kernel and Dropout,
    /// cross-entropy on class indices or MSE, no regularizer) on <see cref="FusedMlp"/>: the same gradients up to float
    /// rounding, without building a graph or allocating per step (on by default). False forces the autograd path.
    /// </summary>
    public bool UseFusedPath { get; init; } = true;

    /// <summary>
    /// Called once per step with every parameter, after the gradients are computed (by either step kind) and before
    /// diagnostics, clipping and the optimizer step; skipped for a step whose loss is not finite. This is where
    /// data-parallel training averages the gradients across processes (an allreduce over each <see cref="Parameter.Grad"/>,
    /// in place). Null (the default) does nothing. It must not replace the gradient tensors, only their values.
    /// </summary>
    public Action<IReadOnlyList<Parameter>>? GradientHook { get; init; }

    /// <summary>Batch size used by <see cref="Trainer.Evaluate"/> and <see cref="Trainer.Predict"/> (no effect on results, only on memory).</summary>
    public int EvaluationBatchSize { get; init; } = 1024;
}
