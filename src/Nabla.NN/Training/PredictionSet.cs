namespace Nabla.NN.Training;

/// <summary>How a classifier's outputs are to be read.</summary>
public enum OutputKind
{
    /// <summary>Unnormalised scores (for BceWithLogitsLoss, CrossEntropyLoss): a single binary output is positive when &gt; 0.</summary>
    Logits,

    /// <summary>Probabilities (after a Sigmoid, for BceLoss, or a Softmax): a single binary output is positive when &gt;= 0.5.</summary>
    Probabilities,
}

/// <summary>
/// Model outputs and targets of a whole evaluation, decoded once into what the metrics read: class labels and
/// positive-class scores for classification, flat values for regression.
/// </summary>
public sealed class PredictionSet
{
    private PredictionSet(TaskSpec task) => Task = task;

    /// <summary>The task the outputs were decoded for.</summary>
    public TaskSpec Task { get; }

    /// <summary>Predicted class per sample (classification only, else empty).</summary>
    public int[] PredictedLabels { get; private init; } = [];

    /// <summary>Actual class per sample (classification only, else empty).</summary>
    public int[] ActualLabels { get; private init; } = [];

    /// <summary>A score that increases with the probability of class 1 (binary only, else empty); for ROC AUC.</summary>
    public float[] PositiveScores { get; private init; } = [];

    /// <summary>Predicted values, flattened row-major (regression only, else empty).</summary>
    public float[] PredictedValues { get; private init; } = [];

    /// <summary>Actual values, flattened row-major (regression only, else empty).</summary>
    public float[] ActualValues { get; private init; } = [];

    /// <summary>
    /// Decodes <paramref name="outputs"/> (model outputs, [N], [N, 1] or [N, C]) against <paramref name="targets"/>
    /// ([N], [N, 1] class indices or values, or [N, C] probability rows).
    /// </summary>
    public static PredictionSet FromOutputs(Tensor outputs, Tensor targets, TaskSpec task, OutputKind kind = OutputKind.Logits)
    {
        ArgumentNullException.ThrowIfNull(outputs);
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(task);
        int n = outputs.Rank == 0 ? 1 : outputs.Shape[0];
        if (targets.Rank == 0 || targets.Shape[0] != n)
            throw new ArgumentException($"Outputs of shape {outputs.Shape} and targets of shape {targets.Shape} must have the same number of rows.");
        if (task.Kind == TaskKind.Regression)
        {
            if (outputs.Size != targets.Size)
                throw new ArgumentException($"Regression outputs of shape {outputs.Shape} do not match targets of shape {targets.Shape}.");
            return new PredictionSet(task) { PredictedValues = outputs.ToArray(), ActualValues = targets.ToArray() };
        }

        int[] actual = Labels(targets, "targets");
        int outWidth = outputs.Rank == 1 ? 1 : outputs.Size / n;
        var predicted = new int[n];
        float[] scores = [];
        var o = outputs.AsSpan();
        if (outWidth == 1)
        {
            if (task.Kind != TaskKind.BinaryClassification)
                throw new ArgumentException($"A {task} needs one output per class, but the outputs have shape {outputs.Shape}.");
            float threshold = kind == OutputKind.Logits ? 0f : 0.5f;
            scores = o.ToArray();
            for (int i = 0; i < n; i++) predicted[i] = o[i] > threshold || (kind == OutputKind.Probabilities && o[i] == threshold) ? 1 : 0;
        }
        else
        {
            for (int i = 0; i < n; i++) predicted[i] = ArgMax(o.Slice(i * outWidth, outWidth));
            if (task.Kind == TaskKind.BinaryClassification)
            {
                // With two logits, softmax(z)_1 = sigmoid(z1 - z0) is monotone in z1 - z0: a valid ROC score.
                scores = new float[n];
                for (int i = 0; i < n; i++) scores[i] = o[i * 2 + 1] - (kind == OutputKind.Logits ? o[i * 2] : 0f);
            }
        }
        return new PredictionSet(task) { PredictedLabels = predicted, ActualLabels = actual, PositiveScores = scores };
    }

    /// <summary>Class indices from a [N] / [N, 1] tensor of integer-valued floats, or the argmax of [N, C] rows.</summary>
    public static int[] Labels(Tensor t, string what = "labels")
    {
        ArgumentNullException.ThrowIfNull(t);
        int n = t.Rank == 0 ? 1 : t.Shape[0];
        int width = t.Rank <= 1 ? 1 : t.Size / Math.Max(1, n);
        var span = t.AsSpan();
        var labels = new int[n];
        for (int i = 0; i < n; i++)
        {
            if (width == 1)
            {
                float v = span[i];
                if (v < 0 || v != MathF.Round(v))
                    throw new ArgumentException($"The {what} hold {v} at row {i}; class labels must be integers 0, 1, 2, ...");
                labels[i] = (int)v;
            }
            else labels[i] = ArgMax(span.Slice(i * width, width));
        }
        return labels;
    }

    private static int ArgMax(ReadOnlySpan<float> row)
    {
        int best = 0;
        for (int j = 1; j < row.Length; j++) if (row[j] > row[best]) best = j;
        return best;
    }
}
