using System.IO.Pipes;

namespace Nabla.Fuzzing;

/// <summary>
/// An anonymous pipe fed from a background task, named by its <c>/proc/self/fd/N</c> path: what bash's <c>&lt;(cmd)</c>
/// hands a program. A reader that opens the path twice loses what its first open read (issue #15, item 1).
/// </summary>
public sealed class PipeFeed : IDisposable
{
    private readonly AnonymousPipeServerStream _server = new(PipeDirection.Out, HandleInheritability.None);

    /// <summary>Starts writing <paramref name="bytes"/> into the pipe; the write end closes when they are all taken.</summary>
    public PipeFeed(byte[] bytes)
    {
        Path = "/proc/self/fd/" + _server.GetClientHandleAsString();
        Done = Task.Run(() =>
        {
            try { _server.Write(bytes); }
            catch (IOException) { /* the reader closed early */ }
            finally { _server.Dispose(); }
        });
    }

    /// <summary>The path of the pipe's read end.</summary>
    public string Path { get; }

    /// <summary>Completes when every byte was written (or the reader went away).</summary>
    public Task Done { get; }

    /// <inheritdoc/>
    public void Dispose() => _server.Dispose();
}
