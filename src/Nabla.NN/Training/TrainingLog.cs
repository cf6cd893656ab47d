using Microsoft.Extensions.Logging;

namespace Nabla.NN.Training;

/// <summary>The trainer's log events (<see cref="TrainerOptions.Logger"/>), source-generated so a disabled level costs nothing.</summary>
internal static partial class TrainingLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "{Message}")]
    public static partial void Warning(ILogger logger, string message);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Epoch {Epoch}/{TotalEpochs}: loss {Loss:G5}, validation loss {ValidationLoss:G5}, {Seconds:F2} s")]
    public static partial void EpochEnd(ILogger logger, int epoch, int totalEpochs, double loss, double? validationLoss, double seconds);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "Training stopped: {Reason}")]
    public static partial void Stopped(ILogger logger, string reason);

    [LoggerMessage(EventId = 4, Level = LogLevel.Debug, Message = "Training on the {Path} path, {Samples} samples in {Batches} batches per epoch, epochs {Start}..{End}")]
    public static partial void Started(ILogger logger, string path, int samples, int batches, int start, int end);
}
