using System.Collections;

namespace Nabla.NN;

/// <summary>
/// A list of registered child modules (PyTorch's <c>nn.ModuleList</c>): their parameters are found by
/// <see cref="Module.Parameters"/>, but the list has no forward pass of its own; a custom module iterates it.
/// </summary>
public sealed class ModuleList : Module, IReadOnlyList<Module>
{
    private readonly List<Module> _items = [];

    /// <summary>Creates the list from <paramref name="modules"/>, named <c>"0"</c>, <c>"1"</c>, ...</summary>
    public ModuleList(params Module[] modules)
    {
        ArgumentNullException.ThrowIfNull(modules);
        foreach (var m in modules)
        {
            Add(m);
        }
    }

    /// <summary>Appends <paramref name="module"/> and returns this.</summary>
    public ModuleList Add(Module module)
    {
        RegisterModule(_items.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), module);
        _items.Add(module);
        return this;
    }

    /// <summary>Number of modules.</summary>
    public int Count => _items.Count;

    /// <summary>The module at <paramref name="index"/>.</summary>
    public Module this[int index] => _items[index];

    /// <summary>Always throws: a ModuleList is a container; iterate it and call each module's Forward.</summary>
    /// <exception cref="InvalidOperationException">Always.</exception>
    public override Tensor Forward(Tensor input) =>
        throw new InvalidOperationException(
            "ModuleList has no Forward of its own: iterate it and call each module, or use Sequential for a plain chain");

    /// <inheritdoc />
    public IEnumerator<Module> GetEnumerator() => _items.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
