using System.Text.Json;

namespace Nabla.Cli.Tests;

/// <summary>Issue 14 through the CLI: open-ended defaults, class weights and per-class metrics, tune, the live report.</summary>
public class Issue14CommandTests
{
    [Fact]
    public void Train_WithoutEpochs_StopsEarly_AndRecordsTheChosenLayersAndPatience()
    {
        using var dir = new TempDir();
        string output = Path.Combine(dir.Path, "run");
        var r = CliRunner.Run("train", "--dataset", "iris", "--json", "--out", output);
        Assert.True(r.ExitCode == 0, r.Stderr);
        int epochs = JsonDocument.Parse(r.Stdout).RootElement.GetProperty("epochs").GetInt32();
        Assert.InRange(epochs, 21, 999);   // at least the patience, and well short of the cap
        using var config = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "config.json")));
        Assert.Equal("64", config.RootElement.GetProperty("layers").GetString());
        Assert.Equal("20", config.RootElement.GetProperty("early-stopping").GetString());
        Assert.Equal("1000", config.RootElement.GetProperty("epochs").GetString());
    }

    [Fact]
    public void Train_ExplicitEpochs_MeanExactlyThat()
    {
        using var dir = new TempDir();
        var r = CliRunner.Run("train", "--dataset", "iris", "--epochs", "3", "--json", "--out", Path.Combine(dir.Path, "run"));
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Equal(3, JsonDocument.Parse(r.Stdout).RootElement.GetProperty("epochs").GetInt32());
    }

    [Fact]
    public void Train_ClassWeight_PrintsPerClassMetrics_InTextAndJson()
    {
        using var dir = new TempDir();
        string data = dir.File("people.csv", TinyData.People(90));
        var json = CliRunner.Run("train", "--data", data, "--target", "class", "--features", "height,weight", "--epochs", "5",
            "--class-weight", "balanced", "--json", "--out", Path.Combine(dir.Path, "json"));
        Assert.True(json.ExitCode == 0, json.Stderr);
        var classes = JsonDocument.Parse(json.Stdout).RootElement.GetProperty("classes");
        Assert.Equal(["class", "precision", "recall", "f1", "support"], classes[0].EnumerateObject().Select(p => p.Name));
        long support = classes.EnumerateArray().Sum(c => c.GetProperty("support").GetInt64());
        Assert.True(support > 0);

        var text = CliRunner.Run("train", "--data", data, "--target", "class", "--features", "height,weight", "--epochs", "5",
            "--class-weight", "balanced", "--out", Path.Combine(dir.Path, "text"));
        Assert.Contains("per class (test):", text.Stdout);
        Assert.Contains("precision  recall  f1      support", text.Stdout);
        Assert.Contains("class-weight", File.ReadAllText(Path.Combine(dir.Path, "text", "config.json")));

        var evaluate = CliRunner.Run("evaluate", Path.Combine(dir.Path, "text"), "--data", data, "--json");
        Assert.True(evaluate.ExitCode == 0, evaluate.Stderr);
        Assert.Equal(90, JsonDocument.Parse(evaluate.Stdout).RootElement.GetProperty("classes").EnumerateArray().Sum(c => c.GetProperty("support").GetInt64()));
    }

    [Fact]
    public void Train_ClassWeight_UnknownClassOrRegression_IsAOneLineError()
    {
        using var dir = new TempDir();
        string data = dir.File("people.csv", TinyData.People(30));
        var unknown = CliRunner.Run("train", "--data", data, "--target", "class", "--epochs", "1", "--class-weight", "giraffe=2", "--out", Path.Combine(dir.Path, "a"));
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("--class-weight: Class weight for 'giraffe': no such class; the classes are", unknown.Stderr);
        var regression = CliRunner.Run("train", "--data", data, "--target", "bmi", "--epochs", "1", "--class-weight", "balanced", "--out", Path.Combine(dir.Path, "b"));
        Assert.Contains("--class-weight applies to classification", regression.Stderr);
    }

    [Fact]
    public void Tune_WritesLeaderboardReportAndABestModelThatPredictLoads()
    {
        using var dir = new TempDir();
        string data = dir.File("people.csv", TinyData.People(60));
        string output = Path.Combine(dir.Path, "tune");
        var r = CliRunner.Run("tune", "--data", data, "--target", "class", "--features", "height,weight", "--trials", "3",
            "--widths", "4,8", "--depths", "1", "--lrs", "0.01,0.05", "--batch-sizes", "16", "--weight-decays", "1e-05", "--folds", "2",
            "--early-stopping", "3", "--seed", "5", "--out", output);
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Contains("--weight-decay 1e-05 --batch-size 16", r.Stdout);   // the best trial's flags, ready to paste
        string[] board = File.ReadAllLines(Path.Combine(output, "leaderboard.csv"));
        Assert.Equal(4, board.Length);
        Assert.StartsWith("rank,trial,width,depth,lr,weight_decay,batch_size,accuracy,", board[0]);
        Assert.Contains("id=\"leaderboard\"", File.ReadAllText(Path.Combine(output, "report.html")));
        var predict = CliRunner.Run("predict", Path.Combine(output, "best"), "--data", data);
        Assert.True(predict.ExitCode == 0, predict.Stderr);

        // Same seed, same leaderboard.
        var again = CliRunner.Run("tune", "--data", data, "--target", "class", "--features", "height,weight", "--trials", "3",
            "--widths", "4,8", "--depths", "1", "--lrs", "0.01,0.05", "--batch-sizes", "16", "--weight-decays", "1e-05", "--folds", "2",
            "--early-stopping", "3", "--seed", "5", "--out", Path.Combine(dir.Path, "again"));
        Assert.True(again.ExitCode == 0, again.Stderr);
        Assert.Equal(board, File.ReadAllLines(Path.Combine(dir.Path, "again", "leaderboard.csv")));
    }

    [Fact]
    public void Train_NotATerminal_PrintsPlainEpochLines_AndTheReportExists()
    {
        using var dir = new TempDir();
        string output = Path.Combine(dir.Path, "run");
        var r = CliRunner.Run("train", "--dataset", "iris", "--epochs", "2", "--out", output);
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.DoesNotContain("\u001b[", r.Stdout);   // no ANSI escapes when the output is captured
        Assert.Contains("epoch", r.Stdout, StringComparison.OrdinalIgnoreCase);
        Assert.True(File.Exists(Path.Combine(output, "report.html")));
    }
}

public class LiveReportTests
{
    [Fact]
    public void LiveReport_RewritesTheReportWhileTrainingRuns()
    {
        using var dir = new TempDir();
        string path = Path.Combine(dir.Path, "report.html");
        var options = new Nabla.Cli.Options.TrainOptions { Dataset = "iris", Layers = [8], Epochs = 2 };
        var data = Nabla.NN.Models.TrainingData.Load(options.DataOptions);
        var spec = new Nabla.NN.Models.ModelSpec(data.FeatureNames.Count, [8], 3, "relu", 0f, "default");
        var model = spec.Build(new Nabla.Rng(1));
        var trainer = new Nabla.NN.Training.Trainer(model, new Nabla.NN.CrossEntropyLoss(), new Nabla.NN.Optim.Adam(model.Parameters()));
        // Nothing else writes the report here: only the callback, after the first epoch.
        trainer.Fit(data.Split.Train, 2, validation: data.Split.Validation,
            callbacks: [new Nabla.Cli.Execution.LiveReport(path, options, "cross-entropy", data, model, spec)]);
        string html = File.ReadAllText(path);
        Assert.Contains("epochs so far", html);
        Assert.Contains("id=\"charts\"", html);
    }
}
