using Nabla.NN.Serialization;

namespace Nabla.NN.Tests.Serialization;

public class AtomicFileTests : IDisposable
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
}
