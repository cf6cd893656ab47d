using Nabla.NN.Optim;

namespace Nabla.NN.Schedules;

/// <summary>How <see cref="OneCycleLR"/> moves between two values within a phase.</summary>
public enum AnnealStrategy
{
    /// <summary>Half cosine: <c>end + (start - end) (1 + cos(pi pct)) / 2</c>.</summary>
    Cos,
    /// <summary>Straight line: <c>start + (end - start) pct</c>.</summary>
    Linear,
}

/// <summary>
/// The one-cycle policy (Smith and Topin, 2017, "Super-Convergence"; PyTorch's <c>OneCycleLR</c>), stepped once
/// per batch: the rate rises from <c>maxLr / divFactor</c> to <c>maxLr</c> over the first <c>pctStart</c> of the
/// steps, then anneals to <c>maxLr / divFactor / finalDivFactor</c>; momentum (beta1 for Adam) moves the opposite
/// way between <c>maxMomentum</c> and <c>baseMomentum</c>. With <c>threePhase</c>, the rate first returns to its
/// start symmetrically, and only then anneals to the minimum.
/// </summary>
public sealed class OneCycleLR : LrScheduler
{
    private readonly (double EndStep, double StartLr, double EndLr, double StartMomentum, double EndMomentum)[] _phases;
    private readonly Func<double, double, double, double> _anneal;
    private readonly IMomentumOptimizer? _momentumOptimizer;

    /// <summary>Creates the schedule and sets the starting rate (and momentum).</summary>
    /// <param name="totalSteps">Number of <see cref="LrScheduler.Step"/> calls planned (epochs x batches per epoch).</param>
    public OneCycleLR(Optimizer optimizer, float maxLr, int totalSteps, float pctStart = 0.3f,
                      AnnealStrategy annealStrategy = AnnealStrategy.Cos, bool cycleMomentum = true,
                      float baseMomentum = 0.85f, float maxMomentum = 0.95f, float divFactor = 25f,
                      float finalDivFactor = 1e4f, bool threePhase = false)
        : base(optimizer)
    {
        if (totalSteps <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(totalSteps), totalSteps, "OneCycleLR: totalSteps must be >= 1");
        }
        if (!(pctStart >= 0f && pctStart <= 1f))
        {
            throw new ArgumentOutOfRangeException(nameof(pctStart), pctStart, "OneCycleLR: pctStart must be in [0, 1]");
        }
        ScheduleCheck.Factor("OneCycleLR", nameof(maxLr), maxLr);
        ScheduleCheck.Factor("OneCycleLR", nameof(divFactor), divFactor);
        ScheduleCheck.Factor("OneCycleLR", nameof(finalDivFactor), finalDivFactor);
        if (cycleMomentum)
        {
            _momentumOptimizer = optimizer as IMomentumOptimizer ?? throw new ArgumentException(
                $"OneCycleLR: {optimizer.Name} has no momentum to cycle: pass cycleMomentum: false", nameof(optimizer));
        }
        TotalSteps = totalSteps;
        MaxLr = Hyper.Exact(maxLr);
        InitialLr = MaxLr / Hyper.Exact(divFactor);
        MinLr = InitialLr / Hyper.Exact(finalDivFactor);
        double pct = Hyper.Exact(pctStart), baseM = Hyper.Exact(baseMomentum), maxM = Hyper.Exact(maxMomentum);
        _phases = threePhase
            ? [
                (pct * totalSteps - 1, InitialLr, MaxLr, maxM, baseM),
                (2 * pct * totalSteps - 2, MaxLr, InitialLr, baseM, maxM),
                (totalSteps - 1, InitialLr, MinLr, maxM, maxM),
            ]
            : [
                (pct * totalSteps - 1, InitialLr, MaxLr, maxM, baseM),
                (totalSteps - 1, MaxLr, MinLr, baseM, maxM),
            ];
        _anneal = annealStrategy == AnnealStrategy.Cos
            ? (start, end, p) => end + (start - end) / 2.0 * (Math.Cos(Math.PI * p) + 1)
            : (start, end, p) => (end - start) * p + start;
        Start();
    }

    /// <summary>Number of steps in the cycle.</summary>
    public int TotalSteps { get; }

    /// <summary>Peak rate.</summary>
    public double MaxLr { get; }

    /// <summary>Starting rate, <c>maxLr / divFactor</c>.</summary>
    public double InitialLr { get; }

    /// <summary>Final rate, <c>initialLr / finalDivFactor</c>.</summary>
    public double MinLr { get; }

    /// <inheritdoc />
    public override double LrAt(int epoch) => Evaluate(epoch).Lr;

    /// <inheritdoc />
    /// <remarks>The one-cycle policy sets absolute rates, as PyTorch's: it does not chain.</remarks>
    protected override double Chain(double current, int epoch) => LrAt(epoch);

    /// <summary>The momentum (or Adam's beta1) at <paramref name="epoch"/>.</summary>
    public double MomentumAt(int epoch) => Evaluate(epoch).Momentum;

    private (double Lr, double Momentum) Evaluate(int step)
    {
        if (step > TotalSteps)
        {
            throw new InvalidOperationException(
                $"OneCycleLR was stepped {step + 1} times but was created for totalSteps = {TotalSteps}");
        }
        double start = 0;
        for (int i = 0; i < _phases.Length; i++)
        {
            var ph = _phases[i];
            if (step <= ph.EndStep || i == _phases.Length - 1)
            {
                double pct = (step - start) / (ph.EndStep - start);
                return (_anneal(ph.StartLr, ph.EndLr, pct), _anneal(ph.StartMomentum, ph.EndMomentum, pct));
            }
            start = ph.EndStep;
        }
        throw new InvalidOperationException("unreachable: the last phase always matches");
    }

    /// <inheritdoc />
    protected override void OnEpoch(int epoch)
    {
        if (_momentumOptimizer is not null)
        {
            _momentumOptimizer.Momentum = (float)MomentumAt(epoch);
        }
    }
}
