namespace Nabla.Whiteboard.Descent;

/// <summary>One scalar parameter's change in a step: new = old - lr * gradient.</summary>
public sealed record DescentUpdate(string Name, double Old, double Gradient, double New);

/// <summary>
/// One gradient-descent step: which rows the batch held, the model's predictions for them, the batch's mean
/// squared error, and every parameter's update. All numbers come from the engine and the Sgd optimizer.
/// </summary>
/// <param name="Step">1-based step.</param>
/// <param name="Epoch">1-based pass over the data the step belongs to.</param>
/// <param name="Rows">0-based row numbers of the batch, in batch order.</param>
/// <param name="Predictions">Predictions for those rows before the update.</param>
/// <param name="Targets">Their targets.</param>
/// <param name="Loss">Mean squared error of the batch before the update.</param>
/// <param name="Updates">Every parameter's update.</param>
/// <param name="FullLoss">Mean squared error on the whole table after the update.</param>
public sealed record DescentStep(int Step, int Epoch, IReadOnlyList<int> Rows, IReadOnlyList<double> Predictions, IReadOnlyList<double> Targets,
    double Loss, IReadOnlyList<DescentUpdate> Updates, double FullLoss);

/// <summary>A gradient-descent trace, as data: the table as trained on, the initial parameters and every step.</summary>
public sealed class DescentTrace
{
    internal DescentTrace() { }

    /// <summary>What was traced.</summary>
    public required DescentSpec Spec { get; init; }

    /// <summary>The features the model sees, row-major [rows, features] (standardised when <see cref="DescentSpec.Standardize"/>).</summary>
    public required float[] Inputs { get; init; }

    /// <summary>Per feature mean and standard deviation used to standardise (mean 0, std 1 when not standardised).</summary>
    public required IReadOnlyList<(double Mean, double Std)> Scaling { get; init; }

    /// <summary>Parameter names and starting values.</summary>
    public required IReadOnlyList<KeyValuePair<string, double>> Initial { get; init; }

    /// <summary>Mean squared error on the whole table before the first step.</summary>
    public required double InitialLoss { get; init; }

    /// <summary>The steps.</summary>
    public required IReadOnlyList<DescentStep> Steps { get; init; }

    /// <summary>Number of rows.</summary>
    public int Rows => Spec.Targets.Length;

    /// <summary>A number at the trace's precision.</summary>
    public string Format(double value) => Explanations.NumberFormat.Format(value, Spec.Precision);

    /// <summary>A loss term with at least 7 significant digits (float32's), so the lecture's 49229.75 reads exactly.</summary>
    public string FormatExact(double value) => Explanations.NumberFormat.Format(value, Math.Max(Spec.Precision, 7));
}
