namespace Nabla.NN.Training;

/// <summary>What a model is trained to predict; decides the metrics, the label decoding and the output/loss check.</summary>
public enum TaskKind
{
    /// <summary>Real-valued targets, shape [N] or [N, k].</summary>
    Regression,

    /// <summary>Two classes, targets 0/1 of shape [N] or [N, 1]: one output (logit or probability) or two (logits for CrossEntropyLoss).</summary>
    BinaryClassification,

    /// <summary>C &gt; 2 classes, targets class indices 0..C-1 of shape [N] (stored as floats) or probability rows [N, C].</summary>
    MulticlassClassification,
}

/// <summary>A task and, for classification, its number of classes.</summary>
/// <param name="Kind">Regression, binary or multiclass.</param>
/// <param name="NumClasses">Number of classes (2 for binary); 0 for regression.</param>
/// <param name="TargetWidth">Values per sample in the target: 1 for class indices or a single regression target, k for [N, k].</param>
public sealed record TaskSpec(TaskKind Kind, int NumClasses, int TargetWidth)
{
    /// <summary>True for binary and multiclass classification.</summary>
    public bool IsClassification => Kind != TaskKind.Regression;

    /// <summary>The class labels as spelled in the data, for messages only (not part of equality); null when unknown.</summary>
    public IReadOnlyList<string>? ClassNames { get; init; }

    /// <summary>Equal kind, class count and target width (<see cref="ClassNames"/> is only for messages).</summary>
    public bool Equals(TaskSpec? other) => other is not null && Kind == other.Kind && NumClasses == other.NumClasses && TargetWidth == other.TargetWidth;

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Kind, NumClasses, TargetWidth);

    /// <summary>A one-line description, e.g. "multiclass target with 3 classes" or "binary target (classes no and yes)".</summary>
    public override string ToString() => Kind switch
    {
        TaskKind.Regression => TargetWidth == 1 ? "regression target" : $"regression target with {TargetWidth} values per sample",
        TaskKind.BinaryClassification => ClassNames is { Count: 2 } c ? $"binary target (classes {c[0]} and {c[1]})" : "binary target (classes 0 and 1)",
        _ => $"multiclass target with {NumClasses} classes",
    };
}
