namespace Nabla.NN.Training;

/// <summary>The result of <see cref="Trainer.Evaluate(Data.TensorDataset)"/>: mean loss, metrics and the decoded predictions.</summary>
/// <param name="Loss">Mean loss per sample.</param>
/// <param name="Metrics">Metric values by name (no "val_" prefix).</param>
/// <param name="Predictions">Outputs decoded into labels/scores or values, for confusion matrices and reports.</param>
public sealed record Evaluation(double Loss, IReadOnlyDictionary<string, double> Metrics, PredictionSet Predictions)
{
    /// <summary>The confusion matrix of a classification evaluation (rows actual, columns predicted).</summary>
    public ConfusionMatrix ConfusionMatrix()
    {
        if (!Predictions.Task.IsClassification)
            throw new InvalidOperationException($"A confusion matrix needs a classification task, but this is a {Predictions.Task}.");
        return new ConfusionMatrix(Predictions.PredictedLabels, Predictions.ActualLabels, Predictions.Task.NumClasses);
    }

    /// <summary>
    /// The headline numbers of this evaluation, in display order: <c>loss</c>, then <c>accuracy</c> (classification) or
    /// <c>r2</c>, <c>rmse</c>, <c>mae</c> (regression), computed from the predictions whatever was tracked per epoch.
    /// </summary>
    public IReadOnlyDictionary<string, double> Summary()
    {
        var m = new Dictionary<string, double> { ["loss"] = Loss };
        var metrics = Predictions.Task.IsClassification ? new[] { Metric.Accuracy } : [Metric.R2, Metric.Rmse, Metric.Mae];
        foreach (var metric in metrics) m[metric.Name] = metric.Compute(Predictions);
        return m;
    }

    /// <summary>Precision, recall, F1 and support per class (classification only), named from <paramref name="classNames"/> when given.</summary>
    public IReadOnlyList<ClassMetrics> PerClass(IReadOnlyList<string>? classNames = null) =>
        ClassMetrics.From(ConfusionMatrix(), classNames);

    /// <summary>The metric named <paramref name="name"/>.</summary>
    public double this[string name] => Metrics.TryGetValue(name, out double v)
        ? v
        : throw new KeyNotFoundException($"No metric '{name}' in this evaluation; available: {string.Join(", ", Metrics.Keys)}.");
}
