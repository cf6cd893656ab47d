namespace Nabla.NN.Models;

/// <summary>What a <see cref="Predictor"/> says about one row.</summary>
/// <param name="Label">The predicted class label as spelled in the training data; null for regression.</param>
/// <param name="ClassIndex">Index of <paramref name="Label"/> in the card's class list; -1 for regression.</param>
/// <param name="Probabilities">One probability per class, in the card's class order (empty for regression).</param>
/// <param name="Value">The predicted value (regression); NaN for classification.</param>
public sealed record Prediction(string? Label, int ClassIndex, IReadOnlyList<double> Probabilities, float Value)
{
    /// <summary>The probability of the predicted class (NaN for regression).</summary>
    public double Confidence => ClassIndex >= 0 ? Probabilities[ClassIndex] : double.NaN;
}
