using System.Globalization;

namespace Nabla.NN;

/// <summary>
/// Merges the dimensions from <see cref="StartDim"/> on into one (PyTorch's <c>nn.Flatten</c>): with the default
/// start 1, an image batch <c>[N, 1, 28, 28]</c> becomes <c>[N, 784]</c>.
/// </summary>
public sealed class Flatten : Module
{
    /// <summary>Creates the layer; dimensions before <paramref name="startDim"/> (the batch) are kept.</summary>
    public Flatten(int startDim = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(startDim);
        StartDim = startDim;
    }

    /// <summary>First dimension merged.</summary>
    public int StartDim { get; }

    /// <summary>Input <c>[d0, ..., d(s-1), ds, ...]</c> -> output <c>[d0, ..., d(s-1), ds * ...]</c>.</summary>
    public override Tensor Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Rank < StartDim)
        {
            throw new ArgumentException(
                $"Flatten(startDim: {StartDim}) got input of shape {input.Shape}: it needs at least {StartDim} dimensions", nameof(input));
        }
        var dims = new int[StartDim + 1];
        for (int i = 0; i < StartDim; i++)
        {
            dims[i] = input.Shape[i];
        }
        dims[StartDim] = -1;
        return input.Size == 0 ? input : input.Reshape(dims);
    }

    /// <inheritdoc />
    protected override string ExtraRepr() => "startDim=" + StartDim.ToString(CultureInfo.InvariantCulture);
}
