using System.Diagnostics;
using Nabla.NN.Optim;

namespace Nabla.NN.Training;

/// <summary>The state of a running <see cref="Trainer.Fit"/> call, as seen by callbacks.</summary>
public sealed class TrainingContext
{
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private readonly Action<string> warn;

    internal TrainingContext(Trainer trainer, int startEpoch, int totalEpochs, int batchesPerEpoch, int samplesPerEpoch, bool hasValidation, Action<string> warn)
    {
        Trainer = trainer;
        StartEpoch = startEpoch;
        TotalEpochs = totalEpochs;
        BatchesPerEpoch = batchesPerEpoch;
        SamplesPerEpoch = samplesPerEpoch;
        HasValidation = hasValidation;
        this.warn = warn;
    }

    /// <summary>Every callback of this <see cref="Trainer.Fit"/> call, in the order they run (whose state a checkpoint saves).</summary>
    public IReadOnlyList<Callback> Callbacks { get; internal set; } = [];

    /// <summary>
    /// The state a resumed checkpoint holds for <paramref name="callback"/>, handed out once; null when the run did not
    /// resume or the checkpoint predates the callback.
    /// </summary>
    public CallbackState? TakeResumedState(IStatefulCallback callback)
    {
        ArgumentNullException.ThrowIfNull(callback);
        return Trainer.ResumedCallbackStates.Remove(callback.StateKey, out var state) ? state : null;
    }

    /// <summary>The trainer running the loop.</summary>
    public Trainer Trainer { get; }

    /// <summary>The model being trained.</summary>
    public Module Model => Trainer.Model;

    /// <summary>The optimizer updating it.</summary>
    public Optimizer Optimizer => Trainer.Optimizer;

    /// <summary>The history so far (including epochs of earlier Fit calls and of a resumed checkpoint).</summary>
    public History History => Trainer.History;

    /// <summary>The task being learned.</summary>
    public TaskSpec Task => Trainer.Task!;

    /// <summary>Epochs already completed when this Fit call began (0, or k after resuming from epoch k).</summary>
    public int StartEpoch { get; }

    /// <summary>The epoch count Fit trains up to.</summary>
    public int TotalEpochs { get; }

    /// <summary>The current (or just finished) 1-based epoch.</summary>
    public int Epoch { get; internal set; }

    /// <summary>Optimizer steps per epoch.</summary>
    public int BatchesPerEpoch { get; }

    /// <summary>Training samples visited per epoch.</summary>
    public int SamplesPerEpoch { get; }

    /// <summary>Whether a validation set is evaluated each epoch (so "val_" metrics exist).</summary>
    public bool HasValidation { get; }

    /// <summary>Time since this Fit call began.</summary>
    public TimeSpan Elapsed => clock.Elapsed;

    /// <summary>Set by <see cref="StopTraining"/>.</summary>
    public bool StopRequested { get; private set; }

    /// <summary>The reason given to <see cref="StopTraining"/>.</summary>
    public string? StopReason { get; private set; }

    /// <summary>Asks the trainer to stop after the current step; the reason becomes <see cref="History.StopReason"/>.</summary>
    public void StopTraining(string reason)
    {
        StopRequested = true;
        StopReason ??= reason;
    }

    /// <summary>Raises a warning: stored in the history and passed to every callback's <see cref="Callback.OnWarning"/>.</summary>
    public void Warn(string message) => warn(message);

    /// <summary>
    /// Estimated time left, assuming every remaining step costs the average so far:
    /// elapsed / stepsDone * stepsLeft. Null before the first step.
    /// </summary>
    /// <param name="batchesDoneInEpoch">Batches finished in the current epoch.</param>
    public TimeSpan? EstimateRemaining(int batchesDoneInEpoch)
    {
        long done = (long)(Epoch - 1 - StartEpoch) * BatchesPerEpoch + batchesDoneInEpoch;
        long total = (long)(TotalEpochs - StartEpoch) * BatchesPerEpoch;
        if (done <= 0) return null;
        return TimeSpan.FromTicks(Elapsed.Ticks / done * Math.Max(0, total - done));
    }
}
