using System.Globalization;

namespace Nabla.NN.Data;

/// <summary>
/// Turns a table of text into numbers for a network, and remembers how, so the same encoding is re-applied at
/// prediction time: numeric features standardised as z = (x - mean) / std, categorical features one-hot encoded, dates expanded,
/// class labels mapped to indices 0..K-1 (their exact spelling kept for output), missing values refused or imputed.
/// </summary>
/// <remarks>
/// <see cref="Fit"/> makes one streaming pass over the rows and <see cref="Transform"/> another, so with a
/// <see cref="CsvSource"/> a file larger than memory needs only the encoded numbers in memory
/// (<see cref="TransformBatches"/>: not even those). The fitted state serialises to JSON (<see cref="ToJson"/>)
/// to be saved next to the model. Statistics are computed in double precision (Welford), stored with round-trip
/// precision, and the encoded values are float32.
/// </remarks>
public sealed partial class Preprocessor
{
    private readonly Dictionary<string, int>[] _categoryIndex;
    private readonly Dictionary<string, int>? _labelIndex;
    private readonly HashSet<string> _missing;

    internal Preprocessor(IReadOnlyList<string> sourceColumns, bool sourceHasHeader, IReadOnlyList<FeatureColumn> features,
        TargetColumn? target, bool standardize, MissingValuePolicy missingValues, UnknownCategoryPolicy unknownCategories,
        IReadOnlyList<string> missingMarkers, IReadOnlyList<string> warnings)
    {
        SourceColumns = sourceColumns;
        SourceHasHeader = sourceHasHeader;
        Features = features;
        Target = target;
        Standardize = standardize;
        MissingValues = missingValues;
        UnknownCategories = unknownCategories;
        MissingMarkers = missingMarkers;
        Warnings = warnings;
        _missing = new HashSet<string>(missingMarkers, StringComparer.Ordinal);
        _categoryIndex = features.Select(f => f.Categories.Select((c, i) => (c, i)).ToDictionary(p => p.c, p => p.i, StringComparer.Ordinal)).ToArray();
        _labelIndex = target?.Kind == TargetKind.Classification
            ? target.Labels.Select((c, i) => (c, i)).ToDictionary(p => p.c, p => p.i, StringComparer.Ordinal)
            : null;
        var names = new List<string>();
        foreach (var f in features)
        {
            if (f.Kind == ColumnKind.Numeric) names.Add(f.Name);
            else if (f.Kind == ColumnKind.Date) names.AddRange(f.DateParts.Select(d => f.Name + "." + d.Name));
            else names.AddRange(f.Categories.Select(c => f.Name + "=" + c));
        }
        FeatureNames = names;
    }

    /// <summary>All column names of the file the preprocessor was fitted on, in file order.</summary>
    public IReadOnlyList<string> SourceColumns { get; }

    /// <summary>Whether that file had a header (if not, later files are matched by position).</summary>
    public bool SourceHasHeader { get; }

    /// <summary>The feature columns, in encoding order.</summary>
    public IReadOnlyList<FeatureColumn> Features { get; }

    /// <summary>The target column, or null when fitted with <see cref="TargetKind.None"/>.</summary>
    public TargetColumn? Target { get; }

    /// <summary>Class labels (index = class) for a classification target, else null.</summary>
    public IReadOnlyList<string>? ClassNames => Target?.Kind == TargetKind.Classification ? Target.Labels : null;

    /// <summary>Whether numeric features are standardised.</summary>
    public bool Standardize { get; }

    /// <summary>Missing-value policy in force.</summary>
    public MissingValuePolicy MissingValues { get; }

    /// <summary>Unknown-category policy in force.</summary>
    public UnknownCategoryPolicy UnknownCategories { get; }

    /// <summary>Values treated as missing (besides the empty field).</summary>
    public IReadOnlyList<string> MissingMarkers { get; }

    /// <summary>Things the user should know (constant columns, fallbacks), one sentence each.</summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>Names of the encoded features (<c>column</c>, <c>column=category</c> or <c>column.part</c> for dates), <see cref="FeatureCount"/> of them.</summary>
    public IReadOnlyList<string> FeatureNames { get; }

    /// <summary>Width of the encoded feature rows.</summary>
    public int FeatureCount => FeatureNames.Count;

    /// <summary>This preprocessor with another <see cref="UnknownCategories"/> policy (to predict rows holding categories
    /// unseen in training with a model fitted to refuse them, or the reverse); everything else is shared.</summary>
    public Preprocessor WithUnknownCategories(UnknownCategoryPolicy policy) =>
        policy == UnknownCategories ? this
        : new Preprocessor(SourceColumns, SourceHasHeader, Features, Target, Standardize, MissingValues, policy, MissingMarkers, Warnings);

    /// <summary>The label text for an encoded class index (e.g. a prediction).</summary>
    /// <exception cref="InvalidOperationException">The target is not classification.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The index is not a class.</exception>
    public string DecodeLabel(int classIndex)
    {
        var labels = ClassNames ?? throw new InvalidOperationException("The target is not a classification target; there are no class labels.");
        if ((uint)classIndex >= (uint)labels.Count)
            throw new ArgumentOutOfRangeException(nameof(classIndex), classIndex, $"Class index must be in 0..{labels.Count - 1}.");
        return labels[classIndex];
    }

    internal static string Num(double d) => d.ToString("R", CultureInfo.InvariantCulture);
}
