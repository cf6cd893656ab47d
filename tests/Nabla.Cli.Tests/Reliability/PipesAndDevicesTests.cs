using System.Diagnostics;
using System.Text;
using Nabla.Fuzzing;

namespace Nabla.Cli.Tests.Reliability;

/// <summary>Issue #15, items 1, 2, 4 and 15: data from pipes and standard input, output to devices, empty inputs, messages.</summary>
public class PipesAndDevicesTests
{
    private static string TrainModel(TempDir dir)
    {
        string data = dir.File("people.csv", TinyData.People(200));
        string model = Path.Combine(dir.Path, "model");
        var r = CliRunner.Run("train", "--data", data, "--target", "class", "--features", "height,weight,pet", "--epochs", "2", "--quiet", "--out", model);
        Assert.True(r.ExitCode == 0, r.Stderr);
        return model;
    }

    [Fact]
    public void Predict_FromPipe_PredictsEveryRow()
    {
        if (!OperatingSystem.IsLinux()) return;
        using var dir = new TempDir();
        string model = TrainModel(dir);
        // 3,001 rows, over 100 KB: the old reader sniffed the first 64 KiB on one open and streamed the rest on another.
        using var pipe = new PipeFeed(Encoding.UTF8.GetBytes(TinyData.People(3001, seed: 5)));
        string output = Path.Combine(dir.Path, "out.csv");
        var r = CliRunner.Run("predict", model, "--data", pipe.Path, "--out", output);
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Equal(3002, File.ReadAllLines(output).Length);
    }

    [Fact]
    public void Train_FromPipe_Trains()
    {
        if (!OperatingSystem.IsLinux()) return;
        using var dir = new TempDir();
        using var pipe = new PipeFeed(Encoding.UTF8.GetBytes(TinyData.People(200)));
        var r = CliRunner.Run("train", "--data", pipe.Path, "--target", "class", "--epochs", "1", "--quiet", "--out", Path.Combine(dir.Path, "run"));
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.True(File.Exists(Path.Combine(dir.Path, "run", "model.safetensors")));
    }

    [Fact]
    public void Evaluate_FromPipe_ScoresEveryRow()
    {
        if (!OperatingSystem.IsLinux()) return;
        using var dir = new TempDir();
        string model = TrainModel(dir);
        using var pipe = new PipeFeed(Encoding.UTF8.GetBytes(TinyData.People(3001, seed: 6)));
        var r = CliRunner.Run("evaluate", model, "--data", pipe.Path, "--json");
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Contains("\"rows\": 3001", r.Stdout);
    }

    [Fact]
    public void Predict_OutDevNull_KeepsTheDevice()
    {
        if (!OperatingSystem.IsLinux()) return;
        using var dir = new TempDir();
        string model = TrainModel(dir);
        var r = CliRunner.Run("predict", model, "--data", dir.File("new.csv", TinyData.People(5)), "--out", "/dev/null");
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Equal(0, new FileInfo("/dev/null").Length);
    }

    [Fact]
    public void Predict_ZeroRows_StillChecksTheColumns()
    {
        using var dir = new TempDir();
        string model = TrainModel(dir);
        var r = CliRunner.Run("predict", model, "--data", dir.File("empty.csv", "height,mass,pet\n"));
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("\"weight\"", r.Stderr);
    }

    [Fact]
    public async Task Predict_DashMeansStdinAndStdout_InUtf8WhateverTheLocale()
    {
        if (!OperatingSystem.IsLinux()) return;
        using var dir = new TempDir();
        string model = TrainModel(dir);
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8, StandardInputEncoding = new UTF8Encoding(false),
        };
        // Issue #15, item 15: a Latin-1 locale printed an emoji as '?'.
        start.Environment["LC_ALL"] = "en_US.ISO-8859-1";
        foreach (string a in new[] { Path.Combine(AppContext.BaseDirectory, "nabla.dll"), "predict", model, "--data", "-", "--out", "-" }) start.ArgumentList.Add(a);
        using var p = Process.Start(start)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        // bmi is neither a feature nor the target, so it is copied through as written.
        var rows = TinyData.People(7, seed: 3).Split('\n');
        var fields = rows[1].Split(',');
        fields[3] = "\U0001F600";
        rows[1] = string.Join(',', fields);
        await p.StandardInput.WriteAsync(string.Join('\n', rows));
        p.StandardInput.Close();
        await p.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        Assert.True(p.ExitCode == 0, await stderr);
        var lines = (await stdout).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(8, lines.Length);
        Assert.StartsWith(TinyData.Header + ",prediction,", lines[0]);
        Assert.Contains(",\U0001F600,", lines[1]);
    }

    [Fact]
    public void Train_OneHotWiderThanTheBudget_Refused()
    {
        using var dir = new TempDir();
        var csv = new StringBuilder("a,b,c,y\n");
        for (int i = 0; i < 400; i++) csv.Append($"a{i},b{i},c{i},{i % 2}\n");
        var r = CliRunner.Run("train", "--data", dir.File("wide.csv", csv.ToString()), "--target", "y", "--memory-budget", "1MB", "--epochs", "30", "--quiet", "--out", Path.Combine(dir.Path, "run"));
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("1,200 features", r.Stderr);
    }

    [Fact]
    public void Error_HugeMessage_CappedWithACount()
    {
        using var dir = new TempDir();
        // A header of 3,000 columns: the "not a column" message lists them all (60 KB before the cap).
        string header = string.Join(',', Enumerable.Range(0, 3000).Select(i => "a_rather_long_column_name_" + i));
        string data = dir.File("wide.csv", header + "\n" + string.Join(',', Enumerable.Repeat("1", 3000)) + "\n");
        var r = CliRunner.Run("train", "--data", data, "--target", "nope", "--quiet", "--out", Path.Combine(dir.Path, "run"));
        Assert.Equal(1, r.ExitCode);
        Assert.True(r.Stderr.Length < 2200, $"{r.Stderr.Length} characters");
        Assert.Contains("more characters)", r.Stderr);
    }

    [Theory]
    [InlineData("runs/cancer/checkpoint.safetensors", "runs/cancer/checkpoint.safetensors")]
    [InlineData("/tmp/my runs/checkpoint.safetensors", "'/tmp/my runs/checkpoint.safetensors'")]
    [InlineData("it's", "'it'\\''s'")]
    [InlineData("", "''")]
    public void Hints_QuotePathsForTheShell(string path, string expected) => Assert.Equal(expected, Nabla.Cli.Parsing.ShellText.Quote(path));
}
