using Nabla.NN.Optim;

namespace Nabla.NN.Schedules;

/// <summary>
/// Linear warm-up or decay (PyTorch's <c>LinearLR</c>): the factor moves linearly from <c>startFactor</c> to
/// <c>endFactor</c> over <c>totalIters</c> epochs, then stays: <c>lr = baseLr (s + (e - s) min(epoch, n) / n)</c>.
/// A warm-up is <c>startFactor &lt; 1, endFactor = 1</c>.
/// </summary>
public sealed class LinearLR : LrScheduler
{
    private readonly double _start, _end;

    /// <summary>Creates the schedule (PyTorch's defaults: 1/3 to 1 over 5 epochs).</summary>
    public LinearLR(Optimizer optimizer, float startFactor = 1f / 3f, float endFactor = 1f, int totalIters = 5) : base(optimizer)
    {
        if (!(startFactor > 0f && startFactor <= 1f))
        {
            throw new ArgumentOutOfRangeException(nameof(startFactor), startFactor, "LinearLR: startFactor must be in (0, 1]");
        }
        if (!(endFactor >= 0f && endFactor <= 1f))
        {
            throw new ArgumentOutOfRangeException(nameof(endFactor), endFactor, "LinearLR: endFactor must be in [0, 1]");
        }
        if (totalIters <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(totalIters), totalIters, "LinearLR: totalIters must be >= 1");
        }
        StartFactor = startFactor;
        EndFactor = endFactor;
        TotalIters = totalIters;
        _start = Hyper.Exact(startFactor);
        _end = Hyper.Exact(endFactor);
        Start();
    }

    /// <summary>Factor at epoch 0.</summary>
    public float StartFactor { get; }

    /// <summary>Factor from epoch <see cref="TotalIters"/> on.</summary>
    public float EndFactor { get; }

    /// <summary>Length of the ramp, in epochs.</summary>
    public int TotalIters { get; }

    /// <inheritdoc />
    public override double LrAt(int epoch) =>
        BaseLr * (_start + (_end - _start) * Math.Min(epoch, TotalIters) / TotalIters);
}
