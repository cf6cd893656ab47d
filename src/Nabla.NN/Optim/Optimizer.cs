using System.Globalization;

namespace Nabla.NN.Optim;

/// <summary>
/// Base class of the optimizers (PyTorch's <c>torch.optim.Optimizer</c> with one parameter group).
/// <see cref="Step"/> reads each parameter's <see cref="Parameter.Grad"/> and updates the parameter in place
/// under <see cref="GradMode.NoGrad"/>: no graph is recorded and, after the first step has created the state
/// buffers, no memory is allocated. Parameters whose gradient is null are skipped (their state does not advance).
/// </summary>
public abstract class Optimizer
{
    private readonly Parameter[] _parameters;
    private readonly Dictionary<string, float[]>[] _state;
    private readonly long[] _steps;
    private int _partStart, _partLength;   // the elements of the parameter the current Update covers (see Part)
    private float _lr;

    /// <summary>Takes the parameters to update (each once) and the initial learning rate.</summary>
    /// <exception cref="ArgumentException">No parameters, or a parameter listed twice.</exception>
    protected Optimizer(IEnumerable<Parameter> parameters, float lr)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        _parameters = parameters.ToArray();
        if (_parameters.Length == 0)
        {
            throw new ArgumentException($"{Name} got an empty parameter list: pass model.Parameters()", nameof(parameters));
        }
        var seen = new HashSet<Parameter>(ReferenceEqualityComparer.Instance);
        for (int i = 0; i < _parameters.Length; i++)
        {
            ArgumentNullException.ThrowIfNull(_parameters[i], nameof(parameters));
            if (!seen.Add(_parameters[i]))
            {
                throw new ArgumentException($"{Name}: parameter {i} ({_parameters[i]}) appears more than once", nameof(parameters));
            }
        }
        _state = new Dictionary<string, float[]>[_parameters.Length];
        for (int i = 0; i < _state.Length; i++)
        {
            _state[i] = new Dictionary<string, float[]>(StringComparer.Ordinal);
        }
        _steps = new long[_parameters.Length];
        Lr = lr;
    }

    /// <summary>The algorithm's name, e.g. <c>"Adam"</c>.</summary>
    public virtual string Name => GetType().Name;

    /// <summary>The parameters this optimizer updates, in the order given.</summary>
    public IReadOnlyList<Parameter> Parameters => _parameters;

    /// <summary>Learning rate used by the next <see cref="Step"/>; learning-rate schedules set it.</summary>
    public float Lr
    {
        get => _lr;
        set
        {
            if (!(value >= 0f) || !float.IsFinite(value))
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, $"{Name}: lr must be a finite number >= 0");
            }
            _lr = value;
            LrExact = Hyper.Exact(value);
            ScheduledLr = LrExact;
            LastRateWriter = null;
        }
    }

    /// <summary>The current rate in double as a learning-rate schedule computed it (else the double of <see cref="Lr"/>).</summary>
    internal double ScheduledLr { get; private set; }

    /// <summary>The schedule that set the rate last, or null when code set <see cref="Lr"/> (how schedules detect chaining).</summary>
    internal object? LastRateWriter { get; private set; }

    /// <summary>Sets the rate a schedule computed, remembering it in double and who wrote it.</summary>
    internal void SetScheduledLr(double lr, object writer)
    {
        Lr = (float)lr;
        ScheduledLr = lr;
        LastRateWriter = writer;
    }

    /// <summary>
    /// The rate a learning-rate schedule starts from (PyTorch's <c>initial_lr</c>): null until the first schedule
    /// attaches, which records the learning rate of that moment. Saved by <see cref="StateDict"/>, so a schedule
    /// created after loading a checkpoint starts from the original rate, not the decayed one.
    /// </summary>
    public float? InitialLr { get; set; }

    /// <summary>The learning rate as the double of its shortest decimal (see remarks of the optimizers).</summary>
    protected double LrExact { get; private set; }

    /// <summary>Number of completed <see cref="Step"/> calls.</summary>
    public long StepCount { get; private set; }

    /// <summary>Drops the gradients of all parameters (sets them to null) before the next backward pass.</summary>
    public void ZeroGrad()
    {
        foreach (var p in _parameters)
        {
            p.ZeroGrad();
        }
    }

    /// <summary>Updates every parameter that has a gradient, in place.</summary>
    /// <exception cref="InvalidOperationException">A gradient's shape differs from its parameter's.</exception>
    public void Step()
    {
        using (GradMode.NoGrad())
        {
            for (int i = 0; i < _parameters.Length; i++)
            {
                var p = _parameters[i];
                var grad = p.Grad;
                if (grad is null || !p.RequiresGrad)
                {
                    continue;
                }
                if (grad.Size != p.Size)
                {
                    throw new InvalidOperationException(
                        $"{Name}: parameter {i} ({p.Name ?? "unnamed"}) has shape {p.Shape} but its gradient has shape {grad.Shape}");
                }
                _steps[i]++;
                (_partStart, _partLength) = (0, p.Size);
                if (NegatesGradient)
                {
                    // maximize: the update sees -g (negation is exact, so g is restored bit for bit afterwards).
                    Negate(grad.AsSpan());
                    try
                    {
                        Update(i, p.AsSpan(), grad.AsSpan());
                    }
                    finally
                    {
                        Negate(grad.AsSpan());
                    }
                }
                else
                {
                    Update(i, p.AsSpan(), grad.AsSpan());
                }
            }
        }
        StepCount++;
    }

    /// <summary>
    /// Whether <see cref="UpdateRange"/> may be used: true for Nabla's own optimizers, whose updates read their state
    /// through <see cref="Part"/>; false for a subclass written elsewhere, which may read whole state buffers.
    /// </summary>
    internal bool UpdatesRanges => GetType().Assembly == typeof(Optimizer).Assembly;

    /// <summary>
    /// Starts a step in which this process updates only ranges of the parameters (data-parallel training's sharded
    /// update, <see cref="UpdateRange"/>): counts the step for every parameter that has a gradient, as <see cref="Step"/> does.
    /// </summary>
    internal void BeginRangeStep()
    {
        for (int i = 0; i < _parameters.Length; i++)
        {
            if (_parameters[i] is { RequiresGrad: true, Grad: not null })
            {
                _steps[i]++;
            }
        }
        StepCount++;
    }

    /// <summary>
    /// Updates elements <c>[start, start + param.Length)</c> of parameter <paramref name="index"/> of the step begun by
    /// <see cref="BeginRangeStep"/>, bit for bit as <see cref="Step"/> updates them: <paramref name="param"/> and
    /// <paramref name="grad"/> hold those elements' values and gradient (any buffers), the state is the parameter's
    /// own. An empty range still creates the parameter's state buffers, so every process holds the same set.
    /// </summary>
    internal void UpdateRange(int index, int start, Span<float> param, Span<float> grad)
    {
        (_partStart, _partLength) = (start, param.Length);
        if (NegatesGradient)
        {
            Negate(grad);
            try
            {
                Update(index, param, grad);
            }
            finally
            {
                Negate(grad);
            }
        }
        else
        {
            Update(index, param, grad);
        }
    }

    /// <summary>The state buffers of parameter <paramref name="index"/> by name (live, not copies): data-parallel training gathers their ranges.</summary>
    internal IReadOnlyDictionary<string, float[]> StateBuffers(int index) => _state[index];

    /// <summary>
    /// The elements of a state buffer of the parameter being updated that <see cref="Update"/> must use: the whole
    /// buffer in <see cref="Step"/>, the range being updated in a sharded data-parallel step. Every update reads its
    /// state through this.
    /// </summary>
    protected Span<float> Part(float[] state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return state.AsSpan(_partStart, _partLength);
    }

    /// <summary>True when <see cref="Step"/> should hand the update the negated gradient (PyTorch's <c>maximize</c>).</summary>
    protected virtual bool NegatesGradient => false;

    private static void Negate(Span<float> values)
    {
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = -values[i];
        }
    }

    /// <summary>
    /// Applies one update to parameter <paramref name="index"/>: <paramref name="param"/> and
    /// <paramref name="grad"/> are its values and gradient (same length). <see cref="ParameterStep"/> already
    /// counts this step.
    /// </summary>
    protected abstract void Update(int index, Span<float> param, ReadOnlySpan<float> grad);

    /// <summary>How many updates parameter <paramref name="index"/> has received, including the current one (PyTorch's per-parameter <c>step</c>).</summary>
    protected long ParameterStep(int index) => _steps[index];

    /// <summary>
    /// The state buffer <paramref name="name"/> of parameter <paramref name="index"/> (one float per element),
    /// created filled with <paramref name="initialValue"/> on first use; <paramref name="created"/> tells whether it was just created.
    /// </summary>
    protected float[] State(int index, string name, out bool created, float initialValue = 0f)
    {
        if (_state[index].TryGetValue(name, out var buffer))
        {
            created = false;
            return buffer;
        }
        buffer = new float[_parameters[index].Size];
        if (initialValue != 0f)
        {
            Array.Fill(buffer, initialValue);
        }
        _state[index][name] = buffer;
        created = true;
        return buffer;
    }

    /// <summary>Same as <see cref="State(int, string, out bool, float)"/> when the caller does not need to know whether it was created.</summary>
    protected float[] State(int index, string name, float initialValue = 0f) => State(index, name, out _, initialValue);

    /// <summary>Hyper-parameters saved by <see cref="StateDict"/> besides the learning rate (name -> value).</summary>
    protected virtual IEnumerable<KeyValuePair<string, double>> HyperParameters() => [];

    /// <summary>Restores a hyper-parameter saved by <see cref="HyperParameters"/>; unknown names are ignored.</summary>
    protected virtual void SetHyperParameter(string name, double value)
    {
    }

    /// <summary>
    /// A copy of the optimizer's state for checkpoints: the learning rate and other scheduled hyper-parameters,
    /// the step counts and every state buffer, keyed <c>"{parameter index}.{buffer}"</c> (e.g. <c>"0.exp_avg"</c>).
    /// </summary>
    public OptimizerState StateDict()
    {
        var state = new OptimizerState { Optimizer = Name, StepCount = StepCount };
        state.HyperParameters["lr"] = Lr;
        if (InitialLr is float initial)
        {
            state.HyperParameters["initial_lr"] = initial;
        }
        foreach (var (k, v) in HyperParameters())
        {
            state.HyperParameters[k] = v;
        }
        for (int i = 0; i < _parameters.Length; i++)
        {
            state.Steps[Key(i, "step")] = _steps[i];
            foreach (var (name, buffer) in _state[i])
            {
                state.Buffers[Key(i, name)] = (float[])buffer.Clone();
            }
        }
        return state;
    }

    /// <summary>Restores a state written by <see cref="StateDict"/> of the same optimizer over parameters of the same shapes.</summary>
    /// <exception cref="ArgumentException">The state is from another optimizer, or a buffer does not fit; the message names it.</exception>
    public void LoadStateDict(OptimizerState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.Optimizer != Name)
        {
            throw new ArgumentException($"cannot load a {state.Optimizer} state into {Name}", nameof(state));
        }
        var buffers = new Dictionary<string, float[]>[_parameters.Length];
        for (int i = 0; i < buffers.Length; i++)
        {
            buffers[i] = new Dictionary<string, float[]>(StringComparer.Ordinal);
        }
        foreach (var (key, buffer) in state.Buffers)
        {
            var (index, name) = ParseKey(key);
            if (buffer.Length != _parameters[index].Size)
            {
                throw new ArgumentException(
                    $"{Name} state entry '{key}' has {buffer.Length} values but parameter {index} has shape {_parameters[index].Shape} ({_parameters[index].Size} values)",
                    nameof(state));
            }
            buffers[index][name] = (float[])buffer.Clone();
        }
        var steps = new long[_parameters.Length];
        foreach (var (key, step) in state.Steps)
        {
            var (index, _) = ParseKey(key);
            steps[index] = step;
        }
        for (int i = 0; i < _parameters.Length; i++)
        {
            _state[i] = buffers[i];
            _steps[i] = steps[i];
        }
        StepCount = state.StepCount;
        foreach (var (k, v) in state.HyperParameters)
        {
            if (k == "lr")
            {
                Lr = (float)v;
            }
            else if (k == "initial_lr")
            {
                InitialLr = (float)v;
            }
            else
            {
                SetHyperParameter(k, v);
            }
        }
    }

    private static string Key(int index, string name) => index.ToString(CultureInfo.InvariantCulture) + "." + name;

    private (int Index, string Name) ParseKey(string key)
    {
        int dot = key.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0 || !int.TryParse(key.AsSpan(0, dot), NumberStyles.None, CultureInfo.InvariantCulture, out int index)
            || index >= _parameters.Length)
        {
            throw new ArgumentException(
                $"{Name} state entry '{key}' does not name one of the {_parameters.Length} parameters (expected '<index>.<name>')", "state");
        }
        return (index, key[(dot + 1)..]);
    }

    /// <inheritdoc />
    public override string ToString()
    {
        var parts = new List<string> { "lr=" + Lr.ToString(CultureInfo.InvariantCulture) };
        parts.AddRange(HyperParameters().Select(h => h.Key + "=" + h.Value.ToString(CultureInfo.InvariantCulture)));
        return $"{Name}({string.Join(", ", parts)})";
    }
}

/// <summary>A saved optimizer state (see <see cref="Optimizer.StateDict"/>): plain dictionaries, easy to serialise.</summary>
public sealed class OptimizerState
{
    /// <summary>Name of the optimizer that wrote it (e.g. <c>"Adam"</c>).</summary>
    public string Optimizer { get; set; } = "";

    /// <summary>Number of completed steps.</summary>
    public long StepCount { get; set; }

    /// <summary>Learning rate and other scheduled hyper-parameters.</summary>
    public Dictionary<string, double> HyperParameters { get; } = new(StringComparer.Ordinal);

    /// <summary>Per-parameter step counts, keyed <c>"{index}.step"</c>.</summary>
    public Dictionary<string, long> Steps { get; } = new(StringComparer.Ordinal);

    /// <summary>Per-parameter state buffers (one float per parameter element), keyed <c>"{index}.{name}"</c>.</summary>
    public Dictionary<string, float[]> Buffers { get; } = new(StringComparer.Ordinal);
}

/// <summary>An optimizer with a momentum-like coefficient that a one-cycle schedule may cycle (SGD/RMSprop momentum, Adam beta1).</summary>
public interface IMomentumOptimizer
{
    /// <summary>The momentum (beta1 for Adam-type optimizers).</summary>
    float Momentum { get; set; }
}
