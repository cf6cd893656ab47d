using Nabla.NN.Optim;

namespace Nabla.NN.Schedules;

/// <summary>
/// Base class of the epoch-indexed learning-rate schedules (PyTorch's <c>torch.optim.lr_scheduler</c>). The
/// schedule sets the optimizer's learning rate for epoch 0 when created; call <see cref="Step"/> once after each
/// epoch (after <c>optimizer.Step()</c>) to move to the next epoch's rate.
/// </summary>
/// <remarks>
/// A schedule that alone drives its optimizer computes rates in double from a closed form <c>lr(epoch)</c>, so it
/// never drifts from its formula and can be restored from <see cref="Epoch"/> alone. Schedules compose the way
/// PyTorch's chaining does: as soon as something else has changed the optimizer's rate (another schedule, or code
/// setting <see cref="Optimizer.Lr"/>), a step applies this schedule's factor to the current rate
/// (<c>lr(epoch) / lr(epoch - 1)</c>, or PyTorch's recursive form where that differs) instead of overwriting it.
/// <see cref="ChainedScheduler"/> and <see cref="SequentialLR"/> combine schedules explicitly.
/// </remarks>
public abstract class LrScheduler
{
    private bool _chained;

    /// <summary>
    /// Attaches to <paramref name="optimizer"/>. <see cref="BaseLr"/> is the optimizer's <see cref="Optimizer.InitialLr"/>,
    /// which the first schedule sets to the current learning rate (as PyTorch's <c>initial_lr</c>), so a schedule
    /// created after restoring a checkpoint still starts from the original rate.
    /// </summary>
    protected LrScheduler(Optimizer optimizer)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        Optimizer = optimizer;
        optimizer.InitialLr ??= optimizer.Lr;
        BaseLr = Hyper.Exact(optimizer.InitialLr.Value);
    }

    /// <summary>The optimizer whose learning rate is scheduled.</summary>
    public Optimizer Optimizer { get; }

    /// <summary>The rate the schedule starts from (the optimizer's initial learning rate; the start/peak).</summary>
    public double BaseLr { get; }

    /// <summary>Index of the current epoch (0 before the first <see cref="Step"/>).</summary>
    public int Epoch { get; private set; }

    /// <summary>The learning rate this schedule set for the current epoch.</summary>
    public double Lr { get; private set; }

    /// <summary>The learning rate at <paramref name="epoch"/> (0-based) when this schedule alone drives the optimizer.</summary>
    public abstract double LrAt(int epoch);

    /// <summary>
    /// Sets the optimizer's rate for epoch 0; call at the end of the derived constructor. When another schedule
    /// already set the rate, this one's epoch-0 factor <c>lr(0) / baseLr</c> is applied to it (PyTorch's chaining).
    /// </summary>
    protected void Start()
    {
        _chained = Optimizer.LastRateWriter is not null;
        double lr = _chained ? Optimizer.ScheduledLr * Ratio(LrAt(0), BaseLr) : LrAt(0);
        Write(0, lr);
    }

    /// <summary>Advances to the next epoch and sets the optimizer's learning rate.</summary>
    public virtual void Step()
    {
        int epoch = Epoch + 1;
        if (Optimizer.LastRateWriter != this) _chained = true;
        Write(epoch, _chained ? Chain(Optimizer.ScheduledLr, epoch) : LrAt(epoch));
    }

    /// <summary>
    /// Jumps to <paramref name="epoch"/> (e.g. when resuming from a checkpoint) and sets the closed-form rate
    /// <see cref="LrAt"/> (as PyTorch's <c>step(epoch)</c>); the schedule drives the rate alone again from here.
    /// </summary>
    public virtual void SetEpoch(int epoch)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(epoch);
        _chained = false;
        Write(epoch, LrAt(epoch));
    }

    /// <summary>
    /// The rate at <paramref name="epoch"/> given the optimizer's <paramref name="current"/> rate, set by something
    /// else: by default the closed form's factor <c>lr(epoch) / lr(epoch - 1)</c> applied to it.
    /// </summary>
    protected virtual double Chain(double current, int epoch) => current * Ratio(LrAt(epoch), LrAt(epoch - 1));

    /// <summary>Records <paramref name="epoch"/> and <paramref name="lr"/> and sets the optimizer's rate.</summary>
    protected void Write(int epoch, double lr)
    {
        Epoch = epoch;
        Lr = lr;
        Optimizer.SetScheduledLr(lr, this);
        OnEpoch(epoch);
    }

    /// <summary>Records <paramref name="epoch"/> and <paramref name="lr"/> without touching the optimizer (composites).</summary>
    protected void Record(int epoch, double lr)
    {
        Epoch = epoch;
        Lr = lr;
    }

    private static double Ratio(double numerator, double denominator) => denominator == 0 ? 1.0 : numerator / denominator;

    /// <summary>Hook for schedules that change more than the learning rate (one-cycle momentum).</summary>
    protected virtual void OnEpoch(int epoch)
    {
    }
}
