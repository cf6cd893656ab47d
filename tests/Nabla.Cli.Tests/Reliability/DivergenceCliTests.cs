namespace Nabla.Cli.Tests.Reliability;

/// <summary>Issue #8, item 2, through the CLI: a diverging run ends with advice, not a model full of NaN.</summary>
public class DivergenceCliTests
{
    [Fact]
    public void Train_HugeLearningRate_ExitsWithLearningRateAdviceAndNoModel()
    {
        using var dir = new TempDir();
        string output = Path.Combine(dir.Path, "run");

        var r = CliRunner.Run("train", "--dataset", "diabetes", "--optimizer", "sgd", "--lr", "1e6", "--epochs", "5", "--quiet", "--out", output);

        Assert.True(r.ExitCode == 1, $"exit {r.ExitCode}\n{r.Stdout}\n{r.Stderr}");
        Assert.Contains("learning rate (1E+06) is probably too large", r.Stderr);
        Assert.Contains("e.g. 1E+05", r.Stderr);
        Assert.DoesNotContain("   at ", r.Stderr);
        Assert.False(File.Exists(Path.Combine(output, "model.safetensors")), "a diverged run must not write a final model");
    }
}
