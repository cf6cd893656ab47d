using Nabla.NN.Training;

namespace Nabla.NN.Data;

/// <summary>Infers the <see cref="TaskSpec"/> of a training target when the user did not give it.</summary>
/// <remarks>
/// Rules, in order (targets of shape [N], [N, 1] or [N, k]):
/// <list type="number">
/// <item>[N, k] with k &gt; 1: every row non-negative and summing to 1 (one-hot or probabilities) means
/// multiclass with k classes (binary if k = 2); otherwise regression with k outputs.</item>
/// <item>Any non-integer value: regression.</item>
/// <item>Only 0 and 1 (both present): binary.</item>
/// <item>Integers 0..C-1, every one present, with 2 &lt; C &lt;= <see cref="MaxInferredClasses"/> and C &lt; N: multiclass.</item>
/// <item>Anything else (negative integers, gaps, counts like 25..346): regression.</item>
/// </list>
/// NOTE: integer-valued regression targets that happen to cover 0..C-1 (small counts) look like classes;
/// pass the task explicitly to the trainer in that case.
/// </remarks>
public static class TaskInference
{
    /// <summary>The largest number of classes inferred automatically.</summary>
    public const int MaxInferredClasses = 1000;

    /// <summary>Infers the task from <paramref name="targets"/> (shape [N], [N, 1] or [N, k]).</summary>
    public static TaskSpec Infer(Tensor targets)
    {
        ArgumentNullException.ThrowIfNull(targets);
        if (targets.Rank is 0 or > 2)
            throw new ArgumentException($"Targets must have shape [N], [N, 1] or [N, k]; got {targets.Shape}.");
        int n = targets.Shape[0];
        if (n == 0) throw new ArgumentException("Cannot infer the task from an empty target.");
        var values = targets.AsSpan();
        for (int i = 0; i < values.Length; i++)
            if (!float.IsFinite(values[i]))
                throw new ArgumentException($"Target value {values[i]} at flat position {i} (row {i / Math.Max(1, values.Length / n)}) is not finite.");

        int width = targets.Rank == 2 ? targets.Shape[1] : 1;
        if (width > 1)
        {
            bool distributions = true;
            for (int r = 0; r < n && distributions; r++)
            {
                double sum = 0;
                for (int c = 0; c < width; c++)
                {
                    float v = values[r * width + c];
                    if (v < 0) { distributions = false; break; }
                    sum += v;
                }
                if (Math.Abs(sum - 1) > 1e-4) distributions = false;
            }
            if (!distributions) return new TaskSpec(TaskKind.Regression, 0, width);
            return width == 2
                ? new TaskSpec(TaskKind.BinaryClassification, 2, width)
                : new TaskSpec(TaskKind.MulticlassClassification, width, width);
        }

        float max = float.MinValue, min = float.MaxValue;
        foreach (float v in values)
        {
            if (v != MathF.Round(v)) return new TaskSpec(TaskKind.Regression, 0, 1);
            max = Math.Max(max, v);
            min = Math.Min(min, v);
        }
        if (min != 0 || max < 1 || max + 1 > MaxInferredClasses) return new TaskSpec(TaskKind.Regression, 0, 1);
        int classes = (int)max + 1;
        var seen = new bool[classes];
        foreach (float v in values) seen[(int)v] = true;
        if (Array.IndexOf(seen, false) >= 0) return new TaskSpec(TaskKind.Regression, 0, 1);
        if (classes == 2) return new TaskSpec(TaskKind.BinaryClassification, 2, 1);
        return classes < n ? new TaskSpec(TaskKind.MulticlassClassification, classes, 1) : new TaskSpec(TaskKind.Regression, 0, 1);
    }
}
