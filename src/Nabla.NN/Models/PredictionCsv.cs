using System.Globalization;
using System.Text;
using Nabla.NN.Data;

namespace Nabla.NN.Models;

/// <summary>
/// The predictions file <c>nabla predict</c> writes: the input columns as read, then <c>prediction</c> (the class label
/// as spelled in the training data, or the value in round-trip form) and, for classification, one <c>p_&lt;class&gt;</c>
/// probability column per class with six decimals.
/// </summary>
public static class PredictionCsv
{
    /// <summary>
    /// Streams <paramref name="rows"/> through <paramref name="predictor"/> in batches and writes the predictions CSV to
    /// <paramref name="output"/> as it goes; returns the number of rows. Memory is bounded by one batch.
    /// </summary>
    public static long Write(Predictor predictor, ICsvRows rows, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(predictor);
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(output);
        var classes = predictor.ClassNames;
        output.Write(string.Join(',', rows.ColumnNames.Select(CsvText.Quote)));
        output.Write(",prediction");
        if (classes is not null) foreach (var c in classes) output.Write("," + CsvText.Quote("p_" + c));
        output.Write('\n');
        var sb = new StringBuilder();
        long count = predictor.ForEachBatch(rows, (batch, outputs, probabilities, best) =>
        {
            int width = predictor.OutputSize, k = predictor.ClassCount;
            for (int i = 0; i < batch.Count; i++)
            {
                sb.Clear();
                sb.AppendJoin(',', batch[i].Fields.Select(CsvText.Quote)).Append(',');
                if (classes is null)
                    sb.Append(outputs[i * width].ToString("R", CultureInfo.InvariantCulture));
                else
                {
                    sb.Append(CsvText.Quote(classes[best[i]]));
                    foreach (double q in probabilities.Slice(i * k, k)) sb.Append(',').Append(q.ToString("0.######", CultureInfo.InvariantCulture));
                }
                output.Write(sb.Append('\n'));
            }
        });
        output.Flush();
        return count;
    }
}
