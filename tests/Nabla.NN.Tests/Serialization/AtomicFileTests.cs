using System.Runtime.InteropServices;
using Nabla.NN.Serialization;

namespace Nabla.NN.Tests.Serialization;

public partial class AtomicFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("nabla-atomic-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Write_ExistingFile_ReplacesContentAndLeavesNoTemp()
    {
        string path = Path.Combine(_dir, "f.bin");
        File.WriteAllText(path, "old");
        AtomicFile.Write(path, s => s.Write("new content"u8));
        Assert.Equal("new content", File.ReadAllText(path));
        Assert.Equal([path], Directory.GetFiles(_dir));
    }

    [Fact]
    public void Write_WriterThrows_KeepsOldFileAndDeletesTemp()
    {
        string path = Path.Combine(_dir, "f.bin");
        File.WriteAllText(path, "old");
        var ex = Assert.Throws<InvalidOperationException>(() => AtomicFile.Write(path, s =>
        {
            s.Write("half"u8);
            throw new InvalidOperationException("boom");
        }));
        Assert.Equal("boom", ex.Message);
        Assert.Equal("old", File.ReadAllText(path));
        Assert.Equal([path], Directory.GetFiles(_dir));
    }

    [Fact]
    public void Write_MissingDirectory_ThrowsNamingIt()
    {
        string path = Path.Combine(_dir, "nope", "f.bin");
        var ex = Assert.Throws<DirectoryNotFoundException>(() => AtomicFile.Write(path, _ => { }));
        Assert.Contains("nope", ex.Message);
    }

    [Fact]
    public void Write_AfterAKilledWriter_RemovesItsOldTempButNotAFreshOne()
    {
        string target = Path.Combine(_dir, "model.safetensors");
        string stale = Path.Combine(_dir, ".model.safetensors.0badc0de.tmp");
        string fresh = Path.Combine(_dir, ".model.safetensors.12345678.tmp");
        File.WriteAllText(stale, "half");
        File.SetLastWriteTimeUtc(stale, DateTime.UtcNow - AtomicFile.StaleTempAge - TimeSpan.FromMinutes(1));
        File.WriteAllText(fresh, "still being written");

        AtomicFile.WriteAllBytes(target, [1, 2, 3]);

        Assert.False(File.Exists(stale));
        Assert.True(File.Exists(fresh));
    }

    // Issue #15, item 2: the temp-file-and-rename write must never replace a device, a FIFO or a symbolic link.

    [Fact]
    public void Write_ThroughSymlink_ReplacesTheTargetAndKeepsTheLink()
    {
        string target = Path.Combine(_dir, "real.csv"), link = Path.Combine(_dir, "link.csv");
        File.WriteAllText(target, "old");
        File.CreateSymbolicLink(link, target);
        AtomicFile.Write(link, s => s.Write("new"u8));
        Assert.NotNull(File.ResolveLinkTarget(link, returnFinalTarget: false));
        Assert.Equal("new", File.ReadAllText(target));
    }

    [Fact]
    public async Task Write_ToFifo_WritesIntoItAndKeepsIt()
    {
        if (!OperatingSystem.IsLinux()) return;
        string fifo = Path.Combine(_dir, "pipe");
        Assert.Equal(0, MakeFifo(fifo, 0x180));
        var reader = Task.Run(() => File.ReadAllText(fifo));
        var writer = Task.Run(() => AtomicFile.Write(fifo, s => s.Write("through the pipe"u8)));
        await writer.WaitAsync(TimeSpan.FromSeconds(10));
        // A TimeoutException here: the reader got nothing because the FIFO was replaced by a regular file.
        Assert.Equal("through the pipe", await reader.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(0, new FileInfo(fifo).Length); // still a FIFO, not a 16-byte regular file
        Assert.Equal([fifo], Directory.GetFileSystemEntries(_dir));
    }

    [Fact]
    public void Write_ToDevNull_LeavesTheDevice()
    {
        if (!OperatingSystem.IsLinux()) return;
        AtomicFile.Write("/dev/null", s => s.Write("discarded"u8));
        Assert.Equal(0, new FileInfo("/dev/null").Length);
        Assert.Empty(Directory.GetFiles("/dev", ".null.*.tmp"));
    }

    [Fact]
    public void Write_ToDirectory_Refuses()
    {
        var ex = Assert.Throws<IOException>(() => AtomicFile.Write(_dir, s => s.Write("x"u8)));
        Assert.Contains("is a directory", ex.Message);
    }

    [LibraryImport("libc", EntryPoint = "mkfifo", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int MakeFifo(string path, uint mode);
}
