namespace Nabla.NN.Training;

/// <summary>
/// Hooks into <see cref="Trainer.Fit"/> (Keras-style callbacks). Override what you need; every method does
/// nothing by default. Callbacks run in the order given, on the training thread.
/// </summary>
/// <remarks>
/// This is also the progress-display interface: a terminal UI (the CLI's live Spectre.Console bar) is a
/// callback that draws in <see cref="OnBatchEnd"/> and <see cref="OnEpochEnd"/>; <see cref="TextProgress"/>
/// is the plain one-line-per-epoch version for logs and CI.
/// </remarks>
public abstract class Callback
{
    /// <summary>Before the first epoch of a <see cref="Trainer.Fit"/> call (after the task/output check).</summary>
    public virtual void OnTrainBegin(TrainingContext context) { }

    /// <summary>Before epoch <see cref="TrainingContext.Epoch"/> starts.</summary>
    public virtual void OnEpochBegin(TrainingContext context) { }

    /// <summary>After each optimizer step.</summary>
    /// <param name="context">The run.</param>
    /// <param name="batch">0-based index of the batch within the epoch.</param>
    /// <param name="loss">The batch's mean loss (NaN or infinite when training diverged).</param>
    public virtual void OnBatchEnd(TrainingContext context, int batch, double loss) { }

    /// <summary>After an epoch, its validation and its diagnostics; <paramref name="record"/> is already in the history.</summary>
    public virtual void OnEpochEnd(TrainingContext context, EpochRecord record) { }

    /// <summary>When a warning is raised (vanishing/exploding gradients, early stop, NaN loss); it is also in <see cref="History.Warnings"/>.</summary>
    public virtual void OnWarning(TrainingContext context, string message) { }

    /// <summary>After the last epoch, or after training was stopped.</summary>
    public virtual void OnTrainEnd(TrainingContext context) { }
}
