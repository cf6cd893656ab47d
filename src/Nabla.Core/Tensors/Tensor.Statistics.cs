namespace Nabla;

public sealed partial class Tensor
{
    /// <summary>
    /// log(sum(e^x)) over <paramref name="dim"/>, computed after subtracting the maximum (no overflow; PyTorch's
    /// <c>torch.logsumexp</c>). Its gradient is the softmax along <paramref name="dim"/>.
    /// </summary>
    public Tensor LogSumExp(int dim, bool keepDim = false)
    {
        int d = Shape.NormalizeDim(dim, "LogSumExp");
        // The shift is a constant (its gradient contributions cancel); an infinite maximum shifts by 0, as PyTorch.
        var shift = Max(d, keepDim: true).Detach().ToArray();
        for (int i = 0; i < shift.Length; i++) if (float.IsInfinity(shift[i])) shift[i] = 0f;
        var m = new Tensor(shift, ReducedShape(d, keepDim: true));
        var result = (this - m).Exp().Sum(d, keepDim: true).Log() + m;
        return keepDim ? result : result.Squeeze(d);
    }

    /// <summary>
    /// Variance over <paramref name="dim"/>: <c>sum((x - mean)^2) / (n - 1)</c> when <paramref name="unbiased"/>
    /// (Bessel's correction, PyTorch's default), else divided by n.
    /// </summary>
    public Tensor Var(int dim, bool unbiased = true, bool keepDim = false)
    {
        int d = Shape.NormalizeDim(dim, "Var");
        var centred = this - Mean(d, keepDim: true);
        return (centred * centred).Sum(d, keepDim) / (Shape[d] - (unbiased ? 1 : 0));
    }

    /// <summary>Variance of all elements (unbiased by default), a scalar.</summary>
    public Tensor Var(bool unbiased = true) => Reshape(-1).Var(0, unbiased);

    /// <summary>Standard deviation over <paramref name="dim"/>, the square root of <see cref="Var(int, bool, bool)"/>.</summary>
    public Tensor Std(int dim, bool unbiased = true, bool keepDim = false) => Var(dim, unbiased, keepDim).Sqrt();

    /// <summary>Standard deviation of all elements (unbiased by default), a scalar.</summary>
    public Tensor Std(bool unbiased = true) => Var(unbiased).Sqrt();
}
