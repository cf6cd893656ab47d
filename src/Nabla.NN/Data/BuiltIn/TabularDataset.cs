namespace Nabla.NN.Data;

/// <summary>
/// A small in-memory data set: features <c>[Count, FeatureCount]</c> row-major and targets <c>[Count]</c>
/// (class indices stored as floats for classification, values for regression), with names, citation and licence.
/// </summary>
public sealed class TabularDataset
{
    /// <summary>Creates a data set; checks that the arrays match the counts.</summary>
    /// <exception cref="ArgumentException">The array lengths disagree with the names.</exception>
    public TabularDataset(string name, float[] features, float[] targets, IReadOnlyList<string> featureNames,
        IReadOnlyList<string>? classNames, string citation, string license)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(featureNames);
        int f = featureNames.Count;
        if (f == 0 || features.Length != (long)targets.Length * f)
            throw new ArgumentException($"{name}: {features.Length} feature values do not make {targets.Length} rows of {f} features.", nameof(features));
        Name = name;
        Features = features;
        Targets = targets;
        FeatureNames = featureNames;
        ClassNames = classNames;
        Citation = citation;
        License = license;
    }

    /// <summary>Short name, e.g. <c>iris</c>.</summary>
    public string Name { get; }

    /// <summary>Features, <c>[Count, FeatureCount]</c> row-major.</summary>
    public float[] Features { get; }

    /// <summary>Targets, <c>[Count]</c>: class index (as float) or regression value.</summary>
    public float[] Targets { get; }

    /// <summary>Number of samples.</summary>
    public int Count => Targets.Length;

    /// <summary>Number of features per sample.</summary>
    public int FeatureCount => FeatureNames.Count;

    /// <summary>Name of each feature column.</summary>
    public IReadOnlyList<string> FeatureNames { get; }

    /// <summary>Class names (index = class) for classification sets; null for regression.</summary>
    public IReadOnlyList<string>? ClassNames { get; }

    /// <summary>True when the targets are class indices.</summary>
    public bool IsClassification => ClassNames is not null;

    /// <summary>Where the data comes from (one line).</summary>
    public string Citation { get; }

    /// <summary>Licence of the data.</summary>
    public string License { get; }

    /// <summary>New tensors (copies): features <c>[Count, FeatureCount]</c> and targets <c>[Count]</c>.</summary>
    public (Tensor X, Tensor Y) ToTensors() =>
        (Tensor.FromArray(Features, Count, FeatureCount), Tensor.FromArray(Targets, Count));
}
