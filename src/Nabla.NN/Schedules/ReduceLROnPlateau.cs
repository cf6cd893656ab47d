using Nabla.NN.Optim;

namespace Nabla.NN.Schedules;

/// <summary>Whether a smaller or a larger monitored metric is better.</summary>
public enum PlateauMode
{
    /// <summary>Lower is better (a loss).</summary>
    Min,
    /// <summary>Higher is better (an accuracy).</summary>
    Max,
}

/// <summary>How <see cref="ReduceLROnPlateau"/> decides that a metric improved.</summary>
public enum ThresholdMode
{
    /// <summary>Relative: better than <c>best * (1 - threshold)</c> (Min) or <c>best * (1 + threshold)</c> (Max).</summary>
    Rel,
    /// <summary>Absolute: better than <c>best - threshold</c> (Min) or <c>best + threshold</c> (Max).</summary>
    Abs,
}

/// <summary>
/// Cuts the learning rate when a monitored metric stops improving (PyTorch's <c>ReduceLROnPlateau</c>): after
/// more than <c>patience</c> epochs without improvement the rate is multiplied by <c>factor</c> (not below
/// <c>minLr</c>), then <c>cooldown</c> epochs are ignored. Call <see cref="Step"/> with the metric after each epoch.
/// </summary>
public sealed class ReduceLROnPlateau
{
    private readonly double _factor, _threshold, _minLr, _eps;
    private int _cooldownCounter;

    /// <summary>Creates the schedule (PyTorch's defaults).</summary>
    public ReduceLROnPlateau(Optimizer optimizer, PlateauMode mode = PlateauMode.Min, float factor = 0.1f, int patience = 10,
                             float threshold = 1e-4f, ThresholdMode thresholdMode = ThresholdMode.Rel, int cooldown = 0,
                             float minLr = 0f, float eps = 1e-8f)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        if (!(factor > 0f && factor < 1f))
        {
            throw new ArgumentOutOfRangeException(nameof(factor), factor, "ReduceLROnPlateau: factor must be in (0, 1)");
        }
        ArgumentOutOfRangeException.ThrowIfNegative(patience);
        ArgumentOutOfRangeException.ThrowIfNegative(cooldown);
        if (!(threshold >= 0f) || !(minLr >= 0f) || !(eps >= 0f))
        {
            throw new ArgumentOutOfRangeException(nameof(threshold),
                $"ReduceLROnPlateau: threshold, minLr and eps must be >= 0, got {threshold}, {minLr}, {eps}");
        }
        Optimizer = optimizer;
        Mode = mode;
        Patience = patience;
        Cooldown = cooldown;
        ThresholdMode = thresholdMode;
        _factor = Hyper.Exact(factor);
        _threshold = Hyper.Exact(threshold);
        _minLr = Hyper.Exact(minLr);
        _eps = Hyper.Exact(eps);
        Lr = optimizer.ScheduledLr;
        Best = mode == PlateauMode.Min ? double.PositiveInfinity : double.NegativeInfinity;
    }

    /// <summary>The optimizer whose rate is cut.</summary>
    public Optimizer Optimizer { get; }

    /// <summary>Whether lower or higher is better.</summary>
    public PlateauMode Mode { get; }

    /// <summary>Epochs without improvement tolerated before a cut.</summary>
    public int Patience { get; }

    /// <summary>Epochs after a cut during which bad epochs are not counted.</summary>
    public int Cooldown { get; }

    /// <summary>How improvement is measured.</summary>
    public ThresholdMode ThresholdMode { get; }

    /// <summary>Best metric seen so far.</summary>
    public double Best { get; private set; }

    /// <summary>Consecutive epochs without improvement.</summary>
    public int BadEpochs { get; private set; }

    /// <summary>Number of <see cref="Step"/> calls so far.</summary>
    public int Epoch { get; private set; }

    /// <summary>The current learning rate (in double; the optimizer holds it as float).</summary>
    public double Lr { get; private set; }

    /// <summary>Records the metric of the epoch just finished and cuts the rate if it has plateaued.</summary>
    public void Step(double metric)
    {
        Epoch++;
        if (IsBetter(metric))
        {
            Best = metric;
            BadEpochs = 0;
        }
        else
        {
            BadEpochs++;
        }
        if (_cooldownCounter > 0)
        {
            _cooldownCounter--;
            BadEpochs = 0; // bad epochs during cooldown do not count
        }
        if (BadEpochs > Patience)
        {
            // As PyTorch, the cut applies to the optimizer's current rate, so it composes with other schedules; while
            // that rate is still this schedule's own (also after a restore), its double is used, bit for bit as before.
            bool own = Optimizer.LastRateWriter == this || (Optimizer.LastRateWriter is null && Optimizer.Lr == (float)Lr);
            double oldLr = own ? Lr : Optimizer.ScheduledLr;
            double newLr = Math.Max(oldLr * _factor, _minLr);
            if (oldLr - newLr > _eps)
            {
                Lr = newLr;
                Optimizer.SetScheduledLr(newLr, this);
            }
            _cooldownCounter = Cooldown;
            BadEpochs = 0;
        }
    }

    /// <summary>
    /// Where the schedule is, for checkpoints: the best value, bad epochs, epochs stepped, the current learning rate and
    /// the cooldown epochs left. Setting it (after resuming) continues exactly where the saved schedule stopped.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A negative count, or a learning rate that is not positive and finite.</exception>
    public (double Best, int BadEpochs, int Epoch, double Lr, int CooldownLeft) State
    {
        get => (Best, BadEpochs, Epoch, Lr, _cooldownCounter);
        set
        {
            if (value.BadEpochs < 0 || value.Epoch < 0 || value.CooldownLeft < 0 || !(value.Lr > 0) || !double.IsFinite(value.Lr) || double.IsNaN(value.Best))
                throw new ArgumentOutOfRangeException(nameof(value), $"ReduceLROnPlateau: invalid state {value}");
            (Best, BadEpochs, Epoch, Lr, _cooldownCounter) = value;
        }
    }

    private bool IsBetter(double a) => (Mode, ThresholdMode) switch
    {
        (PlateauMode.Min, ThresholdMode.Rel) => a < Best * (1 - _threshold),
        (PlateauMode.Min, ThresholdMode.Abs) => a < Best - _threshold,
        (PlateauMode.Max, ThresholdMode.Rel) => a > Best * (1 + _threshold),
        _ => a > Best + _threshold,
    };
}
