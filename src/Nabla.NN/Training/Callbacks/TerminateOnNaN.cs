using System.Globalization;

namespace Nabla.NN.Training;

/// <summary>
/// Stops training as soon as a step's loss is NaN or infinite, or has grown more than a million times above the first
/// step's loss (a run that is diverging but has not overflowed yet), with a message that names the likely cause: a
/// learning rate too large for this model and data. The trainer adds one by default
/// (<see cref="TrainerOptions.TerminateOnNaN"/>).
/// </summary>
public sealed class TerminateOnNaN : Callback
{
    /// <summary>How many times the first loss a step's loss may reach before the run counts as diverging.</summary>
    public const double GrowthLimit = 1e6;

    private double _first = double.NaN;

    /// <summary>True once this callback has stopped a run (the loss was non-finite or diverging).</summary>
    public bool Triggered { get; private set; }

    /// <inheritdoc/>
    public override void OnTrainBegin(TrainingContext context) => _first = double.NaN;

    /// <inheritdoc/>
    public override void OnBatchEnd(TrainingContext context, int batch, double loss)
    {
        if (context.StopRequested) return;
        if (double.IsNaN(_first) && double.IsFinite(loss)) _first = loss;
        string what;
        if (!double.IsFinite(loss)) what = double.IsNaN(loss) ? "the loss became NaN" : "the loss became infinite";
        else if (_first > 0 && loss > GrowthLimit * _first)
            what = $"the loss grew from {_first.ToString("G4", CultureInfo.InvariantCulture)} to {loss.ToString("G4", CultureInfo.InvariantCulture)} (over a million times): training is diverging";
        else return;
        float lr = context.Optimizer.Lr;
        Triggered = true;
        context.StopTraining(
            $"Training stopped in epoch {context.Epoch}, step {batch + 1}: {what}. " +
            $"The learning rate ({lr.ToString("G4", CultureInfo.InvariantCulture)}) is probably too large: " +
            $"try a smaller one (e.g. {(lr / 10).ToString("G4", CultureInfo.InvariantCulture)}), gradient clipping, " +
            "or check the inputs for NaN/Inf and standardise the features.");
    }
}
