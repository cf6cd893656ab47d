namespace Nabla.NN.Optim;

/// <summary>Hyper-parameters of <see cref="Sgd"/> (PyTorch's argument names and defaults).</summary>
/// <param name="Lr">Learning rate (no default in PyTorch either).</param>
/// <param name="Momentum">Momentum factor mu in [0, 1).</param>
/// <param name="Dampening">Dampening tau of the momentum in [0, 1].</param>
/// <param name="WeightDecay">L2 penalty lambda added to the gradient.</param>
/// <param name="Nesterov">Nesterov momentum (needs Momentum &gt; 0 and Dampening = 0).</param>
/// <param name="Maximize">Ascend instead of descend.</param>
/// <param name="DecoupledWeightDecay">Decay the weights directly, <c>p = (1 - lr lambda) p</c>, instead of adding
/// <c>lambda p</c> to the gradient (SGDW, Loshchilov and Hutter, 2019): the decay then stays out of the momentum buffer.</param>
public sealed record SgdOptions(float Lr, float Momentum = 0f, float Dampening = 0f, float WeightDecay = 0f,
                                bool Nesterov = false, bool Maximize = false, bool DecoupledWeightDecay = false)
{
    /// <summary>Throws naming the first invalid value.</summary>
    public void Validate()
    {
        Check.NonNegative("Sgd", "lr", Lr);
        Check.InRange("Sgd", "momentum", Momentum, 0f, 1f, upperInclusive: false);
        Check.InRange("Sgd", "dampening", Dampening, 0f, 1f);
        Check.NonNegative("Sgd", "weightDecay", WeightDecay);
        if (Nesterov && (Momentum <= 0f || Dampening != 0f))
        {
            throw new ArgumentException(
                $"Sgd: nesterov needs momentum > 0 and dampening = 0, got momentum {Momentum}, dampening {Dampening}");
        }
    }
}

/// <summary>
/// Stochastic gradient descent with optional momentum, Nesterov momentum and weight decay (PyTorch's
/// <c>torch.optim.SGD</c>; Nesterov's variant from Sutskever et al., 2013, "On the importance of initialization
/// and momentum in deep learning").
/// </summary>
/// <remarks>
/// For each parameter p with gradient g, at step t (PyTorch's convention, which puts lr outside the buffer):
/// <code>
/// if maximize:        g = -g
/// if decoupledWeightDecay: p = p - lr * weightDecay * p // SGDW: decay outside the gradient
/// elif weightDecay != 0: g = g + weightDecay * p          // L2 penalty in the gradient (PyTorch's default)
/// if momentum != 0:
///     b = (t == 1) ? g : momentum * b + (1 - dampening) * g
///     g = nesterov ? g + momentum * b : b
/// p = p - lr * g
/// </code>
/// Without momentum, L2-in-the-gradient and decoupled weight decay are the same thing (<c>p = (1 - lr lambda) p -
/// lr g</c>); with momentum the decay also accumulates in the buffer. Other texts write momentum as
/// <c>v = mu v - lr g; p = p + v</c>: that is the same trajectory while lr is constant.
/// </remarks>
public sealed class Sgd : Optimizer, IMomentumOptimizer
{
    private const string BufferName = "momentum_buffer";
    private float _momentum;

    /// <summary>Creates the optimizer (arguments as PyTorch's SGD).</summary>
    public Sgd(IEnumerable<Parameter> parameters, float lr, float momentum = 0f, float dampening = 0f, float weightDecay = 0f,
               bool nesterov = false, bool maximize = false, bool decoupledWeightDecay = false)
        : this(parameters, new SgdOptions(lr, momentum, dampening, weightDecay, nesterov, maximize, decoupledWeightDecay))
    {
    }

    /// <summary>Creates the optimizer from an options record.</summary>
    public Sgd(IEnumerable<Parameter> parameters, SgdOptions options)
        : base(parameters, Validated(options).Lr)
    {
        _momentum = options.Momentum;
        Dampening = options.Dampening;
        WeightDecay = options.WeightDecay;
        Nesterov = options.Nesterov;
        Maximize = options.Maximize;
        DecoupledWeightDecay = options.DecoupledWeightDecay;
    }

    private static SgdOptions Validated(SgdOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        return options;
    }

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

    /// <summary>Dampening of the momentum.</summary>
    public float Dampening { get; }

    /// <summary>L2 penalty added to the gradient.</summary>
    public float WeightDecay { get; }

    /// <summary>Whether Nesterov momentum is used.</summary>
    public bool Nesterov { get; }

    /// <summary>Whether the objective is maximised.</summary>
    public bool Maximize { get; }

    /// <summary>Whether weight decay is applied to the weights directly (SGDW) rather than added to the gradient.</summary>
    public bool DecoupledWeightDecay { get; }

    /// <summary>The current hyper-parameters as an options record.</summary>
    public SgdOptions Options => new(Lr, Momentum, Dampening, WeightDecay, Nesterov, Maximize, DecoupledWeightDecay);

    /// <inheritdoc />
    protected override void Update(int index, Span<float> param, ReadOnlySpan<float> grad)
    {
        var s = new Scalars
        {
            Sign = Maximize ? -1f : 1f,
            WeightDecay = DecoupledWeightDecay ? 0f : (float)Hyper.Exact(WeightDecay),
            Shrink = DecoupledWeightDecay ? (float)(1.0 - LrExact * Hyper.Exact(WeightDecay)) : 1f,
            Momentum = (float)Hyper.Exact(Momentum),
            OneMinusDampening = (float)(1.0 - Hyper.Exact(Dampening)),
            NegLr = (float)-LrExact,
            Nesterov = Nesterov,
        };
        Span<float> buffer = [];
        bool first = false;
        if (Momentum != 0f)
        {
            buffer = Part(State(index, BufferName, out first));
        }
        s.First = first;
        _update.Scalars = s;
        _update.Run(param, grad, buffer);
    }

    private readonly RuleUpdate<Rule, Scalars> _update = new();

    private struct Scalars
    {
        public float Sign, WeightDecay, Shrink, Momentum, OneMinusDampening, NegLr;
        public bool Nesterov;
        /// <summary>The momentum buffer was just created: it starts as the gradient.</summary>
        public bool First;
    }

    /// <summary>The one state buffer: the momentum buffer (empty without momentum).</summary>
    private readonly struct Rule : IElementRule<Scalars>
    {
        public static void Apply<V>(Span<float> param, ReadOnlySpan<float> grad, Span<float> buffer, Span<float> unused1, Span<float> unused2,
            in Scalars s, ref int i) where V : struct, ILanes<V> => Kernel<V>(param, grad, buffer, s, ref i);
    }

    private static void Kernel<V>(Span<float> param, ReadOnlySpan<float> grad, Span<float> buffer, in Scalars s, ref int i)
        where V : struct, ILanes<V>
    {
        bool first = s.First;
        V sign = V.Splat(s.Sign), wd = V.Splat(s.WeightDecay), mu = V.Splat(s.Momentum);
        V oneMinusDamp = V.Splat(s.OneMinusDampening), negLr = V.Splat(s.NegLr), shrink = V.Splat(s.Shrink);
        bool momentum = buffer.Length > 0;
        for (; i <= param.Length - V.Count; i += V.Count)
        {
            V p = V.Load(param, i);
            V g = V.Fma(wd, p, sign * V.Load(grad, i));               // g + weightDecay * p
            if (momentum)
            {
                V b = first ? g : V.Fma(oneMinusDamp, g, mu * V.Load(buffer, i)); // mu b + (1 - tau) g
                b.Store(buffer, i);
                g = s.Nesterov ? V.Fma(mu, b, g) : b;                   // g + mu b  or  b
            }
            V.Fma(negLr, g, shrink * p).Store(param, i);               // (1 - lr lambda_decoupled) p - lr g
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
