using Nabla.NN.Optim;

namespace Nabla.NN.Schedules;

/// <summary>
/// Base class of the epoch-indexed learning-rate schedules (PyTorch's <c>torch.optim.lr_scheduler</c>). The
/// schedule sets the optimizer's learning rate for epoch 0 when created; call <see cref="Step"/> once after each
/// epoch (after <c>optimizer.Step()</c>) to move to the next epoch's rate.
/// </summary>
/// <remarks>
/// Rates are computed in double from a closed form <c>lr(epoch)</c>, so a schedule never drifts from its formula
/// and can be restored from <see cref="Epoch"/> alone.
/// </remarks>
public abstract class LrScheduler
{
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

    /// <summary>The learning rate of the current epoch.</summary>
    public double Lr { get; private set; }

    /// <summary>The learning rate at <paramref name="epoch"/> (0-based).</summary>
    public abstract double LrAt(int epoch);

    /// <summary>Sets the optimizer's rate for epoch 0; call at the end of the derived constructor.</summary>
    protected void Start() => Apply(0);

    /// <summary>Advances to the next epoch and sets the optimizer's learning rate.</summary>
    public virtual void Step() => Apply(Epoch + 1);

    /// <summary>Jumps to <paramref name="epoch"/> (e.g. when resuming from a checkpoint) and sets the rate.</summary>
    public void SetEpoch(int epoch)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(epoch);
        Apply(epoch);
    }

    private void Apply(int epoch)
    {
        Epoch = epoch;
        Lr = LrAt(epoch);
        Optimizer.Lr = (float)Lr;
        OnEpoch(epoch);
    }

    /// <summary>Hook for schedules that change more than the learning rate (one-cycle momentum).</summary>
    protected virtual void OnEpoch(int epoch)
    {
    }
}
