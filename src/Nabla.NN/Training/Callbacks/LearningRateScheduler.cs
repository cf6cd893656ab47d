using Nabla.NN.Schedules;

namespace Nabla.NN.Training;

/// <summary>
/// Drives a learning-rate schedule from the training loop: an epoch-indexed <see cref="LrScheduler"/> (set to the
/// right epoch when training starts, also after resuming, and stepped after every epoch), a
/// <see cref="ReduceLROnPlateau"/> fed a monitored history value after every epoch, or a plain function
/// epoch -> learning rate.
/// </summary>
/// <remarks>
/// A schedule starts from the optimizer's <see cref="Nabla.NN.Optim.Optimizer.InitialLr"/>, which checkpoints save, so it may be
/// created before or after loading a <see cref="Checkpoint"/>.
/// </remarks>
public sealed class LearningRateScheduler : Callback, IStatefulCallback
{
    private readonly LrScheduler? scheduler;
    private readonly ReduceLROnPlateau? plateau;
    private readonly Func<int, double>? function;
    private readonly string monitor;

    /// <summary>Steps <paramref name="scheduler"/> once per epoch.</summary>
    public LearningRateScheduler(LrScheduler scheduler)
    {
        ArgumentNullException.ThrowIfNull(scheduler);
        this.scheduler = scheduler;
        monitor = "";
    }

    /// <summary>Feeds <paramref name="monitor"/> (e.g. "val_loss") to <paramref name="plateau"/> after every epoch.</summary>
    public LearningRateScheduler(ReduceLROnPlateau plateau, string monitor = "val_loss")
    {
        ArgumentNullException.ThrowIfNull(plateau);
        ArgumentException.ThrowIfNullOrEmpty(monitor);
        this.plateau = plateau;
        this.monitor = monitor;
    }

    /// <summary>Sets the learning rate to <paramref name="lrOfEpoch"/>(e) before each 0-based epoch e.</summary>
    public LearningRateScheduler(Func<int, double> lrOfEpoch)
    {
        ArgumentNullException.ThrowIfNull(lrOfEpoch);
        function = lrOfEpoch;
        monitor = "";
    }

    /// <inheritdoc/>
    public override void OnTrainBegin(TrainingContext context)
    {
        // Epochs are 0-based for schedules: after k completed epochs the next one is epoch k.
        scheduler?.SetEpoch(context.StartEpoch);
        if (plateau is not null && !context.HasValidation && monitor.StartsWith("val_", StringComparison.Ordinal))
            throw new InvalidOperationException($"ReduceLROnPlateau monitors '{monitor}' but Fit was given no validation set.");
        if (context.TakeResumedState(this) is { } resumed) LoadState(resumed);
    }

    /// <inheritdoc/>
    public string StateKey => "lr_schedule";

    /// <inheritdoc/>
    /// <remarks>Epoch-indexed schedules and functions need nothing beyond the epoch count; a plateau schedule saves its position.</remarks>
    public CallbackState SaveState()
    {
        var state = new CallbackState();
        if (plateau is null) return state;
        var (best, bad, epoch, lr, cooldown) = plateau.State;
        state.Values["best"] = best;
        state.Values["bad_epochs"] = bad;
        state.Values["epoch"] = epoch;
        state.Values["lr"] = lr;
        state.Values["cooldown_left"] = cooldown;
        return state;
    }

    /// <inheritdoc/>
    public void LoadState(CallbackState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (plateau is null || state.Values.Count == 0) return;
        try
        {
            plateau.State = (state.Double("best"), state.Int("bad_epochs"), state.Int("epoch"), state.Double("lr"), state.Int("cooldown_left"));
        }
        catch (ArgumentOutOfRangeException e)
        {
            throw new FormatException(e.Message, e);
        }
    }

    /// <inheritdoc/>
    public override void OnEpochBegin(TrainingContext context)
    {
        if (function is null) return;
        double lr = function(context.Epoch - 1);
        if (!(lr > 0) || double.IsInfinity(lr))
            throw new InvalidOperationException($"The learning-rate function returned {lr} for epoch {context.Epoch - 1}; it must be positive and finite.");
        context.Optimizer.Lr = (float)lr;
    }

    /// <inheritdoc/>
    public override void OnEpochEnd(TrainingContext context, EpochRecord record)
    {
        scheduler?.Step();
        if (plateau is not null)
        {
            double value = record.Get(monitor)
                ?? throw new InvalidOperationException($"'{monitor}' is not in the history; available: {string.Join(", ", record.Metrics.Keys)}.");
            plateau.Step(value);
        }
    }
}
