namespace Nabla.NN.Models;

/// <summary>
/// Turns a classifier's outputs (logits) into class probabilities, in double precision so every consumer (the
/// <see cref="Predictor"/>, <c>nabla predict</c>) prints the same digits.
/// </summary>
public static class ClassProbabilities
{
    /// <summary>
    /// Fills <paramref name="p"/> (one slot per class) from one row of <paramref name="logits"/>: the sigmoid of a single
    /// binary logit (p_1 = s, p_0 = 1 - s), else a softmax; returns the index of the most probable class (the first on ties).
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="p"/> is shorter than the class count.</exception>
    public static int Compute(ReadOnlySpan<float> logits, Span<double> p)
    {
        int classes = logits.Length == 1 ? 2 : logits.Length;
        if (p.Length < classes) throw new ArgumentException($"room for {classes} probabilities is needed; got {p.Length}.", nameof(p));
        if (logits.Length == 1)
        {
            double s = 1 / (1 + Math.Exp(-logits[0]));
            (p[0], p[1]) = (1 - s, s);
        }
        else
        {
            // Softmax with the maximum subtracted so exp never overflows.
            double max = double.NegativeInfinity, sum = 0;
            foreach (float z in logits) max = Math.Max(max, z);
            for (int c = 0; c < logits.Length; c++) sum += p[c] = Math.Exp(logits[c] - max);
            for (int c = 0; c < logits.Length; c++) p[c] /= sum;
        }
        int best = 0;
        for (int c = 1; c < classes; c++) if (p[c] > p[best]) best = c;
        return best;
    }
}
