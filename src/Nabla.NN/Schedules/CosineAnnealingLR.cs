using Nabla.NN.Optim;

namespace Nabla.NN.Schedules;

/// <summary>
/// Cosine annealing (Loshchilov and Hutter, 2017, "SGDR"; PyTorch's <c>CosineAnnealingLR</c>):
/// <c>lr = etaMin + (baseLr - etaMin) (1 + cos(pi epoch / tMax)) / 2</c>, falling from baseLr to etaMin over tMax
/// epochs (and rising again after, as PyTorch's does; there are no warm restarts).
/// </summary>
public sealed class CosineAnnealingLR : LrScheduler
{
    private readonly double _etaMin;

    /// <summary>Anneals over <paramref name="tMax"/> epochs down to <paramref name="etaMin"/>.</summary>
    public CosineAnnealingLR(Optimizer optimizer, int tMax, float etaMin = 0f) : base(optimizer)
    {
        if (tMax <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(tMax), tMax, "CosineAnnealingLR: tMax must be >= 1");
        }
        if (!(etaMin >= 0f))
        {
            throw new ArgumentOutOfRangeException(nameof(etaMin), etaMin, "CosineAnnealingLR: etaMin must be >= 0");
        }
        TMax = tMax;
        EtaMin = etaMin;
        _etaMin = Hyper.Exact(etaMin);
        Start();
    }

    /// <summary>Length of the half cosine, in epochs.</summary>
    public int TMax { get; }

    /// <summary>The lowest rate.</summary>
    public float EtaMin { get; }

    /// <inheritdoc />
    public override double LrAt(int epoch) => _etaMin + (BaseLr - _etaMin) * (1 + Math.Cos(Math.PI * epoch / TMax)) / 2;

    /// <inheritdoc />
    /// <remarks>PyTorch's recursive form, which moves the current rate towards etaMin along the same cosine.</remarks>
    protected override double Chain(double current, int epoch)
    {
        if (((epoch - 1 - TMax) % (2 * TMax) + 2 * TMax) % (2 * TMax) == 0)
        {
            return current + (BaseLr - _etaMin) * (1 - Math.Cos(Math.PI / TMax)) / 2;
        }
        return (1 + Math.Cos(Math.PI * epoch / TMax)) / (1 + Math.Cos(Math.PI * (epoch - 1) / TMax)) * (current - _etaMin) + _etaMin;
    }
}
