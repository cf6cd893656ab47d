using System.Text.Json;
using Nabla.NN.Data;
using Nabla.NN.Models;
using Nabla.NN.Training;

namespace Nabla.Cli.Tests;

/// <summary>
/// <c>nabla evaluate --json</c> prints the library's <see cref="EvaluationSummary"/> of <see cref="ModelPackage.Evaluate"/>:
/// the keys in their order (model, data, rows, the metrics, classes) and the library's numbers.
/// </summary>
public class EvaluateJsonTests
{
    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "fixtures", "models", name);

    [Fact]
    public void EvaluateJson_FixtureModel_KeysInOrderAndTheLibrarysNumbers()
    {
        string model = Fixture("cancer-binary"), rows = Fixture("cancer-rows.csv");
        var r = CliRunner.Run("evaluate", model, "--data", rows, "--json");
        Assert.True(r.ExitCode == 0, r.Stderr);
        var root = JsonDocument.Parse(r.Stdout).RootElement;
        Assert.Equal(["model", "data", "rows", "loss", "accuracy"], root.EnumerateObject().Select(p => p.Name).Take(5));
        Assert.Equal("classes", root.EnumerateObject().Last().Name);

        var package = ModelPackage.Load(model);
        var encoded = new Predictor(package).Encode(CsvSource.FromFile(rows));
        var evaluation = package.Evaluate(new TensorDataset(Tensor.FromArray(encoded.Features, encoded.RowCount, package.Card.Spec.Inputs),
            Tensor.FromArray(encoded.Targets!, encoded.RowCount)));
        string expected = EvaluationSummary.Of(model, rows, encoded.RowCount, evaluation, package.Card.ClassNames).ToJson();
        Assert.Equal(expected + Environment.NewLine, r.Stdout);
    }
}
