using System.Numerics.Tensors;
using Nabla.Kernels;

namespace Nabla;

public sealed partial class Tensor
{
    /// <summary>
    /// The affine map of a dense layer, <c>input @ weight^T + bias</c>, as one GEMM with the bias pre-filled (no
    /// transposed copy of the weight). input <c>[n, in]</c> (or <c>[in]</c>), weight <c>[out, in]</c> as PyTorch's
    /// <c>nn.Linear</c>, bias <c>[out]</c> or null; result <c>[n, out]</c> (or <c>[out]</c>).
    /// </summary>
    public static Tensor Linear(Tensor input, Tensor weight, Tensor? bias = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(weight);
        if (input.Rank == 1) return Linear(input.Unsqueeze(0), weight, bias).Squeeze(0);
        if (weight.Rank != 2 || input.Rank != 2 || input.Shape[1] != weight.Shape[1])
            throw new ArgumentException(
                $"Linear: input of shape {input.Shape} does not fit weight of shape {weight.Shape}: expected input [n, {(weight.Rank == 2 ? weight.Shape[1] : "in")}] and weight [out, in].");
        int n = input.Shape[0], inF = weight.Shape[1], outF = weight.Shape[0];
        if (bias is not null && (bias.Rank != 1 || bias.Shape[0] != outF))
            throw new ArgumentException($"Linear: bias of shape {bias.Shape} does not match weight of shape {weight.Shape}: expected [{outF}].");
        var result = new Tensor(new float[n * outF], new Shape(n, outF));
        var y = result.Data;
        if (bias is not null)
            for (int i = 0; i < n; i++) bias.Data.CopyTo(y.Slice(i * outF, outF));
        Gemm.Multiply(false, true, n, outF, inF, input.Data, inF, weight.Data, inF, y, outF, accumulate: bias is not null);
        return Autograd.Record(result, bias is null ? new LinearBackward(input, weight) : new LinearBackward(input, weight, bias));
    }

    /// <summary>
    /// Mean cross-entropy of <paramref name="logits"/> <c>[n, c]</c> against class indices <paramref name="target"/>
    /// <c>[n]</c> (whole numbers stored as floats), fused with a stable log-softmax: forward
    /// <c>mean(logsumexp(x) - x[target])</c>, backward <c>(softmax(x) - onehot(target)) / n</c> in one pass.
    /// </summary>
    public static Tensor CrossEntropyWithLogits(Tensor logits, Tensor target)
    {
        ArgumentNullException.ThrowIfNull(logits);
        ArgumentNullException.ThrowIfNull(target);
        if (logits.Rank != 2 || target.Rank != 1 || target.Shape[0] != logits.Shape[0])
            throw new ArgumentException(
                $"CrossEntropyWithLogits: expected logits [n, classes] and class indices [n], got {logits.Shape} and {target.Shape}.");
        int n = logits.Shape[0], c = logits.Shape[1];
        if (n == 0) throw new ArgumentException("CrossEntropyWithLogits: the batch is empty.");
        var classes = new int[n];
        for (int i = 0; i < n; i++)
        {
            float t = target.data[i];
            if (t != MathF.Floor(t) || t < 0 || t >= c)
                throw new ArgumentException(
                    $"CrossEntropyWithLogits: target {i} is {t}, but the logits have {c} classes (expected a whole number in 0..{c - 1}).");
            classes[i] = (int)t;
        }
        var probabilities = new float[n * c];
        Activations.SoftmaxRows(logits.Data, c, probabilities);
        double loss = 0;
        var logp = new float[c];
        for (int i = 0; i < n; i++)
        {
            Activations.LogSoftmaxRows(logits.Data.Slice(i * c, c), c, logp);
            loss -= logp[classes[i]];
        }
        var result = new Tensor([(float)(loss / n)], Shape.Scalar);
        return Autograd.Record(result, new CrossEntropyWithLogitsBackward(logits, target, classes, probabilities));
    }
}
