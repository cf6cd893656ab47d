using System.Globalization;
using Nabla.NN.Data;
using Nabla.NN.Models;

namespace Nabla.Cli.Tests;

/// <summary>
/// Issue #11 item 1: a model trained by the CLI is a library object. <see cref="Predictor"/> loads a folder written by
/// <c>nabla train</c> in one call, and its predictions equal what <c>nabla predict</c> prints, to the last digit.
/// </summary>
public class PredictorCliTests
{
    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "fixtures", "models", name);

    [Theory]
    [InlineData("people-multiclass", "new-people.csv")]
    [InlineData("cancer-binary", "cancer-rows.csv")]
    [InlineData("people-regression", "new-people.csv")]
    public void Predictor_EqualsNablaPredict_ToTheLastPrintedDigit(string model, string rows)
    {
        var cli = CliRunner.Run("predict", Fixture(model), "--data", Fixture(rows));
        Assert.True(cli.ExitCode == 0, cli.Stderr);
        var printed = CsvTable.Parse(cli.Stdout, new CsvOptions { Delimiter = ',', HasHeader = true }, "stdout");
        int at = printed.ColumnNames.ToList().IndexOf("prediction");

        var predictions = Predictor.Load(Fixture(model)).Predict(CsvSource.FromFile(Fixture(rows)));

        var lines = printed.EnumerateRows().ToList();
        Assert.Equal(lines.Count, predictions.Count);
        for (int i = 0; i < lines.Count; i++)
        {
            var p = predictions[i];
            string[] mine = p.Label is null
                ? [p.Value.ToString("R", CultureInfo.InvariantCulture)]
                : [p.Label, .. p.Probabilities.Select(q => q.ToString("0.######", CultureInfo.InvariantCulture))];
            Assert.Equal(lines[i].Fields[at..], mine);
        }
    }

    [Fact]
    public void Predictor_LoadsAFolderTheCliJustTrained()
    {
        using var dir = new TempDir();
        string data = dir.File("people.csv", TinyData.People(60));
        string model = Path.Combine(dir.Path, "model");
        var trained = CliRunner.Run("train", "--data", data, "--target", "class", "--layers", "4", "--epochs", "2", "--quiet", "--out", model);
        Assert.True(trained.ExitCode == 0, trained.Stderr);

        var predictor = Predictor.Load(model);
        var p = predictor.Predict(new Dictionary<string, object?> { ["height"] = 170, ["weight"] = 70, ["pet"] = "cat", ["bmi"] = 24.2 });

        Assert.NotNull(predictor.Card.WeightsSha256);
        Assert.Contains(p.Label, predictor.ClassNames!);
        Assert.Equal(1.0, p.Probabilities.Sum(), 6);
    }
}
