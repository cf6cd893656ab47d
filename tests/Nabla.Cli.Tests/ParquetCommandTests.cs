using Nabla.NN.Data;

namespace Nabla.Cli.Tests;

/// <summary>train, evaluate and predict read Parquet like CSV; predict writes Parquet when --out ends in .parquet; export writes ONNX.</summary>
public sealed class ParquetCommandTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Parquet_TrainEvaluatePredict_SameModelAsCsvAndParquetPredictions()
    {
        string csv = _dir.File("people.csv", TinyData.People(120));
        // The same table as Parquet: predict's Parquet output holds the input columns as read (plus predictions).
        string model = Path.Combine(_dir.Path, "model");
        string[] train = ["--target", "class", "--features", "height,weight,pet", "--epochs", "5", "--seed", "3", "--quiet"];
        Assert.Equal(0, CliRunner.Run(["train", "--data", csv, .. train, "--out", model]).ExitCode);
        string parquet = Path.Combine(_dir.Path, "people.parquet");
        var p = CliRunner.Run("predict", model, "--data", csv, "--out", parquet);
        Assert.True(p.ExitCode == 0, p.Stderr);
        var rows = ParquetSource.FromFile(parquet).EnumerateRows().ToList();
        Assert.Equal(120, rows.Count);
        Assert.Equal(["height", "weight", "pet", "bmi", "class", "prediction", "p_normal", "p_obese", "p_over"], ParquetSource.FromFile(parquet).ColumnNames);

        string fromParquet = Path.Combine(_dir.Path, "model-pq");
        var t = CliRunner.Run(["train", "--data", parquet, .. train, "--out", fromParquet]);
        Assert.True(t.ExitCode == 0, t.Stderr);
        Assert.Equal(File.ReadAllBytes(Path.Combine(model, "model.safetensors")), File.ReadAllBytes(Path.Combine(fromParquet, "model.safetensors")));
        Assert.Equal(0, CliRunner.Run("evaluate", fromParquet, "--data", parquet).ExitCode);

        var e = CliRunner.Run("export", fromParquet, "--format", "onnx", "--out", Path.Combine(_dir.Path, "model.onnx"));
        Assert.True(e.ExitCode == 0, e.Stderr);
        Assert.Contains("inputs height [N, 1], weight [N, 1], pet [N, 1]; outputs probabilities [N, 3], label [N], class [N]", e.Stderr);
    }
}
