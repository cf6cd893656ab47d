using Nabla.NN.Data;
using Nabla.NN.Training;

namespace Nabla.NN.Models;

/// <summary>
/// Puts an <see cref="Evaluation"/> of a model that learnt a standardised regression target back into the target's
/// own units, so a reported RMSE or MAE means what the user's column means (R^2 is unchanged by the scaling).
/// </summary>
public static class TargetUnits
{
    /// <summary>
    /// Decodes the predicted and actual values of <paramref name="evaluation"/> with the target scale of
    /// <paramref name="preprocessor"/> and recomputes the loss (with <paramref name="loss"/>) and every metric on them.
    /// Classification, unscaled targets and a null preprocessor return <paramref name="evaluation"/> itself.
    /// </summary>
    /// <param name="evaluation">An evaluation made on the encoded (standardised) targets.</param>
    /// <param name="preprocessor">The preprocessing that encoded the targets.</param>
    /// <param name="loss">The loss the evaluation reports.</param>
    /// <param name="metrics">The metrics that made the evaluation (a trainer's <see cref="TrainerOptions.Metrics"/>); null
    /// for the built-in regression metrics.</param>
    /// <exception cref="ArgumentException">The evaluation has a metric that is not in <paramref name="metrics"/>, so it
    /// cannot be recomputed in the target's units (it would otherwise be reported in the scaled units).</exception>
    public static Evaluation Decode(Evaluation evaluation, Preprocessor? preprocessor, Loss loss, IEnumerable<Metric>? metrics = null)
    {
        ArgumentNullException.ThrowIfNull(evaluation);
        ArgumentNullException.ThrowIfNull(loss);
        var p = evaluation.Predictions;
        if (preprocessor?.Target?.Scale is not { } scale || p.Task.IsClassification) return evaluation;
        var known = (metrics ?? Metric.BuiltInRegression).ToDictionary(m => m.Name, StringComparer.Ordinal);
        foreach (string name in evaluation.Metrics.Keys)
            if (!known.ContainsKey(name))
                throw new ArgumentException(
                    $"Metric '{name}' of this evaluation cannot be put in the target's units: pass the metric objects that made it " +
                    $"(TrainerOptions.Metrics) as metrics; known here: {string.Join(", ", known.Keys)}.", nameof(metrics));
        float[] predicted = p.PredictedValues.ToArray(), actual = p.ActualValues.ToArray();
        scale.DecodeInPlace(predicted);
        scale.DecodeInPlace(actual);
        int n = actual.Length / Math.Max(1, p.Task.TargetWidth), width = Math.Max(1, p.Task.TargetWidth);
        var outputs = Tensor.FromArray(predicted, n, width);
        var targets = Tensor.FromArray(actual, n, width);
        double value;
        using (GradMode.NoGrad()) value = loss.Forward(outputs, targets).Item();
        var set = PredictionSet.FromOutputs(outputs, targets, p.Task);
        var decoded = evaluation.Metrics.Keys.ToDictionary(name => name, name => known[name].Compute(set), StringComparer.Ordinal);
        return new Evaluation(value, decoded, set);
    }
}
