using Microsoft.Extensions.Logging;
using Nabla.NN.Data;

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
    /// diagnostics, clipping and the optimizer step; skipped for a step whose loss is not finite. With a
    /// <see cref="Communicator"/> it sees the gradients already averaged over the ranks (data-parallel training needs more
    /// than a hook: sharding and a reduction every rank joins even after a non-finite loss). Null (the default) does nothing. It must not replace the gradient tensors, only their values.
    /// </summary>
    public Action<IReadOnlyList<Parameter>>? GradientHook { get; init; }

    /// <summary>
    /// Data-parallel training: when set with more than one rank, every rank runs the same Fit on the same data, starts
    /// from rank 0's weights, trains on its shard of every batch (the mode's batch size is the global batch) and applies
    /// the gradient averaged over all ranks, so N ranks step like one process on the whole batch (float rounding of the
    /// sum aside). Null (default) or one rank: ordinary training. See docs/DISTRIBUTED.md.
    /// </summary>
    public ICommunicator? Communicator { get; init; }

    /// <summary>Batch size used by <see cref="Trainer.Evaluate(Data.TensorDataset)"/> and <see cref="Trainer.Predict(Tensor)"/> (no effect on results, only on memory).</summary>
    public int EvaluationBatchSize { get; init; } = 1024;

    /// <summary>
    /// Receives the trainer's warnings (<see cref="LogLevel.Warning"/>), one event per epoch and the stop reason
    /// (<see cref="LogLevel.Information"/>); null logs nothing. Warnings also stay in <see cref="History.Warnings"/>.
    /// </summary>
    public ILogger? Logger { get; init; }
}
