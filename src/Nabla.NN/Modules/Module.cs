using System.Text;

namespace Nabla.NN;

/// <summary>
/// Base class of every layer and model (PyTorch's <c>nn.Module</c>): owns <see cref="Parameter"/>s and child
/// modules, registered explicitly (no reflection) so that <see cref="NamedParameters"/> yields stable dotted
/// names such as <c>"0.weight"</c> used by <see cref="StateDict"/> and the file formats.
/// </summary>
/// <remarks>
/// Subclasses create their parameters with <see cref="RegisterParameter(string, Tensor)"/> and their children with
/// <see cref="RegisterModule{T}(string, T)"/> in the constructor, and implement <see cref="Forward"/>.
/// </remarks>
public abstract class Module
{
    private readonly List<KeyValuePair<string, Parameter>> _parameters = [];
    private readonly List<KeyValuePair<string, Module>> _children = [];

    /// <summary>Computes the module's output from <paramref name="input"/>; shapes are documented per module.</summary>
    public abstract Tensor Forward(Tensor input);

    /// <summary>True in training mode (the default), false after <see cref="Eval"/>; changes what <see cref="Dropout"/> does.</summary>
    public bool Training { get; private set; } = true;

    /// <summary>
    /// Optional penalty on this module's parameters (and all its descendants'), added by
    /// <see cref="RegularizationLoss"/>. Set it on one layer, or on the whole model for a model-wide penalty.
    /// </summary>
    public Regularizer? Regularizer { get; set; }

    /// <summary>Registers a trainable tensor under <paramref name="name"/> and returns it wrapped as a <see cref="Parameter"/>.</summary>
    /// <param name="name">A name unique within this module, without dots (e.g. <c>"weight"</c>).</param>
    /// <param name="value">A leaf tensor; its gradient tracking is turned on.</param>
    protected Parameter RegisterParameter(string name, Tensor value) => RegisterParameter(name, new Parameter(value, name));

    /// <summary>Registers an existing <see cref="Parameter"/> under <paramref name="name"/> and returns it.</summary>
    protected Parameter RegisterParameter(string name, Parameter parameter)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        CheckNewName(name);
        parameter.Name ??= name;
        _parameters.Add(new(name, parameter));
        return parameter;
    }

    /// <summary>Registers a child module under <paramref name="name"/> (e.g. <c>"0"</c> or <c>"encoder"</c>) and returns it.</summary>
    protected T RegisterModule<T>(string name, T module) where T : Module
    {
        ArgumentNullException.ThrowIfNull(module);
        if (ReferenceEquals(module, this))
        {
            throw new ArgumentException($"{TypeName} cannot register itself as its own child '{name}'", nameof(module));
        }
        CheckNewName(name);
        _children.Add(new(name, module));
        return module;
    }

    private void CheckNewName(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (name.Contains('.', StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{name}' contains a dot; dots separate the levels of dotted names", nameof(name));
        }
        if (_parameters.Any(p => p.Key == name) || _children.Any(c => c.Key == name))
        {
            throw new ArgumentException($"{TypeName} already has a parameter or child named '{name}'", nameof(name));
        }
    }

    /// <summary>The name shown by <see cref="ToString"/> and <see cref="Summary"/>; defaults to the class name.</summary>
    public virtual string TypeName => GetType().Name;

    /// <summary>
    /// How the fused path runs this module (see <see cref="NN.FusedPart"/>), or null (the default) when only the autograd
    /// path can. Leaf modules the fused kernels implement override this.
    /// </summary>
    public virtual FusedPart? FusedPart => null;

    /// <summary>
    /// The modules the fused path runs, in order, to compute this one: the module itself for a leaf; a container
    /// (<see cref="Sequential"/>) lists its children.
    /// </summary>
    public virtual IReadOnlyList<Module> FusedSequence => [this];

    /// <summary>Constructor arguments shown inside the parentheses of <see cref="ToString"/> (e.g. <c>"784 -> 256"</c>).</summary>
    protected virtual string ExtraRepr() => "";

    /// <summary>The direct children with their names, in registration order.</summary>
    public IEnumerable<KeyValuePair<string, Module>> NamedChildren() => _children;

    /// <summary>The direct children, in registration order.</summary>
    public IEnumerable<Module> Children() => _children.Select(c => c.Value);

    /// <summary>This module and all descendants, depth first, with dotted names (this module's name is <c>""</c>).</summary>
    public IEnumerable<KeyValuePair<string, Module>> NamedModules()
    {
        var stack = new Stack<KeyValuePair<string, Module>>();
        stack.Push(new("", this));
        while (stack.Count > 0)
        {
            var (prefix, module) = stack.Pop();
            yield return new(prefix, module);
            for (int i = module._children.Count - 1; i >= 0; i--)
            {
                var (name, child) = module._children[i];
                stack.Push(new(prefix.Length == 0 ? name : prefix + "." + name, child));
            }
        }
    }

    /// <summary>Every parameter of this module and its descendants with its dotted name (<c>"0.weight"</c>), depth first.</summary>
    /// <remarks>A parameter shared by two modules is listed once, under its first name.</remarks>
    public IEnumerable<KeyValuePair<string, Parameter>> NamedParameters()
    {
        var seen = new HashSet<Parameter>(ReferenceEqualityComparer.Instance);
        foreach (var (prefix, module) in NamedModules())
        {
            foreach (var (name, parameter) in module._parameters)
            {
                if (seen.Add(parameter))
                {
                    yield return new(prefix.Length == 0 ? name : prefix + "." + name, parameter);
                }
            }
        }
    }

    /// <summary>Every parameter of this module and its descendants, in the order of <see cref="NamedParameters"/>.</summary>
    public IEnumerable<Parameter> Parameters() => NamedParameters().Select(p => p.Value);

    /// <summary>This module's own parameters (not its children's), with their local names.</summary>
    public IEnumerable<KeyValuePair<string, Parameter>> OwnParameters() => _parameters;

    /// <summary>Total number of scalar parameters (trainable or not) of this module and its descendants.</summary>
    public long ParameterCount() => Parameters().Sum(p => (long)p.Size);

    /// <summary>Puts this module and all descendants into training mode (or evaluation mode if <paramref name="mode"/> is false); returns this.</summary>
    public Module Train(bool mode = true)
    {
        foreach (var (_, module) in NamedModules())
        {
            module.Training = mode;
        }
        return this;
    }

    /// <summary>Puts this module and all descendants into evaluation mode (dropout off); returns this.</summary>
    public Module Eval() => Train(false);

    /// <summary>Drops the gradients of all parameters (sets them to null).</summary>
    public void ZeroGrad()
    {
        foreach (var p in Parameters())
        {
            p.ZeroGrad();
        }
    }

    /// <summary>
    /// The sum of the penalties of every <see cref="Regularizer"/> set on this module or a descendant, each applied
    /// to the parameters under the module it is set on; a scalar tensor (0 when none is set) to add to the loss.
    /// </summary>
    public Tensor RegularizationLoss()
    {
        Tensor? total = null;
        foreach (var (_, module) in NamedModules())
        {
            if (module.Regularizer is { } reg)
            {
                Tensor penalty = reg.Penalty(module.NamedParameters());
                total = total is null ? penalty : total + penalty;
            }
        }
        return total ?? Tensor.Scalar(0f);
    }

    /// <summary>
    /// Copies of all parameters by dotted name (<c>"0.weight"</c> -> tensor of the parameter's shape), for
    /// saving. The copies do not track gradients and do not change when training continues.
    /// </summary>
    public Dictionary<string, Tensor> StateDict()
    {
        var state = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (var (name, p) in NamedParameters())
        {
            state[name] = Tensor.FromArray(p.Value.ToArray(), p.Shape.Dims);
        }
        return state;
    }

    /// <summary>
    /// Copies values into the parameters by dotted name. With <paramref name="strict"/> (the default) the names
    /// must match exactly; shapes must always match. Nothing is copied unless every entry checks out.
    /// </summary>
    /// <exception cref="ArgumentException">A missing, unexpected or wrongly shaped entry; the message names it.</exception>
    public void LoadStateDict(IReadOnlyDictionary<string, Tensor> state, bool strict = true)
    {
        ArgumentNullException.ThrowIfNull(state);
        var named = NamedParameters().ToList();
        var problems = new List<string>();
        if (strict)
        {
            var missing = named.Where(p => !state.ContainsKey(p.Key)).Select(p => p.Key).ToList();
            var known = named.Select(p => p.Key).ToHashSet(StringComparer.Ordinal);
            var unexpected = state.Keys.Where(k => !known.Contains(k)).ToList();
            if (missing.Count > 0)
            {
                problems.Add($"missing entries: {string.Join(", ", missing)}");
            }
            if (unexpected.Count > 0)
            {
                problems.Add($"unexpected entries: {string.Join(", ", unexpected)} (this model has: {string.Join(", ", known)})");
            }
        }
        foreach (var (name, p) in named)
        {
            if (state.TryGetValue(name, out var t) && !t.Shape.Equals(p.Shape))
            {
                problems.Add($"'{name}' has shape {t.Shape} in the state dict but {p.Shape} in the model");
            }
        }
        if (problems.Count > 0)
        {
            throw new ArgumentException($"cannot load the state dict into {TypeName}: {string.Join("; ", problems)}", nameof(state));
        }
        using (GradMode.NoGrad())
        {
            foreach (var (name, p) in named)
            {
                if (state.TryGetValue(name, out var t))
                {
                    t.AsSpan().CopyTo(p.AsSpan());
                }
            }
        }
    }

    /// <summary>
    /// A Keras-style table of the layers with their output shapes and parameter counts, and the totals, found by
    /// running one sample of shape <paramref name="inputShape"/> (without the batch dimension) through the model.
    /// </summary>
    /// <param name="inputShape">Shape of one input sample, e.g. <c>3</c> for 3 features or <c>1, 28, 28</c> for an image.</param>
    public string Summary(params int[] inputShape) => ModelSummary.Build(this, inputShape);

    /// <summary>A PyTorch-style tree: <c>Sequential(\n  (0): Dense(3 -> 2)\n  (1): ReLU()\n)</c>.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        AppendTree(sb, 0);
        return sb.ToString();
    }

    private void AppendTree(StringBuilder sb, int indent)
    {
        sb.Append(TypeName).Append('(').Append(ExtraRepr());
        if (_children.Count == 0)
        {
            sb.Append(')');
            return;
        }
        sb.Append('\n');
        foreach (var (name, child) in _children)
        {
            sb.Append(' ', 2 * (indent + 1)).Append('(').Append(name).Append("): ");
            child.AppendTree(sb, indent + 1);
            sb.Append('\n');
        }
        sb.Append(' ', 2 * indent).Append(')');
    }
}
