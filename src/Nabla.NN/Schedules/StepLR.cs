using Nabla.NN.Optim;

namespace Nabla.NN.Schedules;

/// <summary>Step decay (PyTorch's <c>StepLR</c>): <c>lr = baseLr * gamma^floor(epoch / stepSize)</c>.</summary>
public sealed class StepLR : LrScheduler
{
    private readonly double _gamma;

    /// <summary>Multiplies the rate by <paramref name="gamma"/> every <paramref name="stepSize"/> epochs.</summary>
    public StepLR(Optimizer optimizer, int stepSize, float gamma = 0.1f) : base(optimizer)
    {
        if (stepSize <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(stepSize), stepSize, "StepLR: stepSize must be >= 1");
        }
        ScheduleCheck.Factor("StepLR", nameof(gamma), gamma);
        StepSize = stepSize;
        Gamma = gamma;
        _gamma = Hyper.Exact(gamma);
        Start();
    }

    /// <summary>Epochs between decays.</summary>
    public int StepSize { get; }

    /// <summary>Decay factor.</summary>
    public float Gamma { get; }

    /// <inheritdoc />
    public override double LrAt(int epoch) => BaseLr * Math.Pow(_gamma, epoch / StepSize);
}
