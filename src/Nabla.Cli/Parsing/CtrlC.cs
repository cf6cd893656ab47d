namespace Nabla.Cli.Parsing;

/// <summary>
/// Turns the first Ctrl-C (SIGINT) into a cancellation request, so training can stop at the end of the
/// current step, save a checkpoint and say how to resume. A second Ctrl-C ends the process at once.
/// </summary>
internal sealed class CtrlC : IDisposable
{
    private readonly CancellationTokenSource _source = new();

    /// <summary>Starts listening to Ctrl-C.</summary>
    public CtrlC() => Console.CancelKeyPress += OnCancel;

    /// <summary>Signalled by the first Ctrl-C.</summary>
    public CancellationToken Token => _source.Token;

    private void OnCancel(object? sender, ConsoleCancelEventArgs e)
    {
        if (_source.IsCancellationRequested) return; // second press: let the runtime end the process
        e.Cancel = true;
        _source.Cancel();
    }

    /// <summary>Stops listening.</summary>
    public void Dispose()
    {
        Console.CancelKeyPress -= OnCancel;
        _source.Dispose();
    }
}
