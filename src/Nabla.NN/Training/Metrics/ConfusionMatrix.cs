using System.Globalization;
using System.Text;

namespace Nabla.NN.Training;

/// <summary>
/// Counts of (actual class, predicted class) pairs for a classifier with <see cref="NumClasses"/> classes,
/// and the per-class and macro-averaged precision, recall and F1 derived from them.
/// </summary>
/// <remarks>
/// Rows are actual classes, columns predicted classes (scikit-learn's convention):
/// <c>this[actual, predicted]</c>. For class c: TP = M[c,c], FP = column sum - TP, FN = row sum - TP;
/// precision = TP/(TP+FP), recall = TP/(TP+FN), F1 = 2PR/(P+R). A ratio with a zero denominator is 0
/// (scikit-learn's <c>zero_division=0</c>). Macro averages weight every class equally, present or not in
/// the predictions.
/// </remarks>
public sealed class ConfusionMatrix
{
    private readonly long[] counts;

    /// <summary>Builds the matrix from predicted and actual labels (each in 0..numClasses-1, same length).</summary>
    public ConfusionMatrix(ReadOnlySpan<int> predicted, ReadOnlySpan<int> actual, int numClasses)
    {
        if (numClasses < 1)
            throw new ArgumentOutOfRangeException(nameof(numClasses), $"A confusion matrix needs at least 1 class, got {numClasses}.");
        if (predicted.Length != actual.Length)
            throw new ArgumentException($"Predicted ({predicted.Length} labels) and actual ({actual.Length} labels) must have the same length.");
        NumClasses = numClasses;
        counts = new long[numClasses * numClasses];
        for (int i = 0; i < actual.Length; i++)
        {
            int a = actual[i], p = predicted[i];
            if ((uint)a >= (uint)numClasses)
                throw new ArgumentException($"Actual label {a} at position {i} is outside 0..{numClasses - 1}.");
            if ((uint)p >= (uint)numClasses)
                throw new ArgumentException($"Predicted label {p} at position {i} is outside 0..{numClasses - 1}.");
            counts[a * numClasses + p]++;
        }
        Total = actual.Length;
    }

    /// <summary>Number of classes (the matrix is NumClasses x NumClasses).</summary>
    public int NumClasses { get; }

    /// <summary>Number of samples counted.</summary>
    public long Total { get; }

    /// <summary>How many samples of class <paramref name="actual"/> were predicted as <paramref name="predicted"/>.</summary>
    public long this[int actual, int predicted] => counts[CheckClass(actual) * NumClasses + CheckClass(predicted)];

    /// <summary>The counts as a [NumClasses, NumClasses] array, rows actual, columns predicted.</summary>
    public long[,] ToArray()
    {
        var result = new long[NumClasses, NumClasses];
        for (int a = 0; a < NumClasses; a++)
            for (int p = 0; p < NumClasses; p++) result[a, p] = counts[a * NumClasses + p];
        return result;
    }

    /// <summary>Fraction of samples on the diagonal (0 when there are no samples).</summary>
    public double Accuracy
    {
        get
        {
            long correct = 0;
            for (int c = 0; c < NumClasses; c++) correct += counts[c * NumClasses + c];
            return Total == 0 ? 0 : (double)correct / Total;
        }
    }

    /// <summary>Samples whose actual class is <paramref name="c"/> (the row sum).</summary>
    public long Support(int c)
    {
        CheckClass(c);
        long s = 0;
        for (int p = 0; p < NumClasses; p++) s += counts[c * NumClasses + p];
        return s;
    }

    /// <summary>Samples predicted as class <paramref name="c"/> (the column sum).</summary>
    public long PredictedCount(int c)
    {
        CheckClass(c);
        long s = 0;
        for (int a = 0; a < NumClasses; a++) s += counts[a * NumClasses + c];
        return s;
    }

    /// <summary>Precision of class c: TP / (TP + FP), 0 if nothing was predicted as c.</summary>
    public double Precision(int c) => Ratio(counts[CheckClass(c) * NumClasses + c], PredictedCount(c));

    /// <summary>Recall of class c: TP / (TP + FN), 0 if class c never occurs.</summary>
    public double Recall(int c) => Ratio(counts[CheckClass(c) * NumClasses + c], Support(c));

    /// <summary>F1 of class c: the harmonic mean 2PR / (P + R), 0 when P + R = 0.</summary>
    public double F1(int c)
    {
        double p = Precision(c), r = Recall(c);
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    /// <summary>Unweighted mean of the per-class precisions.</summary>
    public double MacroPrecision => Macro(Precision);

    /// <summary>Unweighted mean of the per-class recalls.</summary>
    public double MacroRecall => Macro(Recall);

    /// <summary>Unweighted mean of the per-class F1 scores (scikit-learn's <c>f1_score(average="macro")</c>).</summary>
    public double MacroF1 => Macro(F1);

    private double Macro(Func<int, double> perClass)
    {
        double sum = 0;
        for (int c = 0; c < NumClasses; c++) sum += perClass(c);
        return sum / NumClasses;
    }

    private static double Ratio(long num, long den) => den == 0 ? 0 : (double)num / den;

    private int CheckClass(int c) =>
        (uint)c < (uint)NumClasses ? c : throw new ArgumentOutOfRangeException(nameof(c), $"Class {c} is outside 0..{NumClasses - 1}.");

    /// <summary>
    /// A per-class table (precision, recall, F1, support) followed by accuracy and the macro averages, in the
    /// layout of scikit-learn's <c>classification_report</c>.
    /// </summary>
    /// <param name="classNames">Names for classes 0..NumClasses-1, or null to print the indices.</param>
    public string Report(IReadOnlyList<string>? classNames = null)
    {
        if (classNames is not null && classNames.Count != NumClasses)
            throw new ArgumentException($"Report got {classNames.Count} class names for {NumClasses} classes.", nameof(classNames));
        string Name(int c) => classNames?[c] ?? c.ToString(CultureInfo.InvariantCulture);
        int width = Math.Max(12, Enumerable.Range(0, NumClasses).Max(c => Name(c).Length) + 2);
        static string F(double v) => v.ToString("F4", CultureInfo.InvariantCulture).PadLeft(11);
        var sb = new StringBuilder();
        sb.Append(new string(' ', width)).Append("  precision     recall         f1    support\n");
        for (int c = 0; c < NumClasses; c++)
            sb.Append(Name(c).PadLeft(width)).Append(F(Precision(c))).Append(F(Recall(c))).Append(F(F1(c)))
              .Append(Support(c).ToString(CultureInfo.InvariantCulture).PadLeft(11)).Append('\n');
        sb.Append('\n');
        sb.Append("accuracy".PadLeft(width)).Append(new string(' ', 22)).Append(F(Accuracy)).Append(Total.ToString(CultureInfo.InvariantCulture).PadLeft(11)).Append('\n');
        sb.Append("macro avg".PadLeft(width)).Append(F(MacroPrecision)).Append(F(MacroRecall)).Append(F(MacroF1))
          .Append(Total.ToString(CultureInfo.InvariantCulture).PadLeft(11)).Append('\n');
        return sb.ToString();
    }

    /// <summary>A text table: one row per actual class, one column per predicted class.</summary>
    public override string ToString()
    {
        int width = Math.Max(6, counts.Length == 0 ? 1 : counts.Max().ToString(CultureInfo.InvariantCulture).Length + 1);
        var sb = new StringBuilder();
        sb.Append("actual\\pred".PadRight(12));
        for (int p = 0; p < NumClasses; p++) sb.Append(p.ToString(CultureInfo.InvariantCulture).PadLeft(width));
        sb.AppendLine();
        for (int a = 0; a < NumClasses; a++)
        {
            sb.Append(a.ToString(CultureInfo.InvariantCulture).PadRight(12));
            for (int p = 0; p < NumClasses; p++)
                sb.Append(counts[a * NumClasses + p].ToString(CultureInfo.InvariantCulture).PadLeft(width));
            sb.AppendLine();
        }
        return sb.ToString();
    }
}
