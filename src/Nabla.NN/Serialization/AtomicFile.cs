namespace Nabla.NN.Serialization;

/// <summary>
/// Writes a file so that a reader (or a crash) only ever sees the old content or the complete new content,
/// never a half-written file: write a temporary file in the same directory, flush it to disk, then rename it
/// over the target.
/// </summary>
/// <remarks>
/// Why each step: the temporary file lives in the target's directory because rename is atomic only within one
/// file system; <c>Flush(flushToDisk: true)</c> is fsync, so the data is on disk before the rename makes it
/// visible (otherwise a power cut can leave a renamed but empty file); <see cref="File.Move(string, string, bool)"/>
/// with overwrite is rename(2) on Unix and MoveFileEx(REPLACE_EXISTING) on Windows. If the writer throws, the
/// temporary file is deleted and the target is untouched.
/// NOTE: the directory entry itself is not fsynced (.NET cannot open a directory handle portably), so after a
/// power cut, as opposed to a killed process, the rename may be lost and the old file remain; the file is never torn.
/// </remarks>
public static class AtomicFile
{
    /// <summary>
    /// Replaces <paramref name="path"/> atomically with what <paramref name="write"/> writes to the given stream.
    /// </summary>
    /// <remarks>
    /// Only a regular file (or a new one) is replaced. A symbolic link is followed and its final target is replaced,
    /// so the link stays a link. A character device, FIFO or socket (<c>/dev/null</c>, <c>/dev/stdout</c>, a named
    /// pipe) is written in place: renaming over it would destroy the device node. <c>-</c> is standard output.
    /// </remarks>
    /// <param name="path">Target file; its directory must exist.</param>
    /// <param name="write">Writes the complete content; must not dispose the stream.</param>
    /// <exception cref="DirectoryNotFoundException">The target's directory does not exist.</exception>
    /// <exception cref="IOException">The target is a directory.</exception>
    public static void Write(string path, Action<Stream> write)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(write);
        if (path == "-")
        {
            using var stdout = Console.OpenStandardOutput();
            WriteInPlace(stdout, write);
            return;
        }
        string full = Path.GetFullPath(path);
        var kind = FileKinds.Of(full);
        switch (kind)
        {
            case FileKind.Directory:
                throw new IOException($"Cannot write '{path}': it is a directory.");
            case FileKind.Special:
                // Open the path as given: resolving /dev/stdout would give /proc/self/fd/1's "pipe:[...]" pseudo-name.
                using (var device = new FileStream(full, FileMode.Open, FileAccess.Write, FileShare.ReadWrite, 1))
                    WriteInPlace(device, write);
                return;
        }
        // Replace the file a symbolic link points at, not the link itself.
        if (kind == FileKind.Regular && File.ResolveLinkTarget(full, returnFinalTarget: true) is { } target) full = target.FullName;
        string dir = Path.GetDirectoryName(full) ?? throw new ArgumentException($"'{path}' has no directory.", nameof(path));
        if (!Directory.Exists(dir))
            throw new DirectoryNotFoundException($"Cannot write '{path}': directory '{dir}' does not exist.");

        // Hidden, unique, recognisable name: ".model.safetensors.3f2a9c1e.tmp".
        string temp = Path.Combine(dir, "." + Path.GetFileName(full) + "." + Guid.NewGuid().ToString("N")[..8] + ".tmp");
        try
        {
            using (var fs = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                write(fs);
                fs.Flush(flushToDisk: true);
            }
            File.Move(temp, full, overwrite: true);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
        RemoveStaleTemps(dir, Path.GetFileName(full));
    }

    // A device or pipe has no "old content" to keep: write through, buffered, and flush.
    private static void WriteInPlace(Stream target, Action<Stream> write)
    {
        using var buffered = new BufferedStream(target, 1 << 16);
        write(buffered);
        buffered.Flush();
    }

    /// <summary>How old a leftover temporary file must be before a later write of the same target removes it.</summary>
    public static readonly TimeSpan StaleTempAge = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Deletes temporary files of <paramref name="fileName"/> that a killed writer left behind. Only old ones: a
    /// fresh one may belong to a writer that is still running.
    /// </summary>
    private static void RemoveStaleTemps(string dir, string fileName)
    {
        try
        {
            foreach (string leftover in Directory.EnumerateFiles(dir, "." + fileName + ".????????.tmp"))
                if (DateTime.UtcNow - File.GetLastWriteTimeUtc(leftover) > StaleTempAge) TryDelete(leftover);
        }
        catch (IOException) { /* best effort: the write itself succeeded */ }
        catch (UnauthorizedAccessException) { }
    }

    /// <summary>Replaces <paramref name="path"/> atomically with <paramref name="bytes"/>.</summary>
    public static void WriteAllBytes(string path, ReadOnlySpan<byte> bytes)
    {
        byte[] copy = bytes.ToArray();
        Write(path, s => s.Write(copy));
    }

    private static void TryDelete(string temp)
    {
        try { File.Delete(temp); }
        catch (IOException) { /* best effort: the original error matters more */ }
        catch (UnauthorizedAccessException) { }
    }
}
