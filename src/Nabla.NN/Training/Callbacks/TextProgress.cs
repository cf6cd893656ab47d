namespace Nabla.NN.Training;

/// <summary>
/// The plain progress display: one line per epoch (loss, metrics, learning rate, time) and every warning,
/// written to a <see cref="TextWriter"/>. Suited to logs, CI and redirected output; a live terminal bar is a
/// separate callback (the CLI draws one with Spectre.Console).
/// </summary>
public sealed class TextProgress(TextWriter writer) : Callback
{
    private readonly TextWriter writer = writer ?? throw new ArgumentNullException(nameof(writer));

    /// <inheritdoc/>
    public override void OnTrainBegin(TrainingContext context)
    {
        string resumed = context.StartEpoch > 0 ? $", resuming after epoch {context.StartEpoch}" : "";
        writer.WriteLine($"Training {context.Task} for {context.TotalEpochs} epochs: {context.BatchesPerEpoch} steps of " +
                         $"{context.SamplesPerEpoch} samples per epoch{resumed}.");
    }

    /// <inheritdoc/>
    public override void OnEpochEnd(TrainingContext context, EpochRecord record) => writer.WriteLine(record.Format(context.TotalEpochs));

    /// <inheritdoc/>
    public override void OnWarning(TrainingContext context, string message) => writer.WriteLine("warning: " + message);

    /// <inheritdoc/>
    public override void OnTrainEnd(TrainingContext context)
    {
        if (context.StopReason is { } reason) writer.WriteLine(reason);
        writer.Flush();
    }
}
