namespace Nabla.NN.Optim;

/// <summary>Hyper-parameters of <see cref="Adagrad"/> (PyTorch's names and defaults).</summary>
/// <param name="Lr">Learning rate.</param>
/// <param name="LrDecay">Learning-rate decay: step t uses <c>lr / (1 + (t - 1) lrDecay)</c>.</param>
/// <param name="WeightDecay">L2 penalty added to the gradient.</param>
/// <param name="InitialAccumulatorValue">Starting value of the sum of squared gradients.</param>
/// <param name="Eps">Added to the denominator for numerical stability.</param>
/// <param name="Maximize">Ascend instead of descend (the gradient is negated first).</param>
public sealed record AdagradOptions(float Lr = 1e-2f, float LrDecay = 0f, float WeightDecay = 0f,
                                    float InitialAccumulatorValue = 0f, float Eps = 1e-10f, bool Maximize = false)
{
    /// <summary>Throws naming the first invalid value.</summary>
    public void Validate()
    {
        Check.NonNegative("Adagrad", "lr", Lr);
        Check.NonNegative("Adagrad", "lrDecay", LrDecay);
        Check.NonNegative("Adagrad", "weightDecay", WeightDecay);
        Check.NonNegative("Adagrad", "initialAccumulatorValue", InitialAccumulatorValue);
        Check.NonNegative("Adagrad", "eps", Eps);
    }
}

/// <summary>
/// Adagrad (Duchi, Hazan and Singer, 2011, "Adaptive Subgradient Methods for Online Learning and Stochastic
/// Optimization"; PyTorch's <c>torch.optim.Adagrad</c>): each weight's step is divided by the root of the sum of
/// all its squared gradients, so often-updated weights slow down.
/// </summary>
/// <remarks>
/// <code>
/// if maximize: g = -g
/// state: s = initialAccumulatorValue
/// step t:  g = g + weightDecay * p                   (if weightDecay != 0)
///          clr = lr / (1 + (t - 1) * lrDecay)
///          s = s + g * g
///          p = p - clr * g / (sqrt(s) + eps)
/// </code>
/// </remarks>
public sealed class Adagrad : Optimizer
{
    /// <summary>Creates the optimizer (arguments as PyTorch's Adagrad).</summary>
    public Adagrad(IEnumerable<Parameter> parameters, float lr = 1e-2f, float lrDecay = 0f, float weightDecay = 0f,
                   float initialAccumulatorValue = 0f, float eps = 1e-10f, bool maximize = false)
        : this(parameters, new AdagradOptions(lr, lrDecay, weightDecay, initialAccumulatorValue, eps, maximize))
    {
    }

    /// <summary>Creates the optimizer from an options record.</summary>
    public Adagrad(IEnumerable<Parameter> parameters, AdagradOptions options)
        : base(parameters, Validated(options).Lr)
    {
        LrDecay = options.LrDecay;
        WeightDecay = options.WeightDecay;
        InitialAccumulatorValue = options.InitialAccumulatorValue;
        Eps = options.Eps;
        Maximize = options.Maximize;
    }

    /// <summary>Ascends (PyTorch's <c>maximize</c>): the gradient is negated before the update.</summary>
    public bool Maximize { get; }

    /// <inheritdoc />
    protected override bool NegatesGradient => Maximize;


    private static AdagradOptions Validated(AdagradOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        return options;
    }

    /// <summary>Learning-rate decay.</summary>
    public float LrDecay { get; }

    /// <summary>L2 penalty added to the gradient.</summary>
    public float WeightDecay { get; }

    /// <summary>Starting value of the accumulator.</summary>
    public float InitialAccumulatorValue { get; }

    /// <summary>Denominator epsilon.</summary>
    public float Eps { get; }

    /// <summary>The current hyper-parameters as an options record.</summary>
    public AdagradOptions Options => new(Lr, LrDecay, WeightDecay, InitialAccumulatorValue, Eps, Maximize);

    /// <inheritdoc />
    protected override void Update(int index, Span<float> param, ReadOnlySpan<float> grad)
    {
        float[] sum = State(index, "sum", InitialAccumulatorValue);
        long t = ParameterStep(index);
        double clr = LrExact / (1.0 + (t - 1) * Hyper.Exact(LrDecay));
        _update.Scalars = new Scalars { Wd = (float)Hyper.Exact(WeightDecay), Eps = (float)Hyper.Exact(Eps), NegClr = (float)-clr };
        _update.Run(param, grad, Part(sum));
    }

    private readonly RuleUpdate<Rule, Scalars> _update = new();

    private struct Scalars
    {
        public float Wd, Eps, NegClr;
    }

    /// <summary>The one state buffer: the sum of squared gradients.</summary>
    private readonly struct Rule : IElementRule<Scalars>
    {
        public static void Apply<V>(Span<float> param, ReadOnlySpan<float> grad, Span<float> sum, Span<float> unused1, Span<float> unused2,
            in Scalars s, ref int i) where V : struct, ILanes<V> => Kernel<V>(param, grad, sum, s.Wd, s.Eps, s.NegClr, ref i);
    }

    private static void Kernel<V>(Span<float> param, ReadOnlySpan<float> grad, Span<float> sum, float wd, float eps, float negClr, ref int i)
        where V : struct, ILanes<V>
    {
        V vwd = V.Splat(wd), veps = V.Splat(eps), vNegClr = V.Splat(negClr);
        for (; i <= param.Length - V.Count; i += V.Count)
        {
            V p = V.Load(param, i);
            V g = V.Fma(vwd, p, V.Load(grad, i));          // g + weightDecay * p
            V s = V.Load(sum, i) + g * g;                    // s + g^2
            s.Store(sum, i);
            V std = V.Sqrt(s) + veps;
            (p + vNegClr * (g / std)).Store(param, i);      // p - clr g / (sqrt(s) + eps)
        }
    }

    /// <inheritdoc />
    protected override IEnumerable<KeyValuePair<string, double>> HyperParameters() => [new("lr_decay", LrDecay)];
}
