using System.Globalization;

namespace Nabla.NN;

/// <summary>
/// The log-softmax, <c>x_i - log sum_j exp(x_j)</c> along <c>dim</c>, computed stably (PyTorch's <c>nn.LogSoftmax</c>); pair it with <see cref="NllLoss"/>. Output shape = input shape.
/// </summary>
public sealed class LogSoftmax : Module
{
    /// <summary>Creates the layer normalising along <paramref name="dim"/> (default -1, the last dimension: the classes of a <c>[N, C]</c> batch).</summary>
    public LogSoftmax(int dim = -1) => Dim = dim;

    /// <summary>The dimension normalised over; negative counts from the end.</summary>
    public int Dim { get; }

    /// <summary>Applies the function along <see cref="Dim"/>; any input of rank &gt;= 1.</summary>
    public override Tensor Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return input.LogSoftmax(Functional.NormalizeDim(Dim, input.Rank, "LogSoftmax"));
    }

    /// <inheritdoc />
    protected override string ExtraRepr() => "dim=" + Dim.ToString(CultureInfo.InvariantCulture);
}
