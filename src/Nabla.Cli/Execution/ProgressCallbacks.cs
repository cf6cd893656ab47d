using Nabla.NN.Training;
using Spectre.Console;

namespace Nabla.Cli.Execution;

/// <summary>
/// Asks the trainer to stop at the end of the current epoch once Ctrl-C was pressed, so the checkpoint holds
/// whole epochs and <c>--resume</c> continues exactly.
/// </summary>
internal sealed class StopOnCancel(CancellationToken cancel, TextWriter log) : Callback
{
    private bool _announced;

    /// <summary>True when training stopped because of Ctrl-C.</summary>
    public bool Stopped { get; private set; }

    public override void OnBatchEnd(TrainingContext context, int batch, double loss)
    {
        if (!cancel.IsCancellationRequested || _announced) return;
        _announced = true;
        log.WriteLine("Ctrl-C: stopping at the end of this epoch to save a checkpoint (press Ctrl-C again to quit at once).");
    }

    public override void OnEpochEnd(TrainingContext context, EpochRecord record)
    {
        if (!cancel.IsCancellationRequested) return;
        Stopped = true;
        context.StopTraining($"interrupted by Ctrl-C after epoch {record.Epoch}");
    }
}

/// <summary>
/// A live Spectre.Console progress bar for terminals that moves with every batch: the epoch, the running training loss,
/// samples per second and the epoch's remaining time; at the end of each epoch the latest loss and metrics.
/// </summary>
internal sealed class LiveProgress : Callback
{
    private readonly IAnsiConsole _console = AnsiConsole.Console;
    private ProgressTask? _task;
    private Task? _render;
    private readonly TaskCompletionSource _done = new();
    private readonly TaskCompletionSource<ProgressTask> _ready = new();
    private readonly System.Diagnostics.Stopwatch _epochClock = new();
    private double _lossSum;
    private int _batches;
    private string _last = "";

    public override void OnTrainBegin(TrainingContext context)
    {
        int batches = Math.Max(1, context.BatchesPerEpoch);
        _render = Task.Run(() => _console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .Start(ctx =>
            {
                var t = ctx.AddTask("training", maxValue: batches);
                _ready.SetResult(t);
                _done.Task.Wait();
                t.StopTask();
            }));
        _task = _ready.Task.Result;
    }

    public override void OnEpochBegin(TrainingContext context)
    {
        _lossSum = 0;
        _batches = 0;
        _epochClock.Restart();
        if (_task is not null) _task.Value = 0;
    }

    public override void OnBatchEnd(TrainingContext context, int batch, double loss)
    {
        if (_task is null) return;
        _lossSum += loss;
        _batches++;
        double seconds = _epochClock.Elapsed.TotalSeconds;
        double rate = seconds > 0 ? _batches * (double)context.SamplesPerEpoch / Math.Max(1, context.BatchesPerEpoch) / seconds : 0;
        _task.Description = Markup.Escape($"epoch {context.Epoch}/{context.TotalEpochs} loss {_lossSum / _batches:F4} {rate:N0} samples/s{_last}");
        _task.Value = _batches;
    }

    public override void OnEpochEnd(TrainingContext context, EpochRecord record)
    {
        if (_task is null) return;
        double? validation = record.Get("val_loss");
        double? accuracy = record.Get("val_accuracy") ?? record.Get("accuracy");
        _last = (validation is { } v ? $" | last val_loss {v:F4}" : "") + (accuracy is { } a ? $" accuracy {a:F3}" : "");
        _task.Description = Markup.Escape($"epoch {record.Epoch}/{context.TotalEpochs} loss {record.TrainLoss:F4}{_last}");
        _task.Value = _task.MaxValue;
    }

    public override void OnWarning(TrainingContext context, string message) =>
        _console.MarkupLine("[yellow]warning:[/] " + Markup.Escape(message));

    public override void OnTrainEnd(TrainingContext context)
    {
        _done.TrySetResult();
        _render?.Wait();
    }
}
