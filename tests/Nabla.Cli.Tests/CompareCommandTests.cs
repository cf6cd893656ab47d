using System.Text.Json;

namespace Nabla.Cli.Tests;

public class CompareCommandTests
{
    [Fact]
    public void Compare_Optimizers_TrainsEachAndWritesOneOverlayReport()
    {
        using var dir = new TempDir();
        string output = Path.Combine(dir.Path, "cmp");
        var r = CliRunner.Run("compare", "--dataset", "iris", "--optimizers", "sgd,adam", "--modes", "batch,minibatch", "--epochs", "3", "--json", "--out", output);
        Assert.True(r.ExitCode == 0, r.Stderr);
        var runs = JsonDocument.Parse(r.Stdout).RootElement.GetProperty("runs").EnumerateArray().ToArray();
        Assert.Equal(["sgd batch", "sgd minibatch", "adam batch", "adam minibatch"], runs.Select(x => x.GetProperty("label").GetString()));
        string report = File.ReadAllText(Path.Combine(output, "report.html"));
        foreach (var label in new[] { "sgd batch train", "adam minibatch validation" }) Assert.Contains(label, report);
        Assert.True(File.Exists(Path.Combine(output, "adam-minibatch", "model.safetensors")));
        // Settings that differ between runs are listed per run; shared ones once.
        Assert.Contains("<td>sgd batch: 0.1, sgd minibatch: 0.1, adam batch: 0.001, adam minibatch: 0.001</td>", report);
        Assert.Contains("<td>iris</td>", report);
    }
}
