namespace Nabla.NN.Optim;

/// <summary>Hyper-parameters of <see cref="RmsProp"/> (PyTorch's names and defaults).</summary>
/// <param name="Lr">Learning rate.</param>
/// <param name="Alpha">Smoothing constant of the running average of squared gradients.</param>
/// <param name="Eps">Added to the denominator for numerical stability.</param>
/// <param name="WeightDecay">L2 penalty added to the gradient.</param>
/// <param name="Momentum">Momentum factor (0 = none).</param>
/// <param name="Centered">Divide by the estimated variance (mean square minus squared mean) instead of the mean square.</param>
/// <param name="Maximize">Ascend instead of descend (the gradient is negated first).</param>
public sealed record RmsPropOptions(float Lr = 1e-2f, float Alpha = 0.99f, float Eps = 1e-8f, float WeightDecay = 0f,
                                    float Momentum = 0f, bool Centered = false, bool Maximize = false)
{
    /// <summary>Throws naming the first invalid value.</summary>
    public void Validate()
    {
        Check.NonNegative("RmsProp", "lr", Lr);
        Check.InRange("RmsProp", "alpha", Alpha, 0f, 1f);
        Check.NonNegative("RmsProp", "eps", Eps);
        Check.NonNegative("RmsProp", "weightDecay", WeightDecay);
        Check.InRange("RmsProp", "momentum", Momentum, 0f, 1f, upperInclusive: false);
    }
}

/// <summary>
/// RMSprop (Hinton, Neural Networks for Machine Learning, lecture 6e, 2012; centered variant from Graves, 2013,
/// "Generating Sequences With Recurrent Neural Networks"; PyTorch's <c>torch.optim.RMSprop</c>): divides the step
/// by a running root-mean-square of recent gradients.
/// </summary>
/// <remarks>
/// <code>
/// if maximize: g = -g
/// g = g + weightDecay * p                          (if weightDecay != 0)
/// v = alpha * v + (1 - alpha) * g^2
/// if centered: m = alpha * m + (1 - alpha) * g;  d = sqrt(v - m^2) + eps
/// else:        d = sqrt(v) + eps
/// if momentum > 0: b = momentum * b + g / d;  p = p - lr * b
/// else:            p = p - lr * g / d
/// </code>
/// Note PyTorch's eps is added outside the square root.
/// </remarks>
public sealed class RmsProp : Optimizer, IMomentumOptimizer
{
    private float _momentum;

    /// <summary>Creates the optimizer (arguments as PyTorch's RMSprop).</summary>
    public RmsProp(IEnumerable<Parameter> parameters, float lr = 1e-2f, float alpha = 0.99f, float eps = 1e-8f,
                   float weightDecay = 0f, float momentum = 0f, bool centered = false, bool maximize = false)
        : this(parameters, new RmsPropOptions(lr, alpha, eps, weightDecay, momentum, centered, maximize))
    {
    }

    /// <summary>Creates the optimizer from an options record.</summary>
    public RmsProp(IEnumerable<Parameter> parameters, RmsPropOptions options)
        : base(parameters, Validated(options).Lr)
    {
        Alpha = options.Alpha;
        Eps = options.Eps;
        WeightDecay = options.WeightDecay;
        _momentum = options.Momentum;
        Centered = options.Centered;
        Maximize = options.Maximize;
    }

    /// <summary>Ascends (PyTorch's <c>maximize</c>): the gradient is negated before the update.</summary>
    public bool Maximize { get; }

    /// <inheritdoc />
    protected override bool NegatesGradient => Maximize;


    private static RmsPropOptions Validated(RmsPropOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        return options;
    }

    /// <summary>Smoothing constant.</summary>
    public float Alpha { get; }

    /// <summary>Denominator epsilon.</summary>
    public float Eps { get; }

    /// <summary>L2 penalty added to the gradient.</summary>
    public float WeightDecay { get; }

    /// <summary>Whether the centered variant is used.</summary>
    public bool Centered { get; }

    /// <summary>Momentum factor (a one-cycle schedule may change it).</summary>
    public float Momentum
    {
        get => _momentum;
        set
        {
            Check.InRange(Name, "momentum", value, 0f, 1f, upperInclusive: false);
            _momentum = value;
        }
    }

    /// <summary>The current hyper-parameters as an options record.</summary>
    public RmsPropOptions Options => new(Lr, Alpha, Eps, WeightDecay, Momentum, Centered, Maximize);

    /// <inheritdoc />
    protected override void Update(int index, Span<float> param, ReadOnlySpan<float> grad)
    {
        double alpha = Hyper.Exact(Alpha);
        var s = new Scalars
        {
            WeightDecay = (float)Hyper.Exact(WeightDecay),
            Alpha = (float)alpha,
            OneMinusAlpha = (float)(1.0 - alpha),
            Eps = (float)Hyper.Exact(Eps),
            Momentum = (float)Hyper.Exact(Momentum),
            NegLr = (float)-LrExact,
        };
        Span<float> squareAvg = Part(State(index, "square_avg"));
        Span<float> gradAvg = Centered ? Part(State(index, "grad_avg")) : [];
        Span<float> buffer = Momentum > 0f ? Part(State(index, "momentum_buffer")) : [];
        _update.Scalars = s;
        _update.Run(param, grad, squareAvg, gradAvg, buffer);
    }

    private readonly RuleUpdate<Rule, Scalars> _update = new();

    /// <summary>The state buffers in order: square average, gradient average (centered), momentum buffer.</summary>
    private readonly struct Rule : IElementRule<Scalars>
    {
        public static void Apply<V>(Span<float> param, ReadOnlySpan<float> grad, Span<float> squareAvg, Span<float> gradAvg,
            Span<float> buffer, in Scalars s, ref int i) where V : struct, ILanes<V> => Kernel<V>(param, grad, squareAvg, gradAvg, buffer, s, ref i);
    }

    private struct Scalars
    {
        public float WeightDecay, Alpha, OneMinusAlpha, Eps, Momentum, NegLr;
    }

    private static void Kernel<V>(Span<float> param, ReadOnlySpan<float> grad, Span<float> squareAvg, Span<float> gradAvg,
                                  Span<float> buffer, in Scalars s, ref int i)
        where V : struct, ILanes<V>
    {
        V wd = V.Splat(s.WeightDecay), alpha = V.Splat(s.Alpha), oneMinusAlpha = V.Splat(s.OneMinusAlpha);
        V eps = V.Splat(s.Eps), mu = V.Splat(s.Momentum), negLr = V.Splat(s.NegLr);
        bool centered = gradAvg.Length > 0, momentum = buffer.Length > 0;
        for (; i <= param.Length - V.Count; i += V.Count)
        {
            V p = V.Load(param, i);
            V g = V.Fma(wd, p, V.Load(grad, i));                          // g + weightDecay * p
            V v = V.Load(squareAvg, i) * alpha + oneMinusAlpha * g * g;   // alpha v + (1 - alpha) g^2
            v.Store(squareAvg, i);
            V avg;
            if (centered)
            {
                V m = V.Fma(oneMinusAlpha, g, V.Load(gradAvg, i) * alpha); // alpha m + (1 - alpha) g
                m.Store(gradAvg, i);
                avg = V.Sqrt(v - m * m) + eps;
            }
            else
            {
                avg = V.Sqrt(v) + eps;
            }
            if (momentum)
            {
                V b = V.Load(buffer, i) * mu + g / avg;                    // mu b + g / avg
                b.Store(buffer, i);
                V.Fma(negLr, b, p).Store(param, i);                        // p - lr b
            }
            else
            {
                (p + negLr * (g / avg)).Store(param, i);                    // p - lr g / avg
            }
        }
    }

    /// <inheritdoc />
    protected override IEnumerable<KeyValuePair<string, double>> HyperParameters() => [new("momentum", Momentum)];

    /// <inheritdoc />
    protected override void SetHyperParameter(string name, double value)
    {
        if (name == "momentum")
        {
            Momentum = (float)value;
        }
    }
}
