using System.Text.Json;

namespace Nabla.Cli.Tests;

/// <summary>evaluate, predict and inspect on one model trained once for the class.</summary>
public sealed class ModelCommandTests : IDisposable
{
    private readonly TempDir _dir = new();
    private readonly string _model;
    private readonly string _data;

    public ModelCommandTests()
    {
        _data = _dir.File("people.csv", TinyData.People(150));
        _model = Path.Combine(_dir.Path, "model");
        var r = CliRunner.Run("train", "--data", _data, "--target", "class", "--features", "height,weight,pet", "--epochs", "30", "--quiet", "--out", _model);
        Assert.True(r.ExitCode == 0, r.Stderr);
    }

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Predict_Classification_WritesInputsLabelAndOneProbabilityPerClass()
    {
        string rows = _dir.File("new.csv", "height,weight,pet\n180,60,dog\n160,100,cat\n");
        var r = CliRunner.Run("predict", _model, "--data", rows);
        Assert.True(r.ExitCode == 0, r.Stderr);
        var lines = r.Stdout.Trim().Split('\n');
        Assert.Equal("height,weight,pet,prediction,p_normal,p_obese,p_over", lines[0]);
        Assert.Equal(3, lines.Length);
        Assert.StartsWith("180,60,dog,normal,", lines[1]);   // BMI 18.5
        Assert.StartsWith("160,100,cat,obese,", lines[2]);   // BMI 39.1
        double sum = lines[1].Split(',')[4..].Sum(v => double.Parse(v, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(1.0, sum, 3);
    }

    [Fact]
    public void Predict_TargetColumnPresent_IsIgnored_AndOutFileIsWritten()
    {
        string output = Path.Combine(_dir.Path, "preds.csv");
        var r = CliRunner.Run("predict", Path.Combine(_model, "model.json"), "--data", _data, "--out", output);
        Assert.True(r.ExitCode == 0, r.Stderr);
        var lines = File.ReadAllLines(output);
        Assert.Equal(151, lines.Length);
        Assert.StartsWith("height,weight,pet,bmi,class,prediction,p_normal", lines[0]);
    }

    [Fact]
    public void Predict_NonNumericValue_NamesFileLineColumnAndValue()
    {
        string rows = _dir.File("bad.csv", "height,weight,pet\n180,sixty,dog\n");
        var r = CliRunner.Run("predict", _model, "--data", rows);
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("line 2, column 2 (\"weight\"): value \"sixty\"", r.Stderr);
        Assert.Contains("bad.csv", r.Stderr);
    }

    [Fact]
    public void Evaluate_Json_GivesLossAndAccuracy()
    {
        var r = CliRunner.Run("evaluate", _model, "--data", _data, "--json");
        Assert.True(r.ExitCode == 0, r.Stderr);
        var root = JsonDocument.Parse(r.Stdout).RootElement;
        Assert.Equal(150, root.GetProperty("rows").GetInt32());
        Assert.InRange(root.GetProperty("accuracy").GetDouble(), 0.7, 1.0);
    }

    [Fact]
    public void Evaluate_NoData_ReproducesTheHeldOutMetricsOfTraining()
    {
        var r = CliRunner.Run("evaluate", _model, "--json");
        Assert.True(r.ExitCode == 0, r.Stderr);
        var evaluated = JsonDocument.Parse(r.Stdout).RootElement;
        var card = JsonDocument.Parse(File.ReadAllText(Path.Combine(_model, "model.json"))).RootElement;
        var test = card.GetProperty("metrics").GetProperty("test");
        Assert.Equal(30, evaluated.GetProperty("rows").GetInt32()); // 20% of 150
        Assert.Equal(test.GetProperty("accuracy").GetDouble(), evaluated.GetProperty("accuracy").GetDouble(), 6);
        Assert.Equal(test.GetProperty("loss").GetDouble(), evaluated.GetProperty("loss").GetDouble(), 5);
    }

    [Fact]
    public void Evaluate_DataWithoutTarget_PointsToPredict()
    {
        string rows = _dir.File("new.csv", "height,weight,pet\n180,60,dog\n");
        var r = CliRunner.Run("evaluate", _model, "--data", rows);
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("has no target column 'class'", r.Stderr);
    }

    [Fact]
    public void Inspect_ShowsArchitectureAndParameterCount()
    {
        var r = CliRunner.Run("inspect", _model);
        Assert.True(r.ExitCode == 0, r.Stderr);
        // 5 inputs (height, weight, 3 pets one-hot) -> 64 -> 3: 5*64+64 + 64*3+3 = 579 parameters.
        Assert.Contains("5-64-3 MLP", r.Stdout);
        Assert.Contains("579", r.Stdout);
        Assert.Contains("Dense(64 -> 3)", r.Stdout);
    }

    [Fact]
    public void Inspect_MissingModel_ExplainsWhatMODELIs()
    {
        var r = CliRunner.Run("inspect", Path.Combine(_dir.Path, "nothing"));
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("Give the output folder of 'nabla train'", r.Stderr);
    }

    [Fact]
    public void Verbose_ShowsTheStackTrace()
    {
        var r = CliRunner.Run("inspect", Path.Combine(_dir.Path, "nothing"), "--verbose");
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("   at ", r.Stderr);
    }
}
