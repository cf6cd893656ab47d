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
    /// <paramref name="preprocessor"/> and recomputes the loss (with <paramref name="loss"/>) and every regression
    /// metric on them. Classification, unscaled targets and a null preprocessor return <paramref name="evaluation"/> itself.
    /// </summary>
    public static Evaluation Decode(Evaluation evaluation, Preprocessor? preprocessor, Loss loss)
    {
        ArgumentNullException.ThrowIfNull(evaluation);
        ArgumentNullException.ThrowIfNull(loss);
        var p = evaluation.Predictions;
        if (preprocessor?.Target?.Scale is not { } scale || p.Task.IsClassification) return evaluation;
        float[] predicted = p.PredictedValues.ToArray(), actual = p.ActualValues.ToArray();
        scale.DecodeInPlace(predicted);
        scale.DecodeInPlace(actual);
        int n = actual.Length / Math.Max(1, p.Task.TargetWidth), width = Math.Max(1, p.Task.TargetWidth);
        var outputs = Tensor.FromArray(predicted, n, width);
        var targets = Tensor.FromArray(actual, n, width);
        double value;
        using (GradMode.NoGrad()) value = loss.Forward(outputs, targets).Item();
        var set = PredictionSet.FromOutputs(outputs, targets, p.Task);
        var known = new[] { Metric.Mse, Metric.Rmse, Metric.Mae, Metric.R2 }.ToDictionary(m => m.Name, StringComparer.Ordinal);
        var metrics = evaluation.Metrics.ToDictionary(kv => kv.Key, kv => known.TryGetValue(kv.Key, out var m) ? m.Compute(set) : kv.Value, StringComparer.Ordinal);
        return new Evaluation(value, metrics, set);
    }
}
