using System.Globalization;
using System.Text;
using Nabla.NN.Data;
using Nabla.NN.Optim;
using Nabla.NN.Training;

namespace Nabla.NN.Tests.Data;

/// <summary>A Parquet file is read as the same data in a CSV file: same columns, same encoding, the same model bit for bit.</summary>
public sealed class ParquetTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("nabla-parquet-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>300 rows: a double, a float, a nullable int with gaps, a text column and a text label; as CSV text and as typed Parquet columns in 3 row groups.</summary>
    private (string Csv, string Parquet) SameData()
    {
        var rng = new Rng(5);
        int n = 300;
        var x = new double[n]; var f = new double[n]; var count = new string[n]; var color = new string[n]; var label = new string[n];
        var csv = new StringBuilder("x,f,count,color,label\n");
        for (int i = 0; i < n; i++)
        {
            x[i] = 10 * rng.NextGaussian() + 3;
            f[i] = (float)(rng.NextFloat() * 7);
            count[i] = i % 11 == 4 ? "" : rng.NextInt(40).ToString(CultureInfo.InvariantCulture);
            color[i] = (i % 3) switch { 0 => "red", 1 => "green", _ => "blue" };
            label[i] = x[i] + f[i] > 6 ? "high" : "low";
            csv.Append(CultureInfo.InvariantCulture, $"{x[i]:R},{f[i]:R},{count[i]},{color[i]},{label[i]}\n");
        }
        string csvPath = Path.Combine(_dir, "data.csv"), parquetPath = Path.Combine(_dir, "data.parquet");
        File.WriteAllText(csvPath, csv.ToString());
        using (var stream = File.Create(parquetPath))
        using (var w = new ParquetTableWriter(stream, [("x", true), ("f", true), ("count", false), ("color", false), ("label", false)]))
        {
            for (int g = 0; g < 3; g++)
            {
                var rows = Enumerable.Range(g * 100, 100).ToArray();
                w.WriteRowGroup([rows.Select(i => x[i]).ToArray(), rows.Select(i => f[i]).ToArray(), rows.Select(i => count[i]).ToArray(),
                    rows.Select(i => color[i]).ToArray(), rows.Select(i => label[i]).ToArray()]);
            }
        }
        return (csvPath, parquetPath);
    }

    [Fact]
    public void Parquet_SameDataAsCsv_SameEncodingAndSameModelBitForBit()
    {
        var (csvPath, parquetPath) = SameData();
        ICsvRows csv = CsvSource.FromFile(csvPath), parquet = ParquetSource.FromFile(parquetPath);
        Assert.Equal(csv.ColumnNames, parquet.ColumnNames);
        var options = new PreprocessorOptions { Target = "label", MissingValues = MissingValuePolicy.ImputeMean };
        var preCsv = Preprocessor.Fit(csv, options);
        var prePq = Preprocessor.Fit(parquet, options);
        Assert.Equal(preCsv.ToJson(), prePq.ToJson());
        var a = preCsv.Transform(csv);
        var b = prePq.Transform(parquet);
        Assert.Equal(a.Features, b.Features);
        Assert.Equal(a.Targets, b.Targets);
        Assert.Equal(Train(a), Train(b));
    }

    private static float[] Train(EncodedTable t)
    {
        var rng = new Rng(9);
        var model = new Sequential(new Dense(t.FeatureCount, 6, rng: rng), new Tanh(), new Dense(6, 2, rng: rng));
        var data = new TensorDataset(Tensor.FromArray(t.Features, t.RowCount, t.FeatureCount), Tensor.FromArray(t.Targets!, t.RowCount));
        var trainer = new Trainer(model, new CrossEntropyLoss(), new Adam(model.Parameters(), lr: 0.05f), new TrainerOptions { Seed = 3 });
        trainer.Fit(data, epochs: 3, GradientDescentMode.MiniBatch(32));
        return model.StateDict().Values.SelectMany(v => v.ToArray()).ToArray();
    }

    [Fact]
    public void Parquet_RowGroups_StreamedInOrderWithRowNumbers()
    {
        var (_, parquetPath) = SameData();
        var rows = ParquetSource.FromFile(parquetPath).EnumerateRows().ToList();
        Assert.Equal(300, rows.Count);
        Assert.Equal(Enumerable.Range(1, 300).Select(i => (long)i), rows.Select(r => r.Line));
        Assert.Equal("", rows[4].Fields[2]);   // a null is a missing value
        Assert.Equal("green", rows[100].Fields[3]);
    }

    [Fact]
    public void Parquet_BadValue_ErrorNamesRowAndColumn()
    {
        string path = Path.Combine(_dir, "bad.parquet");
        using (var stream = File.Create(path))
        using (var w = new ParquetTableWriter(stream, [("a", false), ("y", true)]))
            w.WriteRowGroup([new[] { "1", "2", "x3" }, new double[] { 0, 1, 0 }]);
        var source = ParquetSource.FromFile(path);
        var pre = Preprocessor.Fit(CsvTable.Parse("a,y\n1,0\n2,1\n"), new PreprocessorOptions { Target = "y" });
        var e = Assert.Throws<DataFormatException>(() => pre.Transform(source));
        Assert.Equal(3, e.Line);
        Assert.Equal("a", e.ColumnName);
    }

    [Fact]
    public void Parquet_NotParquet_ClearError()
    {
        string path = Path.Combine(_dir, "fake.parquet");
        File.WriteAllText(path, "a,b\n1,2\n");
        var e = Assert.Throws<DataFormatException>(() => ParquetSource.FromFile(path));
        Assert.Contains("not a readable Parquet file", e.Message);
    }
}
