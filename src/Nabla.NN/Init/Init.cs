using Nabla.NN.Registries;

namespace Nabla.NN;

/// <summary>
/// Weight initialisers (PyTorch's <c>torch.nn.init</c>). Each fills a tensor in place and returns it. For a
/// weight of shape <c>[out, in, k...]</c>, <c>fanIn = in * prod(k)</c> and <c>fanOut = out * prod(k)</c>, as in PyTorch.
/// </summary>
/// <remarks>
/// Why these variances: a unit's pre-activation <c>z = sum_i w_i x_i</c> over <c>fanIn</c> inputs has
/// <c>Var z = fanIn Var w Var x</c>, so <c>Var w = 1 / fanIn</c> keeps the signal's scale from layer to layer
/// (LeCun); Xavier/Glorot averages the forward and backward fans, <c>Var w = 2 / (fanIn + fanOut)</c>; ReLU zeroes
/// half of its inputs, so He/Kaiming doubles it, <c>Var w = 2 / fanIn</c>. A uniform U(-b, b) has variance b^2 / 3.
/// </remarks>
public static class Init
{
    /// <summary>Sets every element to 0. On every layer of a network this leaves all hidden units identical (symmetric), so they never learn different features.</summary>
    public static Tensor Zeros(Tensor tensor) => Constant(tensor, 0f);

    /// <summary>Sets every element to 1.</summary>
    public static Tensor Ones(Tensor tensor) => Constant(tensor, 1f);

    /// <summary>Sets every element to <paramref name="value"/>.</summary>
    public static Tensor Constant(Tensor tensor, float value)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        using (GradMode.NoGrad())
        {
            tensor.AsSpan().Fill(value);
        }
        return tensor;
    }

    /// <summary>Draws every element from the normal distribution N(<paramref name="mean"/>, <paramref name="std"/>^2).</summary>
    public static Tensor Normal(Tensor tensor, Rng rng, float mean = 0f, float std = 1f)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        ArgumentNullException.ThrowIfNull(rng);
        if (!(std >= 0f) || !float.IsFinite(std) || !float.IsFinite(mean))
        {
            throw new ArgumentOutOfRangeException(nameof(std), $"Init.Normal needs a finite mean and std >= 0, got mean {mean}, std {std}");
        }
        using (GradMode.NoGrad())
        {
            var span = tensor.AsSpan();
            for (int i = 0; i < span.Length; i++)
            {
                span[i] = mean + std * (float)rng.NextGaussian();
            }
        }
        return tensor;
    }

    /// <summary>Draws every element from the uniform distribution U(<paramref name="a"/>, <paramref name="b"/>).</summary>
    public static Tensor Uniform(Tensor tensor, Rng rng, float a = 0f, float b = 1f)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        ArgumentNullException.ThrowIfNull(rng);
        if (!(a <= b) || !float.IsFinite(a) || !float.IsFinite(b))
        {
            throw new ArgumentOutOfRangeException(nameof(b), $"Init.Uniform needs finite bounds a <= b, got a = {a}, b = {b}");
        }
        using (GradMode.NoGrad())
        {
            var span = tensor.AsSpan();
            float width = b - a;
            for (int i = 0; i < span.Length; i++)
            {
                span[i] = a + width * rng.NextFloat();
            }
        }
        return tensor;
    }

    /// <summary>Xavier/Glorot uniform: U(-b, b) with <c>b = gain * sqrt(6 / (fanIn + fanOut))</c>, i.e. <c>Var w = gain^2 * 2 / (fanIn + fanOut)</c>.</summary>
    public static Tensor XavierUniform(Tensor tensor, Rng rng, float gain = 1f)
    {
        var (fanIn, fanOut) = Fans(tensor);
        float bound = gain * MathF.Sqrt(6f / (fanIn + fanOut));
        return Uniform(tensor, rng, -bound, bound);
    }

    /// <summary>Xavier/Glorot normal: N(0, std^2) with <c>std = gain * sqrt(2 / (fanIn + fanOut))</c>.</summary>
    public static Tensor XavierNormal(Tensor tensor, Rng rng, float gain = 1f)
    {
        var (fanIn, fanOut) = Fans(tensor);
        return Normal(tensor, rng, 0f, gain * MathF.Sqrt(2f / (fanIn + fanOut)));
    }

    /// <summary>
    /// He/Kaiming uniform: U(-b, b) with <c>b = gain * sqrt(3 / fan)</c> (PyTorch's defaults: a = 0, fan-in and the gain of
    /// a rectifier of negative slope a, <see cref="RectifierGain"/>, so gain = sqrt(2) and <c>Var w = 2 / fanIn</c>).
    /// </summary>
    /// <param name="a">Negative slope of the rectifier that follows (only used when <paramref name="gain"/> is null).</param>
    /// <param name="gain">The gain, e.g. <see cref="CalculateGain"/> of the activation that follows; null for <c>RectifierGain(a)</c>.</param>
    public static Tensor KaimingUniform(Tensor tensor, Rng rng, float a = 0f, FanMode mode = FanMode.FanIn, float? gain = null)
    {
        float std = KaimingStd(tensor, a, mode, gain);
        float bound = MathF.Sqrt(3f) * std;
        return Uniform(tensor, rng, -bound, bound);
    }

    /// <summary>He/Kaiming normal: N(0, std^2) with <c>std = gain / sqrt(fan)</c> (defaults as <see cref="KaimingUniform"/>).</summary>
    public static Tensor KaimingNormal(Tensor tensor, Rng rng, float a = 0f, FanMode mode = FanMode.FanIn, float? gain = null) =>
        Normal(tensor, rng, 0f, KaimingStd(tensor, a, mode, gain));

    /// <summary>LeCun normal: N(0, 1 / fanIn), the variance-preserving choice for linear/tanh/SELU units (not truncated).</summary>
    public static Tensor LecunNormal(Tensor tensor, Rng rng)
    {
        var (fanIn, _) = Fans(tensor);
        return Normal(tensor, rng, 0f, 1f / MathF.Sqrt(fanIn));
    }

    /// <summary>
    /// PyTorch's default for <c>nn.Linear</c> (and <see cref="Dense"/>): weight U(-1/sqrt(fanIn), 1/sqrt(fanIn)),
    /// which is Kaiming uniform with a = sqrt(5). The bias uses the same bound (see <see cref="DefaultBias"/>).
    /// </summary>
    public static Tensor DefaultWeight(Tensor tensor, Rng rng) => KaimingUniform(tensor, rng, MathF.Sqrt(5f));

    /// <summary>PyTorch's default bias of <c>nn.Linear</c>: U(-1/sqrt(fanIn), 1/sqrt(fanIn)) where fanIn is the layer's input width.</summary>
    public static Tensor DefaultBias(Tensor bias, Rng rng, int fanIn)
    {
        if (fanIn <= 0)
        {
            return Zeros(bias);
        }
        float bound = 1f / MathF.Sqrt(fanIn);
        return Uniform(bias, rng, -bound, bound);
    }

    /// <summary>
    /// The recommended gain for an activation (PyTorch's <c>calculate_gain</c>), as its registry row states it: linear,
    /// step and sigmoid 1, tanh 5/3, relu sqrt(2), a rectifier of negative slope a <see cref="RectifierGain"/>.
    /// </summary>
    /// <param name="activation">The activation's row, e.g. <c>ActivationRegistry.All["tanh"]</c>.</param>
    /// <param name="param">The activation's parameter (a negative slope); null means the row's default.</param>
    public static float CalculateGain(ActivationRow activation, float? param = null)
    {
        ArgumentNullException.ThrowIfNull(activation);
        return activation.Gain(param);
    }

    /// <summary>The gain of a rectifier with negative slope <paramref name="a"/>: sqrt(2 / (1 + a^2)) (He et al. 2015).</summary>
    public static float RectifierGain(float a) => (float)Math.Sqrt(2.0 / (1.0 + (double)a * a));

    /// <summary>The gain PyTorch's <c>calculate_gain('selu')</c> gives SELU: 3/4.</summary>
    public const float SeluGain = 0.75f;

    /// <summary>
    /// (fanIn, fanOut) of a weight of shape <c>[out, in, k...]</c>: <c>in * prod(k)</c> and <c>out * prod(k)</c>.
    /// </summary>
    /// <exception cref="ArgumentException">The tensor has fewer than 2 dimensions (fans are undefined).</exception>
    public static (int FanIn, int FanOut) Fans(Tensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        var shape = tensor.Shape;
        if (shape.Rank < 2)
        {
            throw new ArgumentException(
                $"fan-in and fan-out need a weight of rank >= 2 ([out, in, ...]) but got shape {shape}: " +
                "use Init.Uniform/Normal/Constant for biases", nameof(tensor));
        }
        int receptive = 1;
        for (int i = 2; i < shape.Rank; i++)
        {
            receptive *= shape[i];
        }
        return (shape[1] * receptive, shape[0] * receptive);
    }

    private static float KaimingStd(Tensor tensor, float a, FanMode mode, float? gain)
    {
        var (fanIn, fanOut) = Fans(tensor);
        int fan = mode == FanMode.FanIn ? fanIn : fanOut;
        if (fan <= 0)
        {
            throw new ArgumentException($"cannot initialise a tensor of shape {tensor.Shape}: its {mode} is 0", nameof(tensor));
        }
        return (gain ?? RectifierGain(a)) / MathF.Sqrt(fan);
    }
}
