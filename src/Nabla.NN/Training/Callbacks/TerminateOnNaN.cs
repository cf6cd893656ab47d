using System.Globalization;

namespace Nabla.NN.Training;

/// <summary>
/// Stops training as soon as a step's loss is NaN or infinite, with a message that names the likely cause:
/// a learning rate too large for this model and data. The trainer adds one by default
/// (<see cref="TrainerOptions.TerminateOnNaN"/>).
/// </summary>
public sealed class TerminateOnNaN : Callback
{
    /// <inheritdoc/>
    public override void OnBatchEnd(TrainingContext context, int batch, double loss)
    {
        if (double.IsFinite(loss) || context.StopRequested) return;
        float lr = context.Optimizer.Lr;
        string what = double.IsNaN(loss) ? "NaN" : "infinite";
        context.StopTraining(
            $"Training stopped in epoch {context.Epoch}, step {batch + 1}: the loss became {what}. " +
            $"The learning rate ({lr.ToString("G4", CultureInfo.InvariantCulture)}) is probably too large: " +
            $"try a smaller one (e.g. {(lr / 10).ToString("G4", CultureInfo.InvariantCulture)}), gradient clipping, " +
            "or check the inputs for NaN/Inf and standardise the features.");
    }
}
