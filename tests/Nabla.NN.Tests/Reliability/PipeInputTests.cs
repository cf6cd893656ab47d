using System.Text;
using Nabla.Fuzzing;
using Nabla.NN.Data;

namespace Nabla.NN.Tests.Reliability;

/// <summary>
/// Issue #15, item 1: a pipe (<c>&lt;(cmd)</c>, <c>/dev/stdin</c>) can be opened only once. These feed an anonymous pipe
/// (<see cref="PipeFeed"/>).
/// </summary>
public class PipeInputTests
{
    // 3,001 rows, about 100 KB: more than the 64 KiB a reader samples first, and more than a pipe's buffer.
    private static string Csv(int rows)
    {
        var sb = new StringBuilder("a,b,label\n");
        for (int i = 0; i < rows; i++) sb.Append(i).Append(",0.").Append(i % 97).Append(",c").Append(i % 3).Append('\n');
        return sb.ToString();
    }

    [Fact]
    public async Task CsvSource_FromPipe_StreamsEveryRowOnce()
    {
        if (!OperatingSystem.IsLinux()) return;
        using var pipe = new PipeFeed(Encoding.UTF8.GetBytes(Csv(3001)));
        var source = CsvSource.FromFile(pipe.Path);
        Assert.Equal(["a", "b", "label"], source.ColumnNames);
        Assert.Equal(3001, source.EnumerateRows().Count());
        await pipe.Done.WaitAsync(TimeSpan.FromSeconds(10));
        var again = Assert.Throws<InvalidOperationException>(() => source.EnumerateRows().Count());
        Assert.Contains("already read once", again.Message);
    }

    [Fact]
    public async Task CsvTable_LoadFromPipe_HashesWhatItRead()
    {
        if (!OperatingSystem.IsLinux()) return;
        string text = Csv(3001);
        using var pipe = new PipeFeed(Encoding.UTF8.GetBytes(text));
        var table = CsvTable.Load(pipe.Path, null, out string sha);
        Assert.Equal(3001, table.RowCount);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(text))), sha);
        await pipe.Done.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void CsvSource_FromRegularFile_ReadsTwice()
    {
        string file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, Csv(10));
            var source = CsvSource.FromFile(file);
            Assert.Equal(10, source.EnumerateRows().Count());
            Assert.Equal(10, source.EnumerateRows().Count());
        }
        finally { File.Delete(file); }
    }
}
