using System.Numerics.Tensors;

namespace Nabla.Kernels;

/// <summary>
/// Mean softmax cross-entropy against class indices, forward and backward in one pass over the logits:
/// per row, <c>loss_i = logsumexp(x_i) - x_i[t_i]</c> with the row maximum subtracted first (no overflow), and
/// <c>dL/dx_i = (softmax(x_i) - onehot(t_i)) / rows</c>.
/// </summary>
internal static class SoftmaxCrossEntropy
{
    /// <summary>
    /// Returns the mean loss over the <paramref name="rows"/> rows of <paramref name="logits"/> <c>[rows, classes]</c>
    /// and writes its gradient into <paramref name="grad"/> (same shape; may not alias the logits).
    /// <paramref name="targets"/> <c>[rows]</c> holds class indices as floats, as <c>CrossEntropyLoss</c> takes them.
    /// </summary>
    /// <exception cref="ArgumentException">A target is not a whole number in <c>0..classes-1</c>; the message names the row.</exception>
    public static float ForwardBackward(ReadOnlySpan<float> logits, ReadOnlySpan<float> targets, int rows, int classes, Span<float> grad)
    {
        if (rows <= 0 || classes <= 0 || logits.Length < rows * classes || grad.Length < rows * classes || targets.Length < rows)
            throw new ArgumentException(
                $"SoftmaxCrossEntropy: [rows={rows}, classes={classes}] needs {rows * classes} logits and gradients and {rows} targets; " +
                $"got {logits.Length}, {grad.Length} and {targets.Length}.");
        float invRows = 1f / rows;
        double loss = 0;
        for (int r = 0; r < rows; r++)
        {
            float t = targets[r];
            if (t != MathF.Floor(t) || t < 0 || t >= classes) throw BadTarget(r, t, classes);
            var x = logits.Slice(r * classes, classes);
            var g = grad.Slice(r * classes, classes);
            float max = TensorPrimitives.Max(x);
            TensorPrimitives.Subtract(x, max, g);
            TensorPrimitives.Exp(g, g);                        // e^(x - max), each in (0, 1]
            float sum = TensorPrimitives.Sum(g);
            int c = (int)t;
            loss += max + Math.Log(sum) - x[c];                // logsumexp(x) - x[t]
            TensorPrimitives.Multiply(g, invRows / sum, g);    // softmax / rows
            g[c] -= invRows;                                   // - onehot / rows
        }
        return (float)(loss / rows);
    }

    private static ArgumentException BadTarget(int row, float t, int classes) => new(
        $"SoftmaxCrossEntropy: target {row} is {t}, but the logits have {classes} classes (expected a whole number in 0..{classes - 1}).");
}
