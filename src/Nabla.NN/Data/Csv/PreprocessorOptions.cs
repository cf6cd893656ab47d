namespace Nabla.NN.Data;

/// <summary>What kind of target a table has.</summary>
public enum TargetKind
{
    /// <summary>Decide from the values: text, or integers with at most <see cref="PreprocessorOptions.MaxAutoClasses"/> distinct values, is classification; other numbers are regression.</summary>
    Auto,

    /// <summary>Class labels, encoded as indices 0..K-1 into <see cref="Preprocessor.ClassNames"/>.</summary>
    Classification,

    /// <summary>Real-valued target, standardised to (y - mean) / std unless <see cref="PreprocessorOptions.StandardizeTarget"/> is off (see <see cref="TargetColumn.Scale"/>).</summary>
    Regression,

    /// <summary>No target column: every selected column is a feature.</summary>
    None,
}

/// <summary>How a feature column's values are encoded.</summary>
public enum ColumnKind
{
    /// <summary>Numbers: one feature, standardised to (x - mean) / std when enabled.</summary>
    Numeric,

    /// <summary>Text categories: one-hot encoded, one feature per category seen while fitting.</summary>
    Categorical,

    /// <summary>Dates or date-times (see <see cref="DateValues"/>): expanded into year, month, day, day of week (and hour,
    /// minute when times are present), each standardised like a number (<see cref="FeatureColumn.DateParts"/>).</summary>
    Date,
}

/// <summary>What to do with a column whose every value is a date or date-time (<see cref="DateValues"/>).</summary>
public enum DateColumnPolicy
{
    /// <summary>Expand into numeric parts: year, month, day, day of week, and hour and minute when times are present.</summary>
    Expand,

    /// <summary>Leave the column out of the features.</summary>
    Drop,

    /// <summary>One-hot encode each distinct date, as any text column (refused beyond <see cref="PreprocessorOptions.MaxCategories"/>).</summary>
    Categorical,
}

/// <summary>What to do with a missing value (empty field or a <see cref="PreprocessorOptions.MissingMarkers"/> entry) in a feature.</summary>
public enum MissingValuePolicy
{
    /// <summary>Fail with a message naming the row and column.</summary>
    Error,

    /// <summary>Numeric columns get the mean, categorical columns the most frequent category.</summary>
    ImputeMean,

    /// <summary>Every column gets its most frequent value.</summary>
    ImputeMostFrequent,

    /// <summary>Numeric columns get the median (of a seeded sample of 65,536 values beyond that many), categorical columns the most frequent category.</summary>
    ImputeMedian,

    /// <summary>Every column gets a given value (<see cref="PreprocessorOptions.MissingValueConstant"/> or <see cref="Imputation.Constant"/>);
    /// in a categorical column it becomes a category of its own if it was not one.</summary>
    ImputeConstant,
}

/// <summary>What to do with a category not seen while fitting.</summary>
public enum UnknownCategoryPolicy
{
    /// <summary>Fail with a message naming the row, column and the known categories.</summary>
    Error,

    /// <summary>Encode as all zeros in that column's one-hot block, and count it in <see cref="EncodedTable.UnknownCategoryCount"/>.</summary>
    Ignore,
}

/// <summary>Settings for fitting a <see cref="Preprocessor"/>.</summary>
public sealed class PreprocessorOptions
{
    /// <summary>Target column by name. When neither this nor <see cref="TargetIndex"/> is set, the last column is the target (unless <see cref="TargetKind"/> is None).</summary>
    public string? Target { get; init; }

    /// <summary>Target column by 0-based index.</summary>
    public int? TargetIndex { get; init; }

    /// <summary>Feature columns by name, in the order wanted; null means every column except the target.</summary>
    public IReadOnlyList<string>? Features { get; init; }

    /// <summary>Columns to treat as categorical even though their values are numbers (codes, zip codes).</summary>
    public IReadOnlyList<string>? CategoricalColumns { get; init; }

    /// <summary>Classification, regression, no target, or decide from the values.</summary>
    public TargetKind TargetKind { get; init; } = TargetKind.Auto;

    /// <summary>Standardise numeric features to zero mean and unit variance (population std, as scikit-learn). Default true.</summary>
    public bool Standardize { get; init; } = true;

    /// <summary>
    /// Standardise a regression target to zero mean and unit variance (as the features), so the network learns values of
    /// order 1 whatever the target's units; <see cref="Preprocessor.Transform"/> then returns standardised targets and
    /// <see cref="Preprocessor.DecodeTarget"/> (and every <c>Predictor</c> output) maps back. Default true; false keeps
    /// the target as is (the behaviour before target scaling existed, <c>--no-target-scaling</c> on the CLI).
    /// </summary>
    public bool StandardizeTarget { get; init; } = true;

    /// <summary>Missing-value handling; default <see cref="MissingValuePolicy.Error"/>.</summary>
    public MissingValuePolicy MissingValues { get; init; } = MissingValuePolicy.Error;

    /// <summary>The fill value of <see cref="MissingValuePolicy.ImputeConstant"/> when it is the run-wide policy (default "0").</summary>
    public string MissingValueConstant { get; init; } = "0";

    /// <summary>Per-column imputation by column name, overriding <see cref="MissingValues"/> for those columns
    /// (CLI: <c>--impute median,city=most-frequent</c>). Date columns are filled with their most frequent date (or the constant).</summary>
    public IReadOnlyDictionary<string, Imputation>? ColumnMissingValues { get; init; }

    /// <summary>Columns left out of the features (CLI <c>--drop</c>); each must exist.</summary>
    public IReadOnlyList<string>? Drop { get; init; }

    /// <summary>What to do with date and date-time columns; default <see cref="DateColumnPolicy.Expand"/>.</summary>
    public DateColumnPolicy Dates { get; init; } = DateColumnPolicy.Expand;

    /// <summary>Unknown-category handling at transform time; default <see cref="UnknownCategoryPolicy.Error"/>.</summary>
    public UnknownCategoryPolicy UnknownCategories { get; init; } = UnknownCategoryPolicy.Error;

    /// <summary>Field values meaning "missing", compared exactly after trimming blanks. The empty field always is.</summary>
    public IReadOnlyList<string> MissingMarkers { get; init; } = ["NA", "N/A", "NaN", "nan", "null", "NULL", "?"];

    /// <summary>Most distinct categories (or class labels) one column may have; more is an error, not a memory blow-up. Default 1000.</summary>
    public int MaxCategories { get; init; } = 1000;

    /// <summary>
    /// Memory budget in bytes for the encoded rows, or null for none: <see cref="Preprocessor.Fit"/> refuses, with an
    /// <see cref="InsufficientMemoryException"/>, data whose encoding (one-hot blocks counted in full) would need more.
    /// </summary>
    public long? MemoryBudget { get; init; }

    /// <summary>With <see cref="TargetKind.Auto"/>, an integer-valued target with at most this many distinct values is classification. Default 20.</summary>
    public int MaxAutoClasses { get; init; } = 20;
}
