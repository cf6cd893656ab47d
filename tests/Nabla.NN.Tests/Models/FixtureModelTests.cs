using System.Globalization;
using Nabla.NN.Data;
using Nabla.NN.Models;

namespace Nabla.NN.Tests.Models;

/// <summary>
/// Backward compatibility: tests/fixtures/models holds model folders written by the CLI before the model package moved
/// into the library (no weights hash in their cards), with the predictions that CLI printed for them. The library must
/// load them and predict the same: class labels and six-decimal probabilities digit for digit; regression values to
/// float rounding (the fused path's tanh and the graph's may differ in the last bit).
/// </summary>
public class FixtureModelTests
{
    internal static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "fixtures", "models", name);

    [Theory]
    [InlineData("people-multiclass")]
    [InlineData("cancer-binary")]
    [InlineData("people-regression")]
    public void ToJsonBytes_CardWrittenByTheOldCli_WritesTheSameBytes(string model)
    {
        string path = Path.Combine(Fixture(model), "model.json");
        Assert.Equal(File.ReadAllText(path), System.Text.Encoding.UTF8.GetString(ModelCard.Load(path).ToJsonBytes()));
    }

    [Theory]
    [InlineData("people-multiclass", "new-people.csv")]
    [InlineData("cancer-binary", "cancer-rows.csv")]
    [InlineData("people-regression", "new-people.csv")]
    public void Load_FolderWrittenByTheOldCli_PredictsWhatItPrinted(string model, string rows)
    {
        var predictor = Predictor.Load(Fixture(model));
        Assert.Null(predictor.Card.WeightsSha256);
        var predictions = predictor.Predict(CsvSource.FromFile(Fixture(rows)));
        var expected = CsvTable.Load(Path.Combine(Fixture(model), "expected-predictions.csv"));
        var header = expected.ColumnNames;
        int at = header.ToList().IndexOf("prediction");
        var table = expected.EnumerateRows().ToList();
        Assert.Equal(table.Count, predictions.Count);
        for (int i = 0; i < table.Count; i++)
        {
            var fields = table[i].Fields;
            var p = predictions[i];
            if (predictor.ClassNames is null)
            {
                float want = float.Parse(fields[at], CultureInfo.InvariantCulture);
                Assert.True(Math.Abs(p.Value - want) <= 1e-6f * Math.Max(1f, Math.Abs(want)), $"row {i}: {p.Value} vs {want}");
                continue;
            }
            Assert.Equal(fields[at], p.Label);
            for (int c = 0; c < p.Probabilities.Count; c++)
                Assert.Equal(fields[at + 1 + c], p.Probabilities[c].ToString("0.######", CultureInfo.InvariantCulture));
        }
    }

    [Fact]
    public void Predict_DictionaryAndTypedRecord_EqualTheCsvRow()
    {
        var predictor = Predictor.Load(Fixture("people-multiclass"));
        Assert.True(predictor.IsFused);
        var fromCsv = predictor.Predict(CsvSource.FromFile(Fixture("new-people.csv")))[1];
        var fromDictionary = predictor.Predict(new Dictionary<string, object?> { ["height_cm"] = 165, ["weight_kg"] = 90.0, ["pet"] = "cat" });
        var fromRecord = predictor.PredictRecord(new Person(165, 90f, "cat"));
        Assert.Equal("obese", fromCsv.Label);
        Assert.Equal(fromCsv.Label, fromDictionary.Label);
        // One row alone runs matrix-vector products, a batch runs a GEMM: equal to float rounding, not bit for bit.
        Assert.Equal(fromCsv.Probabilities, fromDictionary.Probabilities, (a, b) => Math.Abs(a - b) < 1e-6);
        Assert.Equal(fromDictionary.Probabilities, fromRecord.Probabilities);
        Assert.Equal(["height_cm", "weight_kg", "pet"], predictor.Inputs);
    }

    [Fact]
    public void Predict_RowWithoutAColumn_NamesTheColumn()
    {
        var predictor = Predictor.Load(Fixture("people-multiclass"));
        var e = Assert.Throws<DataFormatException>(() => predictor.Predict(new Dictionary<string, object?> { ["height_cm"] = 165, ["pet"] = "cat" }));
        Assert.Contains("\"weight_kg\"", e.Message);
    }

    private sealed record Person(int height_cm, float weight_kg, string pet);
}
