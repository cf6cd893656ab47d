using System.Collections;

namespace Nabla.NN;

/// <summary>
/// A chain of modules applied in order (PyTorch's <c>nn.Sequential</c>): <c>Forward(x)</c> is
/// <c>m[n-1](...m[1](m[0](x)))</c>. Children are named <c>"0"</c>, <c>"1"</c>, ... so parameters are
/// <c>"0.weight"</c>, <c>"0.bias"</c>, ...
/// </summary>
public sealed class Sequential : Module, IEnumerable<Module>
{
    private readonly List<Module> _layers = [];

    /// <summary>Creates the chain from <paramref name="layers"/>, in order.</summary>
    public Sequential(params Module[] layers)
    {
        ArgumentNullException.ThrowIfNull(layers);
        foreach (var layer in layers)
        {
            Add(layer);
        }
    }

    /// <summary>Appends <paramref name="layer"/> (named by its position) and returns this.</summary>
    public Sequential Add(Module layer)
    {
        RegisterModule(_layers.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), layer);
        _layers.Add(layer);
        return this;
    }

    /// <summary>Number of layers.</summary>
    public int Count => _layers.Count;

    /// <summary>The layer at <paramref name="index"/>.</summary>
    public Module this[int index] => _layers[index];

    /// <summary>Runs the layers in order; the input shape is the first layer's, the output shape the last layer's.</summary>
    public override Tensor Forward(Tensor input)
    {
        Tensor x = input;
        foreach (var layer in _layers)
        {
            x = layer.Forward(x);
        }
        return x;
    }

    /// <inheritdoc />
    public override IReadOnlyList<Module> FusedSequence => _layers;

    /// <inheritdoc />
    public IEnumerator<Module> GetEnumerator() => _layers.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
