using Nabla.NN.Optim;

namespace Nabla.NN.Schedules;

/// <summary>
/// Schedules one after another (PyTorch's <c>SequentialLR</c>): schedule i runs from milestone i-1 until milestone i,
/// restarting at its own epoch 0 (for example a <see cref="LinearLR"/> warm-up for 5 epochs, then
/// <see cref="CosineAnnealingLR"/>). Create the schedules on one optimizer, then pass them here and step only this one.
/// </summary>
public sealed class SequentialLR : LrScheduler
{
    private readonly LrScheduler[] _schedules;
    private readonly int[] _milestones;

    /// <summary>Runs <paramref name="schedules"/> in turn, switching at <paramref name="milestones"/> (one fewer, increasing).</summary>
    public SequentialLR(Optimizer optimizer, IReadOnlyList<LrScheduler> schedules, IReadOnlyList<int> milestones) : base(optimizer)
    {
        ArgumentNullException.ThrowIfNull(schedules);
        ArgumentNullException.ThrowIfNull(milestones);
        if (schedules.Count == 0 || milestones.Count != schedules.Count - 1)
            throw new ArgumentException(
                $"SequentialLR: {schedules.Count} schedules need {Math.Max(0, schedules.Count - 1)} milestones, got {milestones.Count}", nameof(milestones));
        for (int i = 0; i < milestones.Count; i++)
            if (milestones[i] <= 0 || (i > 0 && milestones[i] <= milestones[i - 1]))
                throw new ArgumentException($"SequentialLR: milestones must be positive and increasing, got [{string.Join(", ", milestones)}]", nameof(milestones));
        foreach (var s in schedules)
            if (s is null || s.Optimizer != optimizer)
                throw new ArgumentException("SequentialLR: every schedule must drive the optimizer given", nameof(schedules));
        _schedules = [.. schedules];
        _milestones = [.. milestones];
        // As PyTorch: back to the initial rate, then the first schedule's epoch 0.
        _schedules[0].SetEpoch(0);
        Record(0, Optimizer.ScheduledLr);
    }

    /// <summary>The schedules, in order.</summary>
    public IReadOnlyList<LrScheduler> Schedules => _schedules;

    /// <summary>Epochs at which the next schedule takes over.</summary>
    public IReadOnlyList<int> Milestones => _milestones;

    /// <inheritdoc />
    public override double LrAt(int epoch)
    {
        int i = Phase(epoch);
        return _schedules[i].LrAt(epoch - (i == 0 ? 0 : _milestones[i - 1]));
    }

    /// <inheritdoc />
    public override void Step()
    {
        int epoch = Epoch + 1, i = Phase(epoch);
        if (i > 0 && _milestones[i - 1] == epoch) _schedules[i].SetEpoch(0);
        else _schedules[i].Step();
        Record(epoch, Optimizer.ScheduledLr);
    }

    /// <inheritdoc />
    public override void SetEpoch(int epoch)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(epoch);
        int i = Phase(epoch);
        _schedules[i].SetEpoch(epoch - (i == 0 ? 0 : _milestones[i - 1]));
        Record(epoch, Optimizer.ScheduledLr);
    }

    private int Phase(int epoch)
    {
        int i = 0;
        while (i < _milestones.Length && _milestones[i] <= epoch) i++;
        return i;
    }
}
