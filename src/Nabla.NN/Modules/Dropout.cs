using System.Globalization;

namespace Nabla.NN;

/// <summary>
/// Inverted dropout (PyTorch's <c>nn.Dropout</c>): in training mode each element is zeroed with probability
/// <see cref="P"/> and survivors are scaled by <c>1 / (1 - p)</c>; in evaluation mode (<see cref="Module.Eval"/>)
/// it is the identity. Output shape = input shape.
/// </summary>
public sealed class Dropout : Module, IRandomModule
{
    private readonly Rng _rng;

    /// <summary>Creates the layer.</summary>
    /// <param name="p">Probability of zeroing an element, in [0, 1] (PyTorch's default 0.5).</param>
    /// <param name="rng">Source of the masks; default: <see cref="Rng.FromDefault"/> (seed it with <see cref="Rng.ManualSeed"/>).</param>
    public Dropout(float p = 0.5f, Rng? rng = null)
    {
        Functional.CheckProbability(p, "Dropout", nameof(p));
        P = p;
        _rng = rng ?? Rng.FromDefault();
    }

    /// <summary>Probability of zeroing an element.</summary>
    public float P { get; }

    /// <summary>The generator the masks are drawn from (saved by checkpoints).</summary>
    public Rng Rng => _rng;

    /// <inheritdoc />
    public override FusedPart FusedPart => new FusedDropout(this);

    /// <summary>Applies dropout in training mode, the identity in evaluation mode; any input shape.</summary>
    public override Tensor Forward(Tensor input) => Functional.Dropout(input, P, Training, _rng);

    /// <inheritdoc />
    protected override string ExtraRepr() => "p=" + P.ToString(CultureInfo.InvariantCulture);
}
