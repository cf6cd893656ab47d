namespace Nabla.NN.Data;

/// <summary>The fitted encoding of one feature column.</summary>
public sealed class FeatureColumn
{
    internal FeatureColumn(string name, int sourceIndex, ColumnKind kind, double mean, double std,
        IReadOnlyList<string> categories, string? fillValue, IReadOnlyList<DatePart>? dateParts = null)
    {
        DateParts = dateParts ?? [];
        Name = name;
        SourceIndex = sourceIndex;
        Kind = kind;
        Mean = mean;
        Std = std;
        Categories = categories;
        FillValue = fillValue;
    }

    /// <summary>Column name (header name, or <c>columnN</c>).</summary>
    public string Name { get; }

    /// <summary>0-based position of the column in the file the preprocessor was fitted on.</summary>
    public int SourceIndex { get; }

    /// <summary>Numeric or categorical.</summary>
    public ColumnKind Kind { get; }

    /// <summary>Mean of the numeric values seen while fitting (0 for categorical).</summary>
    public double Mean { get; }

    /// <summary>Population standard deviation sqrt(sum (x - mean)^2 / n) (0 for categorical or constant columns).</summary>
    public double Std { get; }

    /// <summary>True for a numeric column whose values were all equal: it is centred to 0 but not divided by its std of 0.</summary>
    public bool IsConstant => Kind == ColumnKind.Numeric && Std == 0;

    /// <summary>Categories in one-hot order (sorted ordinally; empty for numeric).</summary>
    public IReadOnlyList<string> Categories { get; }

    /// <summary>Value substituted for a missing entry (as text), or null when missing values are errors.</summary>
    public string? FillValue { get; }

    /// <summary>For a <see cref="ColumnKind.Date"/> column, its encoded parts in order (empty otherwise).</summary>
    public IReadOnlyList<DatePart> DateParts { get; }

    /// <summary>Number of encoded features: 1 for numeric, one per category for categorical, one per part for a date.</summary>
    public int Width => Kind switch
    {
        ColumnKind.Numeric => 1,
        ColumnKind.Date => DateParts.Count,
        _ => Categories.Count,
    };
}

/// <summary>One numeric part of a date column (see <see cref="DateValues.DateTimeParts"/>) and its standardisation.</summary>
/// <param name="Name">year, month, day, weekday, hour or minute.</param>
/// <param name="Mean">Mean of the part over the fitted rows.</param>
/// <param name="Std">Population standard deviation (0 for a constant part, which is only centred).</param>
public sealed record DatePart(string Name, double Mean, double Std);

/// <summary>The fitted encoding of the target column.</summary>
public sealed class TargetColumn
{
    internal TargetColumn(string name, int sourceIndex, TargetKind kind, IReadOnlyList<string> labels, TargetScale? scale = null)
    {
        Name = name;
        SourceIndex = sourceIndex;
        Kind = kind;
        Labels = labels;
        Scale = scale;
    }

    /// <summary>
    /// For a standardised regression target, the mean and standard deviation it was scaled with (the network learns
    /// (y - mean) / std; predictions are mapped back to y's units); null when the target is kept as is (classification,
    /// <see cref="PreprocessorOptions.StandardizeTarget"/> off, or a model written before target scaling existed).
    /// </summary>
    public TargetScale? Scale { get; }

    /// <summary>Column name.</summary>
    public string Name { get; }

    /// <summary>0-based position in the file the preprocessor was fitted on.</summary>
    public int SourceIndex { get; }

    /// <summary><see cref="TargetKind.Classification"/> or <see cref="TargetKind.Regression"/>.</summary>
    public TargetKind Kind { get; }

    /// <summary>Class labels exactly as spelled in the file, index = encoded class (empty for regression).
    /// Sorted numerically when all labels are numbers ("2" before "10"), otherwise ordinally.</summary>
    public IReadOnlyList<string> Labels { get; }
}

/// <summary>The standardisation of a regression target: encoded = (y - Mean) / Std, decoded y = encoded * Std + Mean.</summary>
/// <param name="Mean">Mean of the target over the fitted rows.</param>
/// <param name="Std">Population standard deviation of the target (1 when the target was constant, so it is only centred).</param>
public sealed record TargetScale(double Mean, double Std)
{
    /// <summary>The encoded (standardised) value of <paramref name="y"/>.</summary>
    public float Encode(double y) => (float)((y - Mean) / Std);

    /// <summary>The value in the target's own units of an encoded (standardised) <paramref name="z"/>.</summary>
    public float Decode(float z) => (float)(z * Std + Mean);

    /// <summary>Decodes every value of <paramref name="values"/> in place.</summary>
    public void DecodeInPlace(Span<float> values)
    {
        for (int i = 0; i < values.Length; i++) values[i] = Decode(values[i]);
    }
}

/// <summary>
/// The numeric result of <see cref="Preprocessor.Transform"/>: features <c>[RowCount, FeatureCount]</c> row-major
/// and, when the target column was present, targets <c>[RowCount]</c> (class indices as floats, or values).
/// </summary>
public sealed class EncodedTable
{
    internal EncodedTable(float[] features, int rowCount, int featureCount, float[]? targets,
        IReadOnlyList<string> featureNames, IReadOnlyList<string>? classNames, long firstLine, int unknown, int imputed)
    {
        Features = features;
        RowCount = rowCount;
        FeatureCount = featureCount;
        Targets = targets;
        FeatureNames = featureNames;
        ClassNames = classNames;
        FirstLine = firstLine;
        UnknownCategoryCount = unknown;
        ImputedCount = imputed;
    }

    /// <summary>Encoded features, <c>[RowCount, FeatureCount]</c> row-major.</summary>
    public float[] Features { get; }

    /// <summary>Number of rows.</summary>
    public int RowCount { get; }

    /// <summary>Encoded width: numeric columns count 1, categorical ones one per category.</summary>
    public int FeatureCount { get; }

    /// <summary>Targets <c>[RowCount]</c>, or null when the file has no target column (prediction input).</summary>
    public float[]? Targets { get; }

    /// <summary>Whether the file had the target column (<see cref="Targets"/> is not null).</summary>
    public bool HasTargets => Targets is not null;

    /// <summary>
    /// The table as training tensors: features <c>[RowCount, FeatureCount]</c> and targets <c>[RowCount]</c> (class
    /// indices as floats, or values), copied from this table. The common path, without a <c>!</c> on
    /// <see cref="Targets"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">The file had no target column (use <see cref="FeaturesTensor"/> to predict).</exception>
    public (Tensor Features, Tensor Targets) ToTensors()
    {
        var targets = Targets ?? throw new InvalidOperationException(
            $"this table has no targets: its {RowCount} rows came without the target column, so it can only be predicted on (use FeaturesTensor())");
        return (FeaturesTensor(), Tensor.FromArray(targets, RowCount));
    }

    /// <summary>The features as a tensor <c>[RowCount, FeatureCount]</c> (a copy).</summary>
    public Tensor FeaturesTensor() => Tensor.FromArray(Features, RowCount, FeatureCount);

    /// <summary>Name of each encoded feature: the column name, or <c>column=category</c> for one-hot features.</summary>
    public IReadOnlyList<string> FeatureNames { get; }

    /// <summary>Class labels for classification targets, else null.</summary>
    public IReadOnlyList<string>? ClassNames { get; }

    /// <summary>Source line of the first row (batches of a large file start later).</summary>
    public long FirstLine { get; }

    /// <summary>Categories not seen while fitting and encoded as zeros (with <see cref="UnknownCategoryPolicy.Ignore"/>).</summary>
    public int UnknownCategoryCount { get; }

    /// <summary>Missing values replaced by the fitted fill value.</summary>
    public int ImputedCount { get; }
}
