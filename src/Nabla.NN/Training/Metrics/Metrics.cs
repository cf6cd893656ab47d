namespace Nabla.NN.Training;

/// <summary>
/// Evaluation metrics on plain arrays: classification (accuracy, precision/recall/F1, confusion matrix,
/// ROC AUC) and regression (MSE, RMSE, MAE, R^2). Sums are accumulated in double.
/// </summary>
/// <remarks>For tensors of model outputs use <see cref="PredictionSet"/> to turn them into labels or scores first.</remarks>
public static class Metrics
{
    /// <summary>Fraction of positions where <paramref name="predicted"/> equals <paramref name="actual"/>.</summary>
    public static double Accuracy(ReadOnlySpan<int> predicted, ReadOnlySpan<int> actual)
    {
        CheckLengths(predicted.Length, actual.Length, "Accuracy");
        if (actual.Length == 0) throw new ArgumentException("Accuracy of an empty set is undefined.");
        int correct = 0;
        for (int i = 0; i < actual.Length; i++) if (predicted[i] == actual[i]) correct++;
        return (double)correct / actual.Length;
    }

    /// <summary>The confusion matrix (rows actual, columns predicted) of labels in 0..numClasses-1.</summary>
    public static ConfusionMatrix ConfusionMatrix(ReadOnlySpan<int> predicted, ReadOnlySpan<int> actual, int numClasses) =>
        new(predicted, actual, numClasses);

    /// <summary>Macro-averaged precision (mean over classes of TP/(TP+FP)).</summary>
    public static double PrecisionMacro(ReadOnlySpan<int> predicted, ReadOnlySpan<int> actual, int numClasses) =>
        new ConfusionMatrix(predicted, actual, numClasses).MacroPrecision;

    /// <summary>Macro-averaged recall (mean over classes of TP/(TP+FN)).</summary>
    public static double RecallMacro(ReadOnlySpan<int> predicted, ReadOnlySpan<int> actual, int numClasses) =>
        new ConfusionMatrix(predicted, actual, numClasses).MacroRecall;

    /// <summary>Macro-averaged F1 (mean over classes of the per-class F1).</summary>
    public static double F1Macro(ReadOnlySpan<int> predicted, ReadOnlySpan<int> actual, int numClasses) =>
        new ConfusionMatrix(predicted, actual, numClasses).MacroF1;

    /// <summary>Precision of each class, index = class.</summary>
    public static double[] PrecisionPerClass(ReadOnlySpan<int> predicted, ReadOnlySpan<int> actual, int numClasses) =>
        PerClass(new ConfusionMatrix(predicted, actual, numClasses), static (m, c) => m.Precision(c));

    /// <summary>Recall of each class, index = class.</summary>
    public static double[] RecallPerClass(ReadOnlySpan<int> predicted, ReadOnlySpan<int> actual, int numClasses) =>
        PerClass(new ConfusionMatrix(predicted, actual, numClasses), static (m, c) => m.Recall(c));

    /// <summary>F1 of each class, index = class.</summary>
    public static double[] F1PerClass(ReadOnlySpan<int> predicted, ReadOnlySpan<int> actual, int numClasses) =>
        PerClass(new ConfusionMatrix(predicted, actual, numClasses), static (m, c) => m.F1(c));

    private static double[] PerClass(ConfusionMatrix m, Func<ConfusionMatrix, int, double> f)
    {
        var result = new double[m.NumClasses];
        for (int c = 0; c < result.Length; c++) result[c] = f(m, c);
        return result;
    }

    /// <summary>
    /// Area under the ROC curve for a binary problem: the probability that a random positive scores higher
    /// than a random negative, ties counting one half.
    /// </summary>
    /// <param name="scores">Any monotone score of "positive" (probability, logit).</param>
    /// <param name="actual">Labels, 0 or 1.</param>
    /// <remarks>
    /// Computed as the Mann-Whitney U statistic in O(n log n): rank all scores (tied scores share their average
    /// rank), then AUC = (sum of positive ranks - P(P+1)/2) / (P N). Equals the trapezoidal area under the ROC curve.
    /// </remarks>
    public static double RocAuc(ReadOnlySpan<float> scores, ReadOnlySpan<int> actual)
    {
        CheckLengths(scores.Length, actual.Length, "RocAuc");
        long positives = 0;
        for (int i = 0; i < actual.Length; i++)
        {
            if (actual[i] is not (0 or 1))
                throw new ArgumentException($"RocAuc needs labels 0 or 1, found {actual[i]} at position {i}.");
            positives += actual[i];
        }
        long negatives = actual.Length - positives;
        if (positives == 0 || negatives == 0)
            throw new ArgumentException($"RocAuc is undefined when only one class is present ({positives} positives, {negatives} negatives).");
        for (int i = 0; i < scores.Length; i++)
            if (float.IsNaN(scores[i])) throw new ArgumentException($"RocAuc: score at position {i} is NaN.");

        var order = new int[scores.Length];
        for (int i = 0; i < order.Length; i++) order[i] = i;
        var keys = scores.ToArray();
        Array.Sort(keys, order);
        double positiveRankSum = 0;
        for (int start = 0; start < keys.Length;)
        {
            int end = start;
            while (end + 1 < keys.Length && keys[end + 1] == keys[start]) end++;
            double averageRank = (start + end) / 2.0 + 1; // ranks are 1-based
            for (int k = start; k <= end; k++) if (actual[order[k]] == 1) positiveRankSum += averageRank;
            start = end + 1;
        }
        return (positiveRankSum - positives * (positives + 1) / 2.0) / ((double)positives * negatives);
    }

    /// <summary>Mean squared error: mean of (prediction - actual)^2.</summary>
    public static double Mse(ReadOnlySpan<float> predicted, ReadOnlySpan<float> actual)
    {
        CheckRegression(predicted, actual, "Mse");
        double sum = 0;
        for (int i = 0; i < actual.Length; i++) { double d = (double)predicted[i] - actual[i]; sum += d * d; }
        return sum / actual.Length;
    }

    /// <summary>Root mean squared error: sqrt(MSE), in the target's units.</summary>
    public static double Rmse(ReadOnlySpan<float> predicted, ReadOnlySpan<float> actual) => Math.Sqrt(Mse(predicted, actual));

    /// <summary>Mean absolute error: mean of |prediction - actual|.</summary>
    public static double Mae(ReadOnlySpan<float> predicted, ReadOnlySpan<float> actual)
    {
        CheckRegression(predicted, actual, "Mae");
        double sum = 0;
        for (int i = 0; i < actual.Length; i++) sum += Math.Abs((double)predicted[i] - actual[i]);
        return sum / actual.Length;
    }

    /// <summary>
    /// Coefficient of determination R^2 = 1 - SS_res / SS_tot, SS_res = sum (y - yhat)^2, SS_tot = sum (y - mean y)^2.
    /// 1 is perfect, 0 is as good as predicting the mean, negative is worse. For a constant target
    /// (SS_tot = 0) it is 1 if the predictions are exact and 0 otherwise (scikit-learn's convention).
    /// </summary>
    public static double R2(ReadOnlySpan<float> predicted, ReadOnlySpan<float> actual)
    {
        CheckRegression(predicted, actual, "R2");
        double mean = 0;
        for (int i = 0; i < actual.Length; i++) mean += actual[i];
        mean /= actual.Length;
        double ssRes = 0, ssTot = 0;
        for (int i = 0; i < actual.Length; i++)
        {
            double r = actual[i] - (double)predicted[i], t = actual[i] - mean;
            ssRes += r * r;
            ssTot += t * t;
        }
        if (ssTot == 0) return ssRes == 0 ? 1 : 0;
        return 1 - ssRes / ssTot;
    }

    private static void CheckRegression(ReadOnlySpan<float> predicted, ReadOnlySpan<float> actual, string metric)
    {
        CheckLengths(predicted.Length, actual.Length, metric);
        if (actual.Length == 0) throw new ArgumentException($"{metric} of an empty set is undefined.");
    }

    private static void CheckLengths(int predicted, int actual, string metric)
    {
        if (predicted != actual)
            throw new ArgumentException($"{metric}: predicted has {predicted} values but actual has {actual}; they must match.");
    }
}
