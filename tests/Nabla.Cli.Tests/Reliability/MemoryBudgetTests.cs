using System.IO.Compression;
using Nabla.NN.Data;

namespace Nabla.Cli.Tests.Reliability;

/// <summary>Issue #8, item 5: a data set larger than the memory budget is refused before it is read, with the sizes.</summary>
public class MemoryBudgetTests
{
    [Fact]
    public void Train_CsvOverBudget_FailsBeforeTrainingWithSizesAndFix()
    {
        using var dir = new TempDir();
        string data = dir.File("people.csv", TinyData.People(1000));
        long size = new FileInfo(data).Length;
        string output = Path.Combine(dir.Path, "run");

        var r = CliRunner.Run("train", "--data", data, "--target", "class", "--memory-budget", "64KB", "--epochs", "30", "--out", output, "--quiet");

        Assert.True(r.ExitCode == 1, $"exit {r.ExitCode}: {r.Stderr}");
        Assert.Contains($"({MemoryBudget.Format(size)} of CSV text) needs about {MemoryBudget.Format(size * MemoryBudget.BytesPerCsvByte)}", r.Stderr);
        Assert.Contains("memory budget of 64 KB", r.Stderr);
        Assert.Contains("--memory-budget", r.Stderr);
        Assert.False(File.Exists(Path.Combine(output, "model.safetensors")));
    }

    [Fact]
    public void Train_GzipOverBudget_EstimatedFromUncompressedSize()
    {
        using var dir = new TempDir();
        string text = TinyData.People(1000);
        string gz = Path.Combine(dir.Path, "people.csv.gz");
        using (var fs = File.Create(gz))
        using (var z = new GZipStream(fs, CompressionLevel.Optimal))
            z.Write(System.Text.Encoding.UTF8.GetBytes(text));

        var r = CliRunner.Run("train", "--data", gz, "--target", "class", "--memory-budget", "100KB", "--epochs", "30", "--quiet", "--out", Path.Combine(dir.Path, "run"));

        Assert.Equal(1, r.ExitCode);
        Assert.Contains($"({MemoryBudget.Format(System.Text.Encoding.UTF8.GetByteCount(text))} of CSV text)", r.Stderr);
    }

    [Fact]
    public void Train_WithinBudget_Trains()
    {
        using var dir = new TempDir();
        string data = dir.File("people.csv", TinyData.People(100));
        var r = CliRunner.Run("train", "--data", data, "--target", "class", "--memory-budget", "1GB", "--epochs", "2", "--quiet", "--out", Path.Combine(dir.Path, "run"));
        Assert.True(r.ExitCode == 0, r.Stderr);
    }

    [Theory]
    [InlineData("512MB", 512L << 20)]
    [InlineData("1.5GiB", 3L << 29)]
    [InlineData("2g", 2L << 30)]
    [InlineData("64 KB", 64L << 10)]
    [InlineData("100000", 100000L)]
    public void Parse_Sizes(string text, long expected) => Assert.Equal(expected, MemoryBudget.Parse(text));

    [Theory]
    [InlineData("lots")]
    [InlineData("-1GB")]
    [InlineData("0")]
    public void Train_BadBudget_UsageErrorWithExample(string text)
    {
        var r = CliRunner.Run("train", "--dataset", "iris", "--memory-budget", text);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("--memory-budget", r.Stderr);
        Assert.Contains("512MB", r.Stderr);
    }
}
