using System.Globalization;

namespace Nabla.NN;

/// <summary>
/// The softmax, <c>exp(x_i) / sum_j exp(x_j)</c> along <c>dim</c>, turning scores into probabilities that sum to 1 (PyTorch's <c>nn.Softmax</c>). Output shape = input shape.
/// </summary>
public sealed class Softmax : Module
{
    /// <summary>Creates the layer normalising along <paramref name="dim"/> (default -1, the last dimension: the classes of a <c>[N, C]</c> batch).</summary>
    public Softmax(int dim = -1) => Dim = dim;

    /// <summary>The dimension normalised over; negative counts from the end.</summary>
    public int Dim { get; }

    /// <summary>Applies the function along <see cref="Dim"/>; any input of rank &gt;= 1.</summary>
    public override Tensor Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return input.Softmax(Functional.NormalizeDim(Dim, input.Rank, "Softmax"));
    }

    /// <inheritdoc />
    protected override string ExtraRepr() => "dim=" + Dim.ToString(CultureInfo.InvariantCulture);
}
