using System.Text.Json;

namespace Nabla.Cli.Tests;

public class TrainCommandTests
{
    [Fact]
    public void Train_Defaults_DigitsReach95PercentAndWriteTheRunFolder()
    {
        using var dir = new TempDir();
        string output = Path.Combine(dir.Path, "run");
        var r = CliRunner.Run("train", "--json", "--out", output);
        Assert.True(r.ExitCode == 0, r.Stderr);
        using var summary = JsonDocument.Parse(r.Stdout);
        var root = summary.RootElement;
        Assert.Equal(["task", "epochs", "seconds", "output", "train", "validation", "test", "classes"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal("multiclass", root.GetProperty("task").GetString());
        Assert.Equal(["loss", "accuracy"], root.GetProperty("test").EnumerateObject().Select(p => p.Name));
        Assert.True(root.GetProperty("test").GetProperty("accuracy").GetDouble() >= 0.95, r.Stdout);
        foreach (var file in new[] { "model.safetensors", "model.json", "metrics.csv", "report.html" })
            Assert.True(File.Exists(Path.Combine(output, file)), file);
        string metrics = File.ReadAllText(Path.Combine(output, "metrics.csv"));
        Assert.StartsWith("epoch,lr,seconds,loss,", metrics);
        // No --epochs: until the validation loss stops improving (header + one line per epoch trained).
        int epochs = root.GetProperty("epochs").GetInt32();
        Assert.InRange(epochs, 21, 999);
        Assert.Equal(epochs + 1, metrics.Trim().Split('\n').Length);
    }

    [Fact]
    public void Train_BreastCancerCsvSample_Reaches95PercentOnHeldOutRows()
    {
        using var dir = new TempDir();
        string csv = Path.Combine(AppContext.BaseDirectory, "samples-data", "breast-cancer.csv");
        var r = CliRunner.Run("train", "--data", csv, "--target", "diagnosis", "--layers", "16", "--epochs", "40", "--json", "--out", Path.Combine(dir.Path, "run"));
        Assert.True(r.ExitCode == 0, r.Stderr);
        using var summary = JsonDocument.Parse(r.Stdout);
        Assert.Equal("binary", summary.RootElement.GetProperty("task").GetString());
        double accuracy = summary.RootElement.GetProperty("test").GetProperty("accuracy").GetDouble();
        Assert.True(accuracy >= 0.95, r.Stdout);
    }

    [Fact]
    public void Train_CsvRegression_JsonSummaryHasR2RmseMae_AndTestIsValidation()
    {
        using var dir = new TempDir();
        string data = dir.File("people.csv", TinyData.People(120));
        var r = CliRunner.Run("train", "--data", data, "--target", "bmi", "--features", "height,weight", "--epochs", "40", "--lr", "0.01",
            "--json", "--out", Path.Combine(dir.Path, "run"));
        Assert.True(r.ExitCode == 0, r.Stderr);
        var root = JsonDocument.Parse(r.Stdout).RootElement;
        Assert.Equal("regression", root.GetProperty("task").GetString());
        Assert.Equal(["loss", "r2", "rmse", "mae"], root.GetProperty("test").EnumerateObject().Select(p => p.Name));
        Assert.Equal(root.GetProperty("validation").GetRawText(), root.GetProperty("test").GetRawText());
        Assert.True(root.GetProperty("test").GetProperty("r2").GetDouble() > 0.8, r.Stdout);
    }

    [Fact]
    public void Train_ConfigFile_SetsOptions_FlagsWin()
    {
        using var dir = new TempDir();
        string config = dir.File("run.yaml", "layers: [16]\nepochs: 9\noptimizer: sgd\nlr: 0.05\ndataset: iris\n");
        var r = CliRunner.Run("train", "--config", config, "--epochs", "3", "--json", "--out", Path.Combine(dir.Path, "run"));
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Equal(3, JsonDocument.Parse(r.Stdout).RootElement.GetProperty("epochs").GetInt32());
        string card = File.ReadAllText(Path.Combine(dir.Path, "run", "model.json"));
        Assert.Contains("\"optimizer\": \"sgd\"", card);
        Assert.Contains("\"data\": \"iris\"", card);
    }

    [Fact]
    public void Train_TextOutput_PrintsOneLinePerEpochAndTheSummary()
    {
        using var dir = new TempDir();
        var r = CliRunner.Run("train", "--dataset", "xor", "--layers", "8", "--epochs", "2", "--out", Path.Combine(dir.Path, "run"));
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Contains("epoch 1/2", r.Stdout);
        Assert.Contains("epoch 2/2", r.Stdout);
        Assert.Contains("Model, metrics and report written to", r.Stdout);
    }

    [Fact]
    public void Train_EveryLibraryDataset_IsAValidDatasetChoice()
    {
        // The choices are the library's list, not a copy: bmi (a regression table) trains from the CLI too.
        Assert.Equal(Nabla.NN.Models.TrainingData.Datasets, Nabla.Cli.Options.Choices.Datasets);
        using var dir = new TempDir();
        var r = CliRunner.Run("train", "--dataset", "bmi", "--layers", "4", "--epochs", "1", "--json", "--out", Path.Combine(dir.Path, "run"));
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Equal("regression", JsonDocument.Parse(r.Stdout).RootElement.GetProperty("task").GetString());
    }

    [Fact]
    public void Train_CtrlC_SavesCheckpointAndResumeFinishesTheRun()
    {
        using var dir = new TempDir();
        string output = Path.Combine(dir.Path, "run");
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        // A token cancelled before the start acts as Ctrl-C during the first epoch.
        int code = CliApp.Run(["train", "--dataset", "iris", "--epochs", "5", "--out", output], stdout, stderr, new CancellationToken(canceled: true));
        Assert.Equal(130, code);
        string checkpoint = Path.Combine(output, "checkpoint.safetensors");
        Assert.True(File.Exists(checkpoint), stderr.ToString());
        Assert.Contains("Resume with: nabla train --config", stderr.ToString());

        var resumed = CliRunner.Run("train", "--config", Path.Combine(output, "config.json"), "--resume", checkpoint, "--json");
        Assert.True(resumed.ExitCode == 0, resumed.Stderr);
        Assert.Equal(5, JsonDocument.Parse(resumed.Stdout).RootElement.GetProperty("epochs").GetInt32());

        // The interrupted-and-resumed run ends with the same weights, bit for bit, as an uninterrupted one.
        string straight = Path.Combine(dir.Path, "straight");
        var uninterrupted = CliRunner.Run("train", "--dataset", "iris", "--epochs", "5", "--quiet", "--out", straight);
        Assert.True(uninterrupted.ExitCode == 0, uninterrupted.Stderr);
        Assert.Equal(File.ReadAllBytes(Path.Combine(straight, "model.safetensors")), File.ReadAllBytes(Path.Combine(output, "model.safetensors")));
    }

    [Theory]
    [InlineData("--dropout", "0.2")]
    [InlineData("--init", "he-normal")]
    [InlineData("--init", "zeros")]
    [InlineData("--activation", "leaky-relu")]
    [InlineData("--activation", "step")]
    [InlineData("--loss", "cross-entropy")]
    [InlineData("--optimizer", "rmsprop")]
    [InlineData("--optimizer", "adagrad")]
    [InlineData("--optimizer", "adamw")]
    [InlineData("--mode", "batch")]
    [InlineData("--mode", "sgd")]
    [InlineData("--l1", "0.001")]
    [InlineData("--l2", "0.001")]
    [InlineData("--clip-norm", "1")]
    [InlineData("--schedule", "step")]
    [InlineData("--schedule", "exponential")]
    [InlineData("--schedule", "cosine")]
    [InlineData("--schedule", "warmup")]
    [InlineData("--schedule", "plateau")]
    [InlineData("--schedule", "one-cycle")]
    [InlineData("--early-stopping", "1")]
    [InlineData("--validation-split", "0")]
    [InlineData("--threads", "1")]
    [InlineData("--layers", "")]
    [InlineData("--task", "multiclass")]
    public void Train_EachOption_IsAcceptedAndTrains(string option, string value)
    {
        using var dir = new TempDir();
        var r = CliRunner.Run("train", "--dataset", "iris", "--epochs", "3", option, value, "--json", "--out", Path.Combine(dir.Path, "run"));
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Contains("\"accuracy\"", r.Stdout);
    }

    [Fact]
    public void Train_BinaryTarget_UsesOneLogitAndReportsAccuracy()
    {
        using var dir = new TempDir();
        var r = CliRunner.Run("train", "--dataset", "breast-cancer", "--epochs", "5", "--json", "--out", Path.Combine(dir.Path, "run"));
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Equal("binary", JsonDocument.Parse(r.Stdout).RootElement.GetProperty("task").GetString());
        Assert.Contains("\"outputs\": 1", File.ReadAllText(Path.Combine(dir.Path, "run", "model.json")));
    }

    [Fact]
    public void Train_MissingTargetColumn_ListsTheColumns()
    {
        using var dir = new TempDir();
        string data = dir.File("people.csv", TinyData.People(10));
        var r = CliRunner.Run("train", "--data", data, "--target", "weigth");
        Assert.Equal(1, r.ExitCode);
        Assert.Contains($"Column 'weigth' is not in '{data}'. Columns: height, weight, pet, bmi, class.", r.Stderr);
        Assert.DoesNotContain("   at ", r.Stderr);
    }

    [Fact]
    public void Train_MissingFile_SaysSo()
    {
        var r = CliRunner.Run("train", "--data", "/nonexistent/people.csv", "--target", "bmi");
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("Data file '/nonexistent/people.csv' does not exist.", r.Stderr);
    }

    [Fact]
    public void Train_WrongLossForTask_ListsTheLossesThatFit()
    {
        var r = CliRunner.Run("train", "--dataset", "iris", "--loss", "mse");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("--loss mse does not fit a multiclass target with 3 classes. Losses for this task: cross-entropy", r.Stderr);
    }
}
