using System.Text.Json.Serialization;

namespace Nabla.NN.Training;

/// <summary>Precision, recall, F1 and support of one class (scikit-learn's <c>classification_report</c> row).</summary>
/// <param name="Class">The class name (or its index when no names are known).</param>
/// <param name="Precision">TP / (TP + FP); 0 when the class is never predicted.</param>
/// <param name="Recall">TP / (TP + FN); 0 when the class is absent.</param>
/// <param name="F1">2PR / (P + R); 0 when both are 0.</param>
/// <param name="Support">Samples whose true class this is.</param>
public sealed record ClassMetrics(
    [property: JsonPropertyName("class")] string Class,
    [property: JsonPropertyName("precision")] double Precision,
    [property: JsonPropertyName("recall")] double Recall,
    [property: JsonPropertyName("f1")] double F1,
    [property: JsonPropertyName("support")] long Support)
{
    /// <summary>One row per class of <paramref name="matrix"/>, named from <paramref name="classNames"/> when given.</summary>
    public static IReadOnlyList<ClassMetrics> From(ConfusionMatrix matrix, IReadOnlyList<string>? classNames = null)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        var rows = new ClassMetrics[matrix.NumClasses];
        for (int c = 0; c < rows.Length; c++)
        {
            string name = classNames is not null && c < classNames.Count ? classNames[c] : c.ToString(System.Globalization.CultureInfo.InvariantCulture);
            rows[c] = new ClassMetrics(name, matrix.Precision(c), matrix.Recall(c), matrix.F1(c), matrix.Support(c));
        }
        return rows;
    }
}
