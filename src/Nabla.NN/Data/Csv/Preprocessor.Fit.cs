using System.Globalization;

namespace Nabla.NN.Data;

public sealed partial class Preprocessor
{
    /// <summary>
    /// Learns the encoding from <paramref name="rows"/> in one pass: which columns are numeric (every non-missing
    /// value parses as a number) or categorical, means and standard deviations, category and label lists, fill values.
    /// </summary>
    /// <param name="rows">A <see cref="CsvTable"/> or a <see cref="CsvSource"/>.</param>
    /// <param name="options">Target, features and policies; null for defaults (last column is the target).</param>
    /// <exception cref="ArgumentException">A named or indexed column does not exist (the message lists the columns).</exception>
    /// <exception cref="DataFormatException">A missing value under <see cref="MissingValuePolicy.Error"/>, a non-finite
    /// number, a column with no values or too many categories, a non-numeric regression target, no data rows, a single
    /// column when the target is the default (last) column.</exception>
    /// <exception cref="InsufficientMemoryException">The encoded rows would exceed <see cref="PreprocessorOptions.MemoryBudget"/>.</exception>
    public static Preprocessor Fit(ICsvRows rows, PreprocessorOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(rows);
        options ??= new PreprocessorOptions();
        if (options.MaxCategories < 1) throw new ArgumentOutOfRangeException(nameof(options), "MaxCategories must be at least 1.");
        var names = rows.ColumnNames;
        string? file = rows.SourceName;
        if (names.Count == 0) throw new DataFormatException("the file is empty: no header and no rows", file);

        // A one-column file with the default target is the file's problem (often an undetected delimiter), so it is a
        // DataFormatException like every other content problem, not an ArgumentException about the options.
        if (names.Count < 2 && options.TargetKind != TargetKind.None && options.Target is null && options.TargetIndex is null)
            throw new DataFormatException($"the file has a single column (\"{DataFormatException.Shorten(names[0])}\"), so it cannot hold both features and a target; " +
                                          "if it has several columns, give the delimiter explicitly", file);
        int targetIdx = ResolveTarget(names, options);
        int[] featureIdx = ResolveFeatures(names, options, targetIdx);
        var forced = new HashSet<string>(options.CategoricalColumns ?? [], StringComparer.Ordinal);
        foreach (string c in forced)
            if (!names.Contains(c)) throw new ArgumentException($"Categorical column \"{c}\" does not exist; the columns are: {string.Join(", ", names)}.", nameof(options));

        int maxDistinct = Math.Max(options.MaxCategories, options.MaxAutoClasses);
        foreach (string c in options.ColumnMissingValues?.Keys ?? [])
            if (!featureIdx.Any(j => names[j] == c))
                throw new ArgumentException($"Imputation for column \"{c}\", which is not a feature; the features are: {string.Join(", ", featureIdx.Select(j => names[j]))}.", nameof(options));
        var stats = featureIdx.Select(j => new ColumnStats(maxDistinct, forced.Contains(names[j]), RuleFor(names[j], options).Policy == MissingValuePolicy.ImputeMedian)).ToArray();
        var targetStats = targetIdx >= 0 ? new ColumnStats(maxDistinct, options.TargetKind == TargetKind.Classification) : null;
        var missing = new HashSet<string>(options.MissingMarkers, StringComparer.Ordinal);
        long rowCount = 0;
        foreach (var row in rows.EnumerateRows())
        {
            rowCount++;
            for (int k = 0; k < featureIdx.Length; k++) stats[k].Add(row.Fields[featureIdx[k]], row.Line, missing);
            targetStats?.Add(row.Fields[targetIdx], row.Line, missing);
        }
        if (rowCount == 0) throw new DataFormatException("the file has no data rows", file);

        var warnings = new List<string>();
        var features = new List<FeatureColumn>();
        for (int k = 0; k < featureIdx.Length; k++)
            if (MakeFeature(names[featureIdx[k]], featureIdx[k], stats[k], options, file, warnings) is { } feature) features.Add(feature);
        if (features.Count == 0)
            throw new DataFormatException("no feature column is left (every one was dropped); keep at least one", file);
        TargetColumn? target = targetStats is null ? null : MakeTarget(names[targetIdx], targetIdx, targetStats, options, file);
        var fitted = new Preprocessor(names.ToArray(), rows.HasHeader, features.ToArray(), target, options.Standardize,
            options.MissingValues, options.UnknownCategories, options.MissingMarkers.ToArray(), warnings);
        // The encoded matrix is rows x (one column per number, one per category): count it before Transform allocates it.
        if (options.MemoryBudget is long budget) MemoryBudget.CheckEncoded(rowCount, fitted.FeatureCount, budget, file);
        return fitted;
    }

    private static int ResolveTarget(IReadOnlyList<string> names, PreprocessorOptions o)
    {
        if (o.TargetKind == TargetKind.None)
        {
            if (o.Target is not null || o.TargetIndex is not null)
                throw new ArgumentException("A target column was named but TargetKind is None.", nameof(o));
            return -1;
        }
        if (o.Target is not null)
        {
            int j = IndexOf(names, o.Target);
            return j >= 0 ? j : throw new ArgumentException($"Target column \"{o.Target}\" does not exist; the columns are: {string.Join(", ", names)}.", nameof(o));
        }
        if (o.TargetIndex is int t)
            return t >= 0 && t < names.Count ? t : throw new ArgumentException($"Target column index {t} is out of range: the file has {names.Count} columns (0..{names.Count - 1}).", nameof(o));
        if (names.Count < 2)
            throw new ArgumentException($"The file has a single column ({names[0]}); it cannot hold both features and a target.", nameof(o));
        return names.Count - 1;
    }

    private static int[] ResolveFeatures(IReadOnlyList<string> names, PreprocessorOptions o, int targetIdx)
    {
        var drop = new HashSet<string>(o.Drop ?? [], StringComparer.Ordinal);
        foreach (string d in drop)
        {
            int j = IndexOf(names, d);
            if (j < 0) throw new ArgumentException($"Column \"{d}\" to drop does not exist; the columns are: {string.Join(", ", names)}.", nameof(o));
            if (j == targetIdx) throw new ArgumentException($"Column \"{d}\" is the target; it cannot be dropped.", nameof(o));
        }
        if (o.Features is null)
            return Enumerable.Range(0, names.Count).Where(j => j != targetIdx && !drop.Contains(names[j])).ToArray();
        var idx = new List<int>();
        foreach (string f in o.Features)
        {
            int j = IndexOf(names, f);
            if (j < 0) throw new ArgumentException($"Feature column \"{f}\" does not exist; the columns are: {string.Join(", ", names)}.", nameof(o));
            if (j == targetIdx) throw new ArgumentException($"Column \"{f}\" is the target; it cannot also be a feature.", nameof(o));
            if (idx.Contains(j)) throw new ArgumentException($"Feature column \"{f}\" is listed twice.", nameof(o));
            idx.Add(j);
        }
        idx.RemoveAll(j => drop.Contains(names[j]));
        if (idx.Count == 0) throw new ArgumentException("The feature list is empty.", nameof(o));
        return idx.ToArray();
    }

    private static int IndexOf(IReadOnlyList<string> names, string name)
    {
        for (int j = 0; j < names.Count; j++) if (names[j] == name) return j;
        return -1;
    }

    /// <summary>The imputation of column <paramref name="name"/>: its own, else the run-wide one.</summary>
    private static Imputation RuleFor(string name, PreprocessorOptions o) =>
        o.ColumnMissingValues is { } rules && rules.TryGetValue(name, out var r) ? r
        : new Imputation(o.MissingValues, o.MissingValues == MissingValuePolicy.ImputeConstant ? o.MissingValueConstant : null);

    private static FeatureColumn? MakeFeature(string name, int index, ColumnStats s, PreprocessorOptions o, string? file, List<string> warnings)
    {
        int col = index + 1;
        var rule = RuleFor(name, o);
        if (s.Count == 0)
            throw new DataFormatException($"the column has no values (every entry is missing); drop it (--drop {name}, PreprocessorOptions.Drop)", file, columnName: name, column: col);
        if (s.Missing > 0 && rule.Policy == MissingValuePolicy.Error)
            throw new DataFormatException(
                $"missing value ({s.Missing} in this column); fix the file or choose an imputation (CLI --impute {Imputation.Spellings}, " +
                "for every column or COLUMN=STRATEGY for one; PreprocessorOptions.MissingValues or ColumnMissingValues)",
                file, s.FirstMissingLine, col, name);
        bool impute = rule.Policy != MissingValuePolicy.Error;
        if (s.Numeric)
        {
            if (s.NonFiniteValue is not null)
                throw new DataFormatException("the number is infinite or outside the float32 range; fix or remove it", file, s.NonFiniteLine, col, name, s.NonFiniteValue);
            double std = s.Std;
            if (std == 0)
                warnings.Add($"Column \"{name}\" is constant (every value is {Num(s.Mean)}): it carries no information; it is centred to 0 and not scaled.");
            return new FeatureColumn(name, index, ColumnKind.Numeric, s.Mean, std, [], impute ? NumericFill(name, s, rule, warnings) : null);
        }
        if (s.AllDates && !s.ForceCategorical && o.Dates != DateColumnPolicy.Categorical)
        {
            if (o.Dates == DateColumnPolicy.Drop)
            {
                warnings.Add($"Column \"{name}\" holds dates and is left out (--dates drop).");
                return null;
            }
            var partNames = s.HasTime ? DateValues.DateTimeParts : DateValues.DateParts;
            var parts = partNames.Select((p, i) => new DatePart(p, s.DateMean[i], s.DateStd(i))).ToArray();
            string? dateFill = null;
            if (impute)
            {
                dateFill = s.MostFrequent() ?? s.FirstDate!;
                if (rule.Policy == MissingValuePolicy.ImputeConstant)
                {
                    if (DateValues.TryParse(rule.Constant!, out _, out _)) dateFill = rule.Constant!;
                    else warnings.Add($"Column \"{name}\" holds dates, and the fill value \"{rule.Constant}\" is not one: its missing values get its most frequent date, {dateFill}.");
                }
            }
            warnings.Add($"Column \"{name}\" holds dates: it is expanded into {string.Join(", ", partNames)} (--dates drop leaves it out, --dates categorical one-hot encodes it).");
            return new FeatureColumn(name, index, ColumnKind.Date, 0, 0, [], dateFill, parts);
        }
        if (s.Overflow)
            throw new DataFormatException(
                $"the column is text (first non-number: \"{DataFormatException.Shorten(s.FirstText ?? "?")}\" on line {s.FirstTextLine}) with more than {o.MaxCategories} distinct values, too many to one-hot encode; " +
                $"drop it (--drop {name}) or raise PreprocessorOptions.MaxCategories",
                file, column: col, columnName: name);
        var cats = s.Counts!.Keys.ToList();
        if (cats.Count > o.MaxCategories)
            throw new DataFormatException($"the column has {cats.Count} distinct categories, more than MaxCategories = {o.MaxCategories}; drop it (--drop {name})", file, column: col, columnName: name);
        if (!s.ForceCategorical && cats.Count(NumberFormats.LooksLikeDecimalComma) * 2 >= cats.Count)
            warnings.Add($"WARNING: column \"{name}\" looks like numbers written with a decimal comma or thousands separators (\"{DataFormatException.Shorten(cats.First(NumberFormats.LooksLikeDecimalComma))}\"), " +
                         $"but it is one-hot encoded as text, one category per value; give --decimal , (CsvOptions.DecimalSeparator) to read them as numbers.");
        else if (!s.ForceCategorical && s.FirstText is not null && s.Count > 1 && cats.Count(CsvDialect.IsNumber) * 2 >= cats.Count)
            warnings.Add($"Column \"{name}\" is mostly numbers but is treated as categorical because of the text value \"{DataFormatException.Shorten(s.FirstText)}\" on line {s.FirstTextLine}.");
        string? catFill = !impute ? null : rule.Policy == MissingValuePolicy.ImputeConstant ? rule.Constant : s.MostFrequent();
        // A constant fill that is not a category becomes one: "missing" is then a value the network can learn from.
        if (catFill is not null && !cats.Contains(catFill)) cats.Add(catFill);
        cats.Sort(StringComparer.Ordinal);
        return new FeatureColumn(name, index, ColumnKind.Categorical, 0, 0, cats, catFill);
    }

    private static string NumericFill(string name, ColumnStats s, Imputation rule, List<string> warnings)
    {
        switch (rule.Policy)
        {
            case MissingValuePolicy.ImputeConstant:
                return ColumnStats.TryParseFloat32Number(rule.Constant!, out double c)
                    ? Num(c)
                    : throw new ArgumentException($"Column \"{name}\" is numeric; its fill value \"{rule.Constant}\" is not a finite float32 number (--impute {name}=constant:NUMBER).");
            case MissingValuePolicy.ImputeMedian:
                if (!s.MedianIsExact)
                    warnings.Add($"Column \"{name}\" has more than {ColumnStats.MedianSample} values: its median fill is that of a seeded sample of them.");
                return Num(s.Median());
            case MissingValuePolicy.ImputeMostFrequent:
                if (s.MostFrequent() is { } mode) return mode;
                warnings.Add($"Column \"{name}\" has too many distinct values to find the most frequent; missing values get the mean.");
                return Num(s.Mean);
            default:
                return Num(s.Mean);
        }
    }

    private static TargetColumn MakeTarget(string name, int index, ColumnStats s, PreprocessorOptions o, string? file)
    {
        int col = index + 1;
        if (s.Missing > 0)
            throw new DataFormatException($"the target is missing ({s.Missing} rows); rows without a target cannot be used for training", file, s.FirstMissingLine, col, name);
        TargetKind kind = o.TargetKind;
        if (kind == TargetKind.Auto)
            kind = !s.Numeric || (s.AllIntegers && !s.Overflow && s.Counts!.Count <= o.MaxAutoClasses && s.NonFiniteValue is null)
                ? TargetKind.Classification
                : TargetKind.Regression;
        if (kind == TargetKind.Regression)
        {
            if (!s.Numeric)
                throw new DataFormatException("the target is a regression target but this value is not a number", file, s.FirstTextLine, col, name, s.FirstText);
            if (s.NonFiniteValue is not null)
                throw new DataFormatException("the number is infinite or outside the float32 range; fix or remove it", file, s.NonFiniteLine, col, name, s.NonFiniteValue);
            // A constant target is only centred (its std of 0 would divide by zero).
            var scale = o.StandardizeTarget ? new TargetScale(s.Mean, s.Std > 0 ? s.Std : 1) : null;
            return new TargetColumn(name, index, TargetKind.Regression, [], scale);
        }
        if (s.Overflow || s.Counts!.Count > o.MaxCategories)
            throw new DataFormatException($"the target has more than {o.MaxCategories} distinct labels; is it a regression target (TargetKind.Regression)?", file, column: col, columnName: name);
        var labels = s.Counts.Keys.ToList();
        if (labels.Count < 2)
            throw new DataFormatException($"the target has a single class (\"{DataFormatException.Shorten(labels[0])}\"); classification needs at least two", file, column: col, columnName: name);
        // Numeric labels in numeric order ("2" before "10"), others ordinally; ties (e.g. "1" and "1.0") ordinally.
        bool allNumbers = labels.All(CsvDialect.IsNumber);
        labels.Sort((a, b) =>
        {
            if (allNumbers)
            {
                int c = double.Parse(a, NumberStyles.Float, CultureInfo.InvariantCulture).CompareTo(double.Parse(b, NumberStyles.Float, CultureInfo.InvariantCulture));
                if (c != 0) return c;
            }
            return string.CompareOrdinal(a, b);
        });
        return new TargetColumn(name, index, TargetKind.Classification, labels);
    }
}
