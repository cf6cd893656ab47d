using Nabla.NN.Data;

namespace Nabla.NN.Training;

/// <summary>
/// The swappable half of a training step: compute the loss of one batch and write the gradients into every
/// <see cref="Parameter.Grad"/>. The <see cref="Trainer"/> owns the other half, the same for every step kind:
/// gradient hook (<see cref="TrainerOptions.GradientHook"/>), diagnostics, clipping, optimizer step, metrics.
/// </summary>
/// <remarks>
/// Two kinds exist: <see cref="AutogradStep"/> (any model and loss: forward, build the graph, backward) and
/// <see cref="FusedStep"/> (models whose modules declare <see cref="Module.FusedPart"/>: no graph, no allocation).
/// The trainer picks the fused one when <see cref="FusedStep.TryCreate"/> accepts the model, loss and data.
/// </remarks>
public abstract class TrainingStep
{
    /// <summary>
    /// Computes the mean loss of <paramref name="batch"/> and, when it is finite, the gradients of every parameter
    /// (replacing what they held). A non-finite loss leaves the gradients unspecified; the trainer then skips the update.
    /// </summary>
    public abstract double ComputeGradients(Batch batch);

    /// <summary>The model's outputs for the last batch, row-major <c>[batch, OutputWidth]</c>; valid until the next call.</summary>
    public abstract ReadOnlySpan<float> Outputs { get; }

    /// <summary>Outputs per sample of the last batch.</summary>
    public abstract int OutputWidth { get; }
}

/// <summary>The general step: <c>optimizer.ZeroGrad(); loss(model(x), y) [+ penalty]).Backward()</c>.</summary>
/// <param name="model">The model (in training mode while fitting).</param>
/// <param name="loss">A mean-reduced loss.</param>
/// <param name="optimizer">Its <c>ZeroGrad</c> clears the gradients first.</param>
public sealed class AutogradStep(Module model, Loss loss, Optim.Optimizer optimizer) : TrainingStep
{
    private readonly bool _regularized = model.NamedModules().Any(m => m.Value.Regularizer is not null);
    private Tensor? _output;
    private int _width;

    /// <inheritdoc />
    public override double ComputeGradients(Batch batch)
    {
        optimizer.ZeroGrad();
        Tensor output = model.Forward(batch.Features);
        Tensor l = loss.Forward(output, MatchTarget(batch.Targets, output));
        if (_regularized) l = l + model.RegularizationLoss();
        double value = l.Item();
        if (double.IsFinite(value)) l.Backward();
        _output = output;
        _width = output.Size / batch.Size;
        return value;
    }

    /// <inheritdoc />
    public override ReadOnlySpan<float> Outputs => _output is null ? [] : _output.AsSpan();

    /// <inheritdoc />
    public override int OutputWidth => _width;

    /// <summary>Targets <c>[N]</c> as <c>[N, 1]</c> when the model emits one column, so the loss sees matching shapes.</summary>
    internal static Tensor MatchTarget(Tensor target, Tensor output) =>
        output.Rank == 2 && output.Shape[1] == 1 && target.Rank == 1 ? target.Reshape(target.Shape[0], 1) : target;
}

/// <summary>The graph-free step of <see cref="FusedMlp"/>: gradients written straight into each <see cref="Parameter.Grad"/>.</summary>
public sealed class FusedStep : TrainingStep
{
    private readonly FusedMlp _fused;

    private FusedStep(FusedMlp fused) => _fused = fused;

    /// <summary>
    /// The fused step for <paramref name="model"/> and <paramref name="loss"/> on features <c>[N, inputWidth]</c> and
    /// targets of <paramref name="targetWidth"/> values per sample, or null when the modules or loss do not allow it.
    /// </summary>
    public static FusedStep? TryCreate(Module model, Loss loss, int inputWidth, int targetWidth)
    {
        var fused = FusedMlp.TryCreate(model, loss);
        return fused is not null && fused.InputSize == inputWidth && fused.TargetWidth == targetWidth ? new FusedStep(fused) : null;
    }

    /// <inheritdoc />
    public override double ComputeGradients(Batch batch) => _fused.ComputeGradients(batch.Features, batch.Targets);

    /// <inheritdoc />
    public override ReadOnlySpan<float> Outputs => _fused.Output;

    /// <inheritdoc />
    public override int OutputWidth => _fused.OutputSize;
}
