using Nabla.NN.Data;

namespace Nabla.NN.Models;

/// <summary>
/// The predictions file of <c>nabla predict --out FILE.parquet</c>: the same columns as <see cref="PredictionCsv"/> (the
/// input columns as read, as text; <c>prediction</c>, the class label as text or the value as a double; one
/// <c>p_&lt;class&gt;</c> double column per class, at full precision), one row group per batch.
/// </summary>
public static class PredictionParquet
{
    /// <summary>Streams <paramref name="rows"/> through <paramref name="predictor"/> and writes the Parquet file to <paramref name="output"/>; returns the number of rows.</summary>
    public static long Write(Predictor predictor, ICsvRows rows, Stream output)
    {
        ArgumentNullException.ThrowIfNull(predictor);
        ArgumentNullException.ThrowIfNull(rows);
        var classes = predictor.ClassNames;
        var columns = rows.ColumnNames.Select(c => (c, false)).ToList();
        columns.Add(("prediction", classes is null));
        if (classes is not null) columns.AddRange(classes.Select(c => ("p_" + c, true)));
        using var writer = new ParquetTableWriter(output, columns);
        return predictor.ForEachBatch(rows, (batch, outputs, probabilities, best) =>
        {
            int n = batch.Count, width = predictor.OutputSize, k = predictor.ClassCount;
            var data = new List<Array>();
            for (int j = 0; j < rows.ColumnNames.Count; j++)
            {
                var column = new string[n];
                for (int i = 0; i < n; i++) column[i] = batch[i].Fields[j];
                data.Add(column);
            }
            if (classes is null)
            {
                var values = new double[n];
                for (int i = 0; i < n; i++) values[i] = outputs[i * width];
                data.Add(values);
            }
            else
            {
                var labels = new string[n];
                for (int i = 0; i < n; i++) labels[i] = classes[best[i]];
                data.Add(labels);
                for (int c = 0; c < k; c++)
                {
                    var p = new double[n];
                    for (int i = 0; i < n; i++) p[i] = probabilities[i * k + c];
                    data.Add(p);
                }
            }
            writer.WriteRowGroup(data);
        });
    }
}
