using System.Globalization;

namespace Nabla.NN;

/// <summary>
/// Fully connected layer <c>y = x W^T + b</c> (PyTorch's <c>nn.Linear</c>; Keras's <c>Dense</c>).
/// <see cref="Weight"/> has shape <c>[out, in]</c> and <see cref="Bias"/> <c>[out]</c>, as in PyTorch, so state
/// dicts interoperate. Input <c>[..., in]</c> (usually <c>[N, in]</c>), output <c>[..., out]</c>.
/// </summary>
/// <remarks>
/// By default the weight and bias are drawn as PyTorch does for <c>nn.Linear</c>: U(-1/sqrt(in), 1/sqrt(in))
/// (<see cref="Init.DefaultWeight"/>, <see cref="Init.DefaultBias"/>). Pass <c>rng</c> for reproducible weights.
/// </remarks>
public sealed class Dense : Module
{
    /// <summary>Creates the layer and initialises its parameters.</summary>
    /// <param name="inFeatures">Width of each input sample.</param>
    /// <param name="outFeatures">Number of units (width of each output sample).</param>
    /// <param name="bias">Whether the layer has a bias (PyTorch's <c>bias=True</c>).</param>
    /// <param name="weightInit">Weight initialiser, e.g. <c>(w, r) =&gt; Init.XavierUniform(w, r)</c>; default <see cref="Init.DefaultWeight"/>.</param>
    /// <param name="biasInit">Bias initialiser; default U(-1/sqrt(in), 1/sqrt(in)).</param>
    /// <param name="rng">Random source for the initialisers; default: <see cref="Rng.FromDefault"/> (seed it with <see cref="Rng.ManualSeed"/>).</param>
    public Dense(int inFeatures, int outFeatures, bool bias = true, Initializer? weightInit = null,
                 Initializer? biasInit = null, Rng? rng = null)
    {
        if (inFeatures <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(inFeatures), inFeatures, "Dense needs inFeatures >= 1");
        }
        if (outFeatures <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(outFeatures), outFeatures, "Dense needs outFeatures >= 1");
        }
        InFeatures = inFeatures;
        OutFeatures = outFeatures;
        rng ??= Rng.FromDefault();
        var w = Tensor.Zeros(outFeatures, inFeatures);
        if (weightInit is null)
        {
            Init.DefaultWeight(w, rng);
        }
        else
        {
            weightInit(w, rng);
        }
        Weight = RegisterParameter("weight", w);
        if (bias)
        {
            var b = Tensor.Zeros(outFeatures);
            if (biasInit is null)
            {
                Init.DefaultBias(b, rng, inFeatures);
            }
            else
            {
                biasInit(b, rng);
            }
            Bias = RegisterParameter("bias", b);
        }
    }

    /// <summary>Width of each input sample.</summary>
    public int InFeatures { get; }

    /// <summary>Number of units.</summary>
    public int OutFeatures { get; }

    /// <summary>Weight, shape <c>[out, in]</c>: row j holds the incoming weights of unit j.</summary>
    public Parameter Weight { get; }

    /// <summary>Bias, shape <c>[out]</c>, or null when created with <c>bias: false</c>.</summary>
    public Parameter? Bias { get; }

    /// <inheritdoc />
    public override FusedPart FusedPart => new FusedLinear(Weight, Bias);

    /// <summary>Computes <c>x W^T + b</c>: input <c>[..., in]</c>, output <c>[..., out]</c>.</summary>
    /// <exception cref="ArgumentException">The input's last dimension is not <see cref="InFeatures"/>.</exception>
    public override Tensor Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Rank == 0 || input.Shape[input.Rank - 1] != InFeatures)
        {
            throw new ArgumentException(
                $"Dense({InFeatures} -> {OutFeatures}) got input of shape {input.Shape}: the last dimension must be {InFeatures}",
                nameof(input));
        }
        return Functional.Linear(input, Weight.Value, Bias?.Value);
    }

    /// <inheritdoc />
    protected override string ExtraRepr() =>
        string.Create(CultureInfo.InvariantCulture, $"{InFeatures} -> {OutFeatures}{(Bias is null ? ", bias=False" : "")}");
}
