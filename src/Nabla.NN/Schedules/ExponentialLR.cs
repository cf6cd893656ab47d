using Nabla.NN.Optim;

namespace Nabla.NN.Schedules;

/// <summary>Exponential decay (PyTorch's <c>ExponentialLR</c>): <c>lr = baseLr * gamma^epoch</c>.</summary>
public sealed class ExponentialLR : LrScheduler
{
    private readonly double _gamma;

    /// <summary>Multiplies the rate by <paramref name="gamma"/> every epoch.</summary>
    public ExponentialLR(Optimizer optimizer, float gamma) : base(optimizer)
    {
        ScheduleCheck.Factor("ExponentialLR", nameof(gamma), gamma);
        Gamma = gamma;
        _gamma = Hyper.Exact(gamma);
        Start();
    }

    /// <summary>Decay factor per epoch.</summary>
    public float Gamma { get; }

    /// <inheritdoc />
    public override double LrAt(int epoch) => BaseLr * Math.Pow(_gamma, epoch);
}
