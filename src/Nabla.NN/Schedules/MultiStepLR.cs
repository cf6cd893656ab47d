using Nabla.NN.Optim;

namespace Nabla.NN.Schedules;

/// <summary>Decay at chosen epochs (PyTorch's <c>MultiStepLR</c>): <c>lr = baseLr * gamma^(number of milestones &lt;= epoch)</c>.</summary>
public sealed class MultiStepLR : LrScheduler
{
    private readonly int[] _milestones;
    private readonly double _gamma;

    /// <summary>Multiplies the rate by <paramref name="gamma"/> at each epoch in <paramref name="milestones"/> (increasing).</summary>
    public MultiStepLR(Optimizer optimizer, IEnumerable<int> milestones, float gamma = 0.1f) : base(optimizer)
    {
        ArgumentNullException.ThrowIfNull(milestones);
        _milestones = milestones.ToArray();
        for (int i = 0; i < _milestones.Length; i++)
        {
            if (_milestones[i] < 0 || (i > 0 && _milestones[i] < _milestones[i - 1]))
            {
                throw new ArgumentException(
                    $"MultiStepLR: milestones must be non-negative and increasing, got [{string.Join(", ", _milestones)}]", nameof(milestones));
            }
        }
        ScheduleCheck.Factor("MultiStepLR", nameof(gamma), gamma);
        Gamma = gamma;
        _gamma = Hyper.Exact(gamma);
        Start();
    }

    /// <summary>Epochs at which the rate decays.</summary>
    public IReadOnlyList<int> Milestones => _milestones;

    /// <summary>Decay factor.</summary>
    public float Gamma { get; }

    /// <inheritdoc />
    public override double LrAt(int epoch) => BaseLr * Math.Pow(_gamma, _milestones.Count(m => m <= epoch));
}
