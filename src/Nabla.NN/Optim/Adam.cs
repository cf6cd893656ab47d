namespace Nabla.NN.Optim;

/// <summary>Hyper-parameters of <see cref="Adam"/> and <see cref="AdamW"/> (PyTorch's names and defaults, betas split in two).</summary>
/// <param name="Lr">Learning rate (step size alpha).</param>
/// <param name="Beta1">Decay of the running mean of gradients.</param>
/// <param name="Beta2">Decay of the running mean of squared gradients.</param>
/// <param name="Eps">Added to the denominator for numerical stability.</param>
/// <param name="WeightDecay">Adam: L2 penalty added to the gradient. AdamW: decoupled decay rate.</param>
/// <param name="Amsgrad">Use the running maximum of the second moment (Reddi et al., 2018).</param>
/// <param name="Maximize">Ascend instead of descend (the gradient is negated first).</param>
public sealed record AdamOptions(float Lr = 1e-3f, float Beta1 = 0.9f, float Beta2 = 0.999f, float Eps = 1e-8f,
                                 float WeightDecay = 0f, bool Amsgrad = false, bool Maximize = false)
{
    /// <summary>Throws naming the first invalid value; <paramref name="who"/> is the optimizer's name.</summary>
    public void Validate(string who = "Adam")
    {
        Check.NonNegative(who, "lr", Lr);
        Check.InRange(who, "beta1", Beta1, 0f, 1f, upperInclusive: false);
        Check.InRange(who, "beta2", Beta2, 0f, 1f, upperInclusive: false);
        Check.NonNegative(who, "eps", Eps);
        Check.NonNegative(who, "weightDecay", WeightDecay);
    }
}

/// <summary>
/// Adam (Kingma and Ba, 2015, "Adam: A Method for Stochastic Optimization"; PyTorch's <c>torch.optim.Adam</c>):
/// a step along the running mean of the gradient divided by the root of the running mean of its square, both
/// corrected for their zero initialisation. With <c>amsgrad</c>, the denominator uses the largest second moment
/// seen so far (Reddi, Kale and Kumar, 2018, "On the Convergence of Adam and Beyond").
/// </summary>
/// <remarks>
/// <code>
/// if maximize: g = -g
/// g = g + weightDecay * p                     (L2 in the gradient; see AdamW for decoupled decay)
/// m = beta1 * m + (1 - beta1) * g
/// v = beta2 * v + (1 - beta2) * g^2
/// if amsgrad: vmax = max(vmax, v); v' = vmax  else v' = v
/// p = p - lr / (1 - beta1^t) * m / (sqrt(v') / sqrt(1 - beta2^t) + eps)
/// </code>
/// Weight decay here is added to the gradient, so it is then divided by sqrt(v) like the gradient: weights with
/// large gradients are decayed less. <see cref="AdamW"/> decouples it (Loshchilov and Hutter, 2019).
/// </remarks>
public class Adam : Optimizer, IMomentumOptimizer
{
    private float _beta1;

    /// <summary>Creates the optimizer (arguments as PyTorch's Adam; <paramref name="betas"/> defaults to (0.9, 0.999)).</summary>
    public Adam(IEnumerable<Parameter> parameters, float lr = 1e-3f, (float Beta1, float Beta2)? betas = null, float eps = 1e-8f,
                float weightDecay = 0f, bool amsgrad = false, bool maximize = false)
        : this(parameters, new AdamOptions(lr, betas?.Beta1 ?? 0.9f, betas?.Beta2 ?? 0.999f, eps, weightDecay, amsgrad, maximize))
    {
    }

    /// <summary>Creates the optimizer from an options record.</summary>
    public Adam(IEnumerable<Parameter> parameters, AdamOptions options)
        : this(parameters, options, decoupled: false)
    {
    }

    private protected Adam(IEnumerable<Parameter> parameters, AdamOptions options, bool decoupled)
        : base(parameters, Validated(options, decoupled).Lr)
    {
        _beta1 = options.Beta1;
        Beta2 = options.Beta2;
        Eps = options.Eps;
        WeightDecay = options.WeightDecay;
        Amsgrad = options.Amsgrad;
        Decoupled = decoupled;
        Maximize = options.Maximize;
    }

    /// <summary>Ascends (PyTorch's <c>maximize</c>): the gradient is negated before the update.</summary>
    public bool Maximize { get; }

    /// <inheritdoc />
    protected override bool NegatesGradient => Maximize;


    private static AdamOptions Validated(AdamOptions options, bool decoupled)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate(decoupled ? "AdamW" : "Adam");
        return options;
    }

    /// <summary>Decay of the first moment (a one-cycle schedule may change it through <see cref="IMomentumOptimizer.Momentum"/>).</summary>
    public float Beta1
    {
        get => _beta1;
        set
        {
            Check.InRange(Name, "beta1", value, 0f, 1f, upperInclusive: false);
            _beta1 = value;
        }
    }

    float IMomentumOptimizer.Momentum
    {
        get => Beta1;
        set => Beta1 = value;
    }

    /// <summary>Decay of the second moment.</summary>
    public float Beta2 { get; }

    /// <summary>Denominator epsilon.</summary>
    public float Eps { get; }

    /// <summary>Weight decay: L2-in-the-gradient for Adam, decoupled for AdamW.</summary>
    public float WeightDecay { get; }

    /// <summary>Whether the AMSGrad maximum is used.</summary>
    public bool Amsgrad { get; }

    /// <summary>True for AdamW (decoupled weight decay).</summary>
    private protected bool Decoupled { get; }

    /// <summary>The current hyper-parameters as an options record.</summary>
    public AdamOptions Options => new(Lr, Beta1, Beta2, Eps, WeightDecay, Amsgrad, Maximize);

    /// <inheritdoc />
    protected override void Update(int index, Span<float> param, ReadOnlySpan<float> grad)
    {
        long t = ParameterStep(index);
        double beta1 = Hyper.Exact(Beta1), beta2 = Hyper.Exact(Beta2), wd = Hyper.Exact(WeightDecay);
        // Scalars in double, as PyTorch computes them in Python, then rounded to float once.
        double biasCorrection1 = 1 - Math.Pow(beta1, t);
        double biasCorrection2 = 1 - Math.Pow(beta2, t);
        var s = new Scalars
        {
            Decay = Decoupled ? (float)(1 - LrExact * wd) : 1f,
            L2 = Decoupled ? 0f : (float)wd,
            Beta1 = (float)beta1,
            OneMinusBeta1 = (float)(1 - beta1),
            Beta2 = (float)beta2,
            OneMinusBeta2 = (float)(1 - beta2),
            BiasCorrection2Sqrt = (float)Math.Sqrt(biasCorrection2),
            Eps = (float)Hyper.Exact(Eps),
            NegStepSize = (float)-(LrExact / biasCorrection1),
        };
        Span<float> m = Part(State(index, "exp_avg")), v = Part(State(index, "exp_avg_sq"));
        Span<float> vmax = Amsgrad ? Part(State(index, "max_exp_avg_sq")) : [];
        _update.Scalars = s;
        _update.Run(param, grad, m, v, vmax);
    }

    private readonly RuleUpdate<Rule, Scalars> _update = new();

    /// <summary>The state buffers in order: first moment, second moment, AMSGrad's maximum.</summary>
    private readonly struct Rule : IElementRule<Scalars>
    {
        public static void Apply<V>(Span<float> param, ReadOnlySpan<float> grad, Span<float> m, Span<float> v, Span<float> vmax,
            in Scalars s, ref int i) where V : struct, ILanes<V> => Kernel<V>(param, grad, m, v, vmax, s, ref i);
    }

    private struct Scalars
    {
        public float Decay, L2, Beta1, OneMinusBeta1, Beta2, OneMinusBeta2, BiasCorrection2Sqrt, Eps, NegStepSize;
    }

    private static void Kernel<V>(Span<float> param, ReadOnlySpan<float> grad, Span<float> expAvg, Span<float> expAvgSq,
                                  Span<float> maxExpAvgSq, in Scalars s, ref int i)
        where V : struct, ILanes<V>
    {
        V decay = V.Splat(s.Decay), l2 = V.Splat(s.L2), b1 = V.Splat(s.Beta1), omb1 = V.Splat(s.OneMinusBeta1);
        V b2 = V.Splat(s.Beta2), omb2 = V.Splat(s.OneMinusBeta2), bc2 = V.Splat(s.BiasCorrection2Sqrt);
        V eps = V.Splat(s.Eps), negStep = V.Splat(s.NegStepSize);
        bool amsgrad = maxExpAvgSq.Length > 0;
        for (; i <= param.Length - V.Count; i += V.Count)
        {
            V p = V.Load(param, i) * decay;                             // AdamW: p (1 - lr lambda); Adam: p * 1
            V g = V.Fma(l2, p, V.Load(grad, i));                         // Adam: g + lambda p; AdamW: g + 0
            V m = V.Fma(omb1, g, V.Load(expAvg, i) * b1);                // beta1 m + (1 - beta1) g
            V v = V.Load(expAvgSq, i) * b2 + omb2 * g * g;               // beta2 v + (1 - beta2) g^2
            m.Store(expAvg, i);
            v.Store(expAvgSq, i);
            if (amsgrad)
            {
                v = V.Max(V.Load(maxExpAvgSq, i), v);                   // vmax = max(vmax, v)
                v.Store(maxExpAvgSq, i);
            }
            V denom = V.Sqrt(v) / bc2 + eps;                             // sqrt(v) / sqrt(1 - beta2^t) + eps
            (p + negStep * (m / denom)).Store(param, i);                 // p - lr / (1 - beta1^t) m / denom
        }
    }

    /// <inheritdoc />
    protected override IEnumerable<KeyValuePair<string, double>> HyperParameters() => [new("beta1", Beta1)];

    /// <inheritdoc />
    protected override void SetHyperParameter(string name, double value)
    {
        if (name == "beta1")
        {
            Beta1 = (float)value;
        }
    }
}
