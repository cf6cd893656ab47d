namespace Nabla.NN.Models;

/// <summary>
/// An exclusive claim on a model folder, so two runs writing one folder are refused with a clear message instead of
/// interleaving their files (#15 item 3). The claim is an OS file lock on <c>.nabla.lock</c> in the folder: the OS
/// releases it when the process ends, however it ends, so a killed run never leaves the folder locked (the empty lock
/// file it leaves behind is harmless).
/// </summary>
/// <remarks>Within one process the claim is shared: <c>nabla train</c> holds it for the whole run, and the
/// <see cref="ModelPackage.Save"/> at the end reuses it.</remarks>
public sealed class ModelFolderLock : IDisposable
{
    /// <summary>The lock file's name inside the folder.</summary>
    public const string FileName = ".nabla.lock";

    private static readonly Dictionary<string, (FileStream Stream, int Count)> Held = new(StringComparer.Ordinal);
    private readonly string _key;
    private bool _disposed;

    private ModelFolderLock(string key) => _key = key;

    /// <summary>Claims <paramref name="folder"/> (creating it if needed), or shares this process's existing claim.</summary>
    /// <exception cref="IOException">Another process is writing the folder (the message says so and what to do).</exception>
    public static ModelFolderLock AcquireOrReuse(string folder)
    {
        string key = Path.GetFullPath(folder);
        lock (Held)
        {
            if (Held.TryGetValue(key, out var held))
            {
                Held[key] = (held.Stream, held.Count + 1);
                return new ModelFolderLock(key);
            }
            Directory.CreateDirectory(key);
            FileStream stream;
            try
            {
                // FileShare.None is an exclusive, non-blocking flock on Unix and a share-mode lock on Windows.
                stream = new FileStream(Path.Combine(key, FileName), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException e) when (e is not FileNotFoundException and not DirectoryNotFoundException)
            {
                throw new IOException($"'{folder}' is being written by another run; give this one a different output folder, or wait for that run to finish.", e);
            }
            Held[key] = (stream, 1);
            return new ModelFolderLock(key);
        }
    }

    /// <summary>
    /// Whether a run (in this process or another) is writing <paramref name="folder"/> right now. A reader that finds
    /// the card and weights disagreeing waits only while this is true: otherwise the folder is torn, not in flux.
    /// </summary>
    public static bool IsHeld(string folder)
    {
        string key = Path.GetFullPath(folder);
        lock (Held)
        {
            if (Held.ContainsKey(key)) return true;
        }
        try
        {
            // NOTE: the probe holds the lock for an instant; a run claiming the folder in that instant is refused as if
            // it had met a real writer (the OS offers no way to test a lock without taking it).
            using var probe = new FileStream(Path.Combine(key, FileName), FileMode.Open, FileAccess.ReadWrite, FileShare.None);
            return false;
        }
        catch (FileNotFoundException) { return false; }
        catch (DirectoryNotFoundException) { return false; }
        catch (IOException) { return true; }
    }

    /// <summary>Releases this claim; the lock itself goes when the process's last claim on the folder does.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        lock (Held)
        {
            var (stream, count) = Held[_key];
            if (count > 1) { Held[_key] = (stream, count - 1); return; }
            Held.Remove(_key);
            stream.Dispose();
        }
    }
}
