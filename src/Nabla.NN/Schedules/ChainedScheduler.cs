using Nabla.NN.Optim;

namespace Nabla.NN.Schedules;

/// <summary>
/// Several schedules applied together every epoch (PyTorch's <c>ChainedScheduler</c>): each multiplies the current
/// rate by its own factor, so <c>StepLR</c> and <c>ExponentialLR</c> give <c>baseLr * gamma1^floor(e / s) * gamma2^e</c>.
/// Create the schedules on one optimizer, then pass them here and step only this one.
/// </summary>
public sealed class ChainedScheduler : LrScheduler
{
    private readonly LrScheduler[] _schedules;

    /// <summary>Chains <paramref name="schedules"/> (at least one, all on one optimizer), in the order given.</summary>
    public ChainedScheduler(params LrScheduler[] schedules) : base(First(schedules))
    {
        _schedules = schedules;
        Record(0, Optimizer.ScheduledLr);
    }

    /// <summary>The chained schedules, in stepping order.</summary>
    public IReadOnlyList<LrScheduler> Schedules => _schedules;

    /// <inheritdoc />
    /// <remarks>The product of every schedule's factor <c>lr(epoch) / baseLr</c> (exact for the multiplicative schedules).</remarks>
    public override double LrAt(int epoch)
    {
        double lr = BaseLr;
        foreach (var s in _schedules) lr *= s.BaseLr == 0 ? 1.0 : s.LrAt(epoch) / s.BaseLr;
        return lr;
    }

    /// <inheritdoc />
    public override void Step()
    {
        foreach (var s in _schedules) s.Step();
        Record(Epoch + 1, Optimizer.ScheduledLr);
    }

    /// <inheritdoc />
    public override void SetEpoch(int epoch)
    {
        foreach (var s in _schedules) s.SetEpoch(epoch);
        Write(epoch, LrAt(epoch));
    }

    private static Optimizer First(LrScheduler[] schedules)
    {
        ArgumentNullException.ThrowIfNull(schedules);
        if (schedules.Length == 0) throw new ArgumentException("ChainedScheduler needs at least one schedule", nameof(schedules));
        foreach (var s in schedules)
        {
            ArgumentNullException.ThrowIfNull(s, nameof(schedules));
            if (s.Optimizer != schedules[0].Optimizer)
                throw new ArgumentException("ChainedScheduler: every schedule must drive the same optimizer", nameof(schedules));
        }
        return schedules[0].Optimizer;
    }
}
