namespace Nabla.NN.Training;

/// <summary>
/// A named metric that the trainer computes on a <see cref="PredictionSet"/> each epoch and stores in the
/// <see cref="History"/> (validation values are prefixed <c>val_</c>).
/// </summary>
public abstract class Metric
{
    /// <summary>The key in the history and logs (e.g. <c>"accuracy"</c>).</summary>
    public abstract string Name { get; }

    /// <summary>True when larger is better (accuracy, F1, AUC, R^2), false for errors (MSE, MAE).</summary>
    public abstract bool HigherIsBetter { get; }

    /// <summary>Whether this metric applies to <paramref name="task"/>.</summary>
    public abstract bool Supports(TaskSpec task);

    /// <summary>Computes the metric.</summary>
    public abstract double Compute(PredictionSet predictions);

    /// <inheritdoc/>
    public override string ToString() => Name;

    /// <summary>Fraction of correctly classified samples.</summary>
    public static Metric Accuracy { get; } = new ClassificationMetric("accuracy", p => Metrics.Accuracy(p.PredictedLabels, p.ActualLabels));

    /// <summary>Macro-averaged precision.</summary>
    public static Metric PrecisionMacro { get; } = new ClassificationMetric("precision_macro", p => Metrics.PrecisionMacro(p.PredictedLabels, p.ActualLabels, p.Task.NumClasses));

    /// <summary>Macro-averaged recall.</summary>
    public static Metric RecallMacro { get; } = new ClassificationMetric("recall_macro", p => Metrics.RecallMacro(p.PredictedLabels, p.ActualLabels, p.Task.NumClasses));

    /// <summary>Macro-averaged F1.</summary>
    public static Metric F1Macro { get; } = new ClassificationMetric("f1_macro", p => Metrics.F1Macro(p.PredictedLabels, p.ActualLabels, p.Task.NumClasses));

    /// <summary>ROC AUC (binary only); NaN when the evaluated set holds a single class.</summary>
    public static Metric RocAuc { get; } = new ClassificationMetric("roc_auc", p =>
    {
        int positives = p.ActualLabels.Count(l => l == 1);
        return positives == 0 || positives == p.ActualLabels.Length ? double.NaN : Metrics.RocAuc(p.PositiveScores, p.ActualLabels);
    }, binaryOnly: true);

    /// <summary>Mean squared error.</summary>
    public static Metric Mse { get; } = new RegressionMetric("mse", p => Metrics.Mse(p.PredictedValues, p.ActualValues), higherIsBetter: false);

    /// <summary>Root mean squared error.</summary>
    public static Metric Rmse { get; } = new RegressionMetric("rmse", p => Metrics.Rmse(p.PredictedValues, p.ActualValues), higherIsBetter: false);

    /// <summary>Mean absolute error.</summary>
    public static Metric Mae { get; } = new RegressionMetric("mae", p => Metrics.Mae(p.PredictedValues, p.ActualValues), higherIsBetter: false);

    /// <summary>Coefficient of determination.</summary>
    public static Metric R2 { get; } = new RegressionMetric("r2", p => Metrics.R2(p.PredictedValues, p.ActualValues), higherIsBetter: true);

    /// <summary>Every built-in regression metric: MSE, RMSE, MAE and R^2.</summary>
    public static IReadOnlyList<Metric> BuiltInRegression { get; } = [Mse, Rmse, Mae, R2];

    /// <summary>The metrics the trainer reports when none are given: accuracy (+ ROC AUC for binary, + macro F1 for multiclass); MAE and R^2 for regression.</summary>
    public static IReadOnlyList<Metric> DefaultsFor(TaskSpec task)
    {
        ArgumentNullException.ThrowIfNull(task);
        return task.Kind switch
        {
            TaskKind.BinaryClassification => [Accuracy, RocAuc],
            TaskKind.MulticlassClassification => [Accuracy, F1Macro],
            _ => [Mae, R2],
        };
    }

    private sealed class ClassificationMetric(string name, Func<PredictionSet, double> compute, bool binaryOnly = false) : Metric
    {
        public override string Name => name;
        public override bool HigherIsBetter => true;
        public override bool Supports(TaskSpec task) => binaryOnly ? task.Kind == TaskKind.BinaryClassification : task.IsClassification;
        public override double Compute(PredictionSet predictions) => compute(predictions);
    }

    private sealed class RegressionMetric(string name, Func<PredictionSet, double> compute, bool higherIsBetter) : Metric
    {
        public override string Name => name;
        public override bool HigherIsBetter => higherIsBetter;
        public override bool Supports(TaskSpec task) => task.Kind == TaskKind.Regression;
        public override double Compute(PredictionSet predictions) => compute(predictions);
    }
}
