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

/// <summary>A live Spectre.Console progress bar over the epochs, with the latest loss and metrics, for terminals.</summary>
internal sealed class LiveProgress : Callback
{
    private readonly IAnsiConsole _console = AnsiConsole.Console;
    private ProgressTask? _task;
    private Task? _render;
    private readonly TaskCompletionSource _done = new();
    private readonly TaskCompletionSource<ProgressTask> _ready = new();

    public override void OnTrainBegin(TrainingContext context)
    {
        int total = context.TotalEpochs, start = context.StartEpoch;
        _render = Task.Run(() => _console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .Start(ctx =>
            {
                var t = ctx.AddTask("training", maxValue: total);
                t.Value = start;
                _ready.SetResult(t);
                _done.Task.Wait();
                t.StopTask();
            }));
        _task = _ready.Task.Result;
    }

    public override void OnEpochEnd(TrainingContext context, EpochRecord record)
    {
        if (_task is null) return;
        double? accuracy = record.Get("val_accuracy") ?? record.Get("accuracy");
        string acc = accuracy is { } a ? $" accuracy {a:F3}" : "";
        _task.Description = Markup.Escape($"epoch {record.Epoch}/{context.TotalEpochs} loss {record.TrainLoss:F4}{acc}");
        _task.Value = record.Epoch;
    }

    public override void OnWarning(TrainingContext context, string message) =>
        _console.MarkupLine("[yellow]warning:[/] " + Markup.Escape(message));

    public override void OnTrainEnd(TrainingContext context)
    {
        _done.TrySetResult();
        _render?.Wait();
    }
}
