namespace Nabla.NN.Data;

/// <summary>
/// Opens data named the way a command-line user names it: a file (raw or gzip), a device or pipe such as
/// <c>/dev/stdin</c>, a FIFO or bash's <c>&lt;(cmd)</c> (<c>/dev/fd/63</c>), or <c>-</c> for standard input.
/// </summary>
/// <remarks>
/// A pipe can be read only once: opening it a second time (as a reader that first sniffs the header and then streams
/// the rows would) sees only what the first reader left, or nothing. So every reader opens a path once and asks
/// <see cref="CanReread"/> before it plans a second pass over the same path.
/// </remarks>
public static class DataPath
{
    /// <summary>The path meaning standard input (or standard output, where a path names an output).</summary>
    public const string StandardStream = "-";

    /// <summary>True for <c>-</c>, the standard input or output stream.</summary>
    public static bool IsStandardStream(string path) => path == StandardStream;

    /// <summary>True when <paramref name="path"/> is <c>-</c> or names something that exists and is not a directory (a file, device or pipe).</summary>
    public static bool Exists(string path) => IsStandardStream(path) || File.Exists(path);

    /// <summary>Opens <paramref name="path"/> for reading; <c>-</c> is standard input. The caller disposes the stream.</summary>
    public static Stream OpenRead(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return IsStandardStream(path)
            ? Console.OpenStandardInput(1 << 16)
            : new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
    }

    /// <summary>
    /// True when <paramref name="path"/>, already opened as <paramref name="opened"/>, can be opened again and read
    /// from its start: a regular file. False for <c>-</c>, pipes, FIFOs, sockets and terminals (their streams cannot seek).
    /// </summary>
    public static bool CanReread(string path, Stream opened)
    {
        ArgumentNullException.ThrowIfNull(opened);
        return !IsStandardStream(path) && opened.CanSeek;
    }
}
