using System.Globalization;

namespace Nabla.NN.Data;

public sealed partial class Preprocessor
{
    /// <summary>
    /// Encodes every row of <paramref name="rows"/> into features <c>[N, FeatureCount]</c> and, when the target column
    /// is present, targets <c>[N]</c> (class indices, or regression values standardised when <see cref="TargetColumn.Scale"/>
    /// is set: <see cref="DecodeTarget"/> maps them back). Columns are matched by header name (by position when either file had no
    /// header; a file lacking only the target column is accepted for prediction).
    /// </summary>
    /// <exception cref="DataFormatException">A needed column is absent, a value is missing (without imputation), not
    /// a number in a numeric column, an unknown category (with <see cref="UnknownCategoryPolicy.Error"/>) or an unknown
    /// class label; the message names the line and column.</exception>
    public EncodedTable Transform(ICsvRows rows) => Encode(rows, int.MaxValue, withTarget: true).Single();

    /// <summary>
    /// Like <see cref="Transform"/> but encodes the features only: a target column, if present, is not read (so a
    /// blank or unknown target cell in rows to predict is no error). <see cref="EncodedTable.Targets"/> is null.
    /// </summary>
    public EncodedTable TransformFeatures(ICsvRows rows) => Encode(rows, int.MaxValue, withTarget: false).Single();

    /// <summary>
    /// The value, in the target column's own units, of an encoded regression target or network output: undoes the
    /// standardisation of <see cref="TargetColumn.Scale"/> (the identity when the target is not scaled).
    /// </summary>
    /// <exception cref="InvalidOperationException">The target is not a regression target.</exception>
    public float DecodeTarget(float encoded)
    {
        if (Target?.Kind != TargetKind.Regression) throw new InvalidOperationException("Only a regression target has values to decode.");
        return Target.Scale is { } scale ? scale.Decode(encoded) : encoded;
    }

    /// <summary>
    /// Like <see cref="Transform"/> but yields batches of at most <paramref name="batchSize"/> rows while streaming,
    /// so prediction over a file of any length runs in memory bounded by one batch.
    /// </summary>
    public IEnumerable<EncodedTable> TransformBatches(ICsvRows rows, int batchSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        return Encode(rows, batchSize, withTarget: true);
    }

    private IEnumerable<EncodedTable> Encode(ICsvRows rows, int batchSize, bool withTarget)
    {
        ArgumentNullException.ThrowIfNull(rows);
        string? file = rows.SourceName;
        var (featureSrc, targetSrc) = MapColumns(rows);
        if (!withTarget) targetSrc = -1;
        int width = FeatureCount;
        int maxRows = (int)Math.Min(batchSize, Array.MaxLength / Math.Max(1, width));
        bool single = batchSize == int.MaxValue;

        var x = new float[Math.Min(width * 1024L, (long)width * maxRows)];
        float[]? y = targetSrc >= 0 ? new float[Math.Min(1024, maxRows)] : null;
        int n = 0, unknown = 0, imputed = 0;
        long firstLine = 0;
        foreach (var row in rows.EnumerateRows())
        {
            if (n == maxRows)
            {
                if (single)
                    throw new DataFormatException($"the file has more rows than fit in one array of {width} features ({maxRows}); encode it in batches (TransformBatches)", file, row.Line);
                yield return Result(x, y, n, firstLine, unknown, imputed);
                x = new float[x.Length];
                y = y is null ? null : new float[y.Length];
                n = 0; unknown = 0; imputed = 0;
            }
            if (n == 0) firstLine = row.Line;
            if ((long)(n + 1) * width > x.Length)
                Array.Resize(ref x, (int)Math.Min(Math.Max(2L * x.Length, width), (long)maxRows * width));
            if (y is not null && n == y.Length)
                Array.Resize(ref y, (int)Math.Min(2L * y.Length, maxRows));
            EncodeRow(row, featureSrc, x.AsSpan(n * width, width), file, ref unknown, ref imputed);
            if (y is not null) y[n] = EncodeTarget(row, targetSrc, file);
            n++;
        }
        if (n > 0 || single) yield return Result(x, y, n, firstLine, unknown, imputed);
    }

    private EncodedTable Result(float[] x, float[]? y, int n, long firstLine, int unknown, int imputed)
    {
        int w = FeatureCount;
        var xs = x.Length == n * w ? x : x.AsSpan(0, n * w).ToArray();
        var ys = y is null ? null : y.Length == n ? y : y.AsSpan(0, n).ToArray();
        return new EncodedTable(xs, n, w, ys, FeatureNames, ClassNames, firstLine, unknown, imputed);
    }

    /// <summary>Where each fitted column is in <paramref name="rows"/>; target index -1 when absent.</summary>
    private (int[] features, int target) MapColumns(ICsvRows rows)
    {
        var names = rows.ColumnNames;
        string? file = rows.SourceName;
        if (rows.HasHeader && SourceHasHeader)
        {
            var index = new Dictionary<string, int>(StringComparer.Ordinal);
            for (int j = 0; j < names.Count; j++) index.TryAdd(names[j], j);
            var f = Features.Select(c => index.TryGetValue(c.Name, out int j)
                ? j
                : throw new DataFormatException($"column \"{c.Name}\", a feature of this model, is missing; the file has: {string.Join(", ", names)}", file)).ToArray();
            int t = Target is not null && index.TryGetValue(Target.Name, out int tj) ? tj : -1;
            return (f, t);
        }
        // Positional: the same layout as when fitting, or that layout without the target column.
        if (names.Count == SourceColumns.Count)
            return (Features.Select(c => c.SourceIndex).ToArray(), Target?.SourceIndex ?? -1);
        if (Target is not null && names.Count == SourceColumns.Count - 1)
            return (Features.Select(c => c.SourceIndex > Target.SourceIndex ? c.SourceIndex - 1 : c.SourceIndex).ToArray(), -1);
        throw new DataFormatException(
            $"the file has {names.Count} columns but the preprocessor was fitted on {SourceColumns.Count}" +
            (Target is not null ? $" ({SourceColumns.Count - 1} without the target)" : "") +
            "; without a header, columns are matched by position", file);
    }

    private void EncodeRow(CsvRow row, int[] src, Span<float> dst, string? file, ref int unknown, ref int imputed)
    {
        int o = 0;
        Span<double> dateParts = stackalloc double[DateValues.DateTimeParts.Count];
        for (int k = 0; k < Features.Count; k++)
        {
            var f = Features[k];
            int col = src[k];
            string v = row.Fields[col].Trim();
            if (v.Length == 0 || _missing.Contains(v))
            {
                if (f.FillValue is null)
                    throw new DataFormatException("missing value, and this model was trained without imputation for this column; fix the file or retrain with " +
                        $"--impute {Imputation.Spellings} (PreprocessorOptions.MissingValues)", file, row.Line, col + 1, f.Name);
                v = f.FillValue;
                imputed++;
            }
            if (f.Kind == ColumnKind.Numeric)
            {
                if (!ColumnStats.TryParseNumber(v, out double d))
                    throw new DataFormatException("not a number; this column was numeric when the preprocessor was fitted", file, row.Line, col + 1, f.Name, v);
                if (!double.IsFinite(d) || Math.Abs(d) > float.MaxValue)
                    throw new DataFormatException("the number is infinite or outside the float32 range", file, row.Line, col + 1, f.Name, v);
                // z = (x - mean) / std; a constant column (std 0) is only centred.
                dst[o++] = Standardize ? (float)((d - f.Mean) / (f.Std == 0 ? 1 : f.Std)) : (float)d;
            }
            else if (f.Kind == ColumnKind.Date)
            {
                if (!DateValues.TryParse(v, out var date, out _))
                    throw new DataFormatException("not a date (yyyy-MM-dd, optionally with THH:mm[:ss]); this column held dates when the preprocessor was fitted", file, row.Line, col + 1, f.Name, v);
                var parts = dateParts[..f.Width];
                DateValues.Split(date, parts);
                for (int i = 0; i < parts.Length; i++)
                {
                    var part = f.DateParts[i];
                    dst[o++] = Standardize ? (float)((parts[i] - part.Mean) / (part.Std == 0 ? 1 : part.Std)) : (float)parts[i];
                }
            }
            else
            {
                var block = dst.Slice(o, f.Width);
                block.Clear();
                if (_categoryIndex[k].TryGetValue(v, out int c)) block[c] = 1;
                else if (UnknownCategories == UnknownCategoryPolicy.Ignore) unknown++;
                else
                    throw new DataFormatException(
                        $"unknown category: not seen when the preprocessor was fitted (known: {string.Join(", ", f.Categories.Take(20))}{(f.Categories.Count > 20 ? ", ..." : "")}); " +
                        "use UnknownCategoryPolicy.Ignore (CLI --unknown-categories ignore) to encode it as all zeros",
                        file, row.Line, col + 1, f.Name, v);
                o += f.Width;
            }
        }
    }

    private float EncodeTarget(CsvRow row, int col, string? file)
    {
        var t = Target!;
        string v = row.Fields[col].Trim();
        if (v.Length == 0 || _missing.Contains(v))
            throw new DataFormatException("the target is missing", file, row.Line, col + 1, t.Name);
        if (t.Kind == TargetKind.Classification)
            return _labelIndex!.TryGetValue(v, out int c)
                ? c
                : throw new DataFormatException(
                    $"unknown class label: the classes seen when fitting are {string.Join(", ", t.Labels.Take(20))}{(t.Labels.Count > 20 ? ", ..." : "")}",
                    file, row.Line, col + 1, t.Name, v);
        if (!ColumnStats.TryParseNumber(v, out double d) || !double.IsFinite(d) || Math.Abs(d) > float.MaxValue)
            throw new DataFormatException("the target is not a finite number", file, row.Line, col + 1, t.Name, v);
        return t.Scale is { } scale ? scale.Encode(d) : (float)d;
    }
}
