using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Nabla.Cli.Tests;

/// <summary>Issue 14's data flags through the CLI: target scaling, imputation, unknown categories, encodings, number formats.</summary>
public class DataFlagsTests
{
    /// <summary>price = 5000 + 1000 x1 - 500 x2 + noise: a target in the thousands.</summary>
    private static string Prices(int rows)
    {
        var random = new Random(3);
        var csv = new StringBuilder("x1,x2,price\n");
        for (int i = 0; i < rows; i++)
        {
            double a = random.NextDouble() * 2 - 1, b = random.NextDouble() * 2 - 1;
            csv.Append(string.Create(CultureInfo.InvariantCulture, $"{a:F3},{b:F3},{5000 + 1000 * a - 500 * b + 20 * random.NextDouble():F1}\n"));
        }
        return csv.ToString();
    }

    [Fact]
    public void Train_RegressionTarget_IsStandardised_AndPredictEvaluateSpeakItsUnits()
    {
        using var dir = new TempDir();
        string data = dir.File("prices.csv", Prices(80));
        string run = Path.Combine(dir.Path, "run");
        var r = CliRunner.Run("train", "--data", data, "--target", "price", "--layers", "8", "--epochs", "40", "--lr", "0.01", "--quiet", "--out", run);
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Contains("\"scale\"", File.ReadAllText(Path.Combine(run, "model.json")));

        var p = CliRunner.Run("predict", run, "--data", data);
        Assert.True(p.ExitCode == 0, p.Stderr);
        var rows = p.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(l => l.Split(',')).Select(f => (actual: double.Parse(f[2], CultureInfo.InvariantCulture), predicted: double.Parse(f[3], CultureInfo.InvariantCulture))).ToArray();
        double rmse = Math.Sqrt(rows.Average(x => (x.actual - x.predicted) * (x.actual - x.predicted)));
        Assert.InRange(rows.Average(x => x.predicted), 4500, 5500);

        // evaluate's RMSE is the one computed from predict's values: both in price units.
        var e = CliRunner.Run("evaluate", run, "--data", data, "--json");
        Assert.True(e.ExitCode == 0, e.Stderr);
        double reported = JsonDocument.Parse(e.Stdout).RootElement.GetProperty("rmse").GetDouble();
        Assert.Equal(rmse, reported, rmse * 1e-3);
        Assert.True(reported < 300, e.Stdout);

        string raw = Path.Combine(dir.Path, "raw");
        r = CliRunner.Run("train", "--data", data, "--target", "price", "--layers", "8", "--epochs", "2", "--quiet", "--no-target-scaling", "--out", raw);
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.DoesNotContain("\"scale\"", File.ReadAllText(Path.Combine(raw, "model.json")));
    }

    /// <summary>Rows with gaps, a date column and a pet; y is a class.</summary>
    private static string Gappy(int rows)
    {
        var random = new Random(5);
        string[] pets = ["cat", "dog", "bird"];
        var csv = new StringBuilder("x,pet,when,id,y\n");
        for (int i = 0; i < rows; i++)
        {
            double x = random.NextDouble() * 10;
            string xs = i % 7 == 3 ? "" : x.ToString("F2", CultureInfo.InvariantCulture);
            string pet = i % 5 == 1 ? "NA" : pets[random.Next(3)];
            var day = new DateTime(2024, 1, 1).AddDays(random.Next(365));
            csv.Append(CultureInfo.InvariantCulture, $"{xs},{pet},{day:yyyy-MM-dd},{i},{(x > 5 ? "high" : "low")}\n");
        }
        return csv.ToString();
    }

    [Fact]
    public void Train_ImputeDropDatesUnknownCategories_AreStoredAndAppliedAtPredict()
    {
        using var dir = new TempDir();
        string data = dir.File("gappy.csv", Gappy(60));
        string run = Path.Combine(dir.Path, "run");

        var refused = CliRunner.Run("train", "--data", data, "--target", "y", "--epochs", "1", "--quiet", "--out", run);
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("--impute", refused.Stderr);

        var r = CliRunner.Run("train", "--data", data, "--target", "y", "--impute", "median,pet=constant:none", "--drop", "id",
            "--unknown-categories", "ignore", "--layers", "4", "--epochs", "2", "--quiet", "--out", run);
        Assert.True(r.ExitCode == 0, r.Stderr);
        string card = File.ReadAllText(Path.Combine(run, "model.json"));
        Assert.Contains("\"when.weekday\"", card);
        Assert.Contains("\"pet=none\"", card);
        // config.json keeps the data flags, so a resumed or repeated run reads the data the same way.
        string config = File.ReadAllText(Path.Combine(run, "config.json"));
        Assert.Contains("\"impute\": \"median,pet=constant:none\"", config);
        Assert.Contains("\"unknown-categories\": \"ignore\"", config);
        var again = CliRunner.Run("train", "--config", Path.Combine(run, "config.json"), "--epochs", "1", "--quiet", "--out", run + "-again");
        Assert.True(again.ExitCode == 0, again.Stderr);
        Assert.DoesNotContain("\"name\": \"id\"", card);                   // dropped: not a feature
        Assert.Contains("\"name\": \"x\"", card);

        // At prediction: a missing x and pet are filled, an unseen pet (fish) is all zeros, the date is expanded.
        string rows = dir.File("new.csv", "x,pet,when,id\n,fish,2024-07-01,1\n7.5,,2024-02-29,2\n");
        var p = CliRunner.Run("predict", run, "--data", rows);
        Assert.True(p.ExitCode == 0, p.Stderr);
        Assert.Equal(3, p.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);

        // A model trained to refuse unseen categories is refused with a flag that exists, and predict can override it.
        string strict = Path.Combine(dir.Path, "strict");
        Assert.Equal(0, CliRunner.Run("train", "--data", data, "--target", "y", "--impute", "most-frequent", "--dates", "drop", "--epochs", "1", "--quiet", "--out", strict).ExitCode);
        var unseen = CliRunner.Run("predict", strict, "--data", rows);
        Assert.Equal(1, unseen.ExitCode);
        Assert.Contains("--unknown-categories ignore", unseen.Stderr);
        Assert.Equal(0, CliRunner.Run("predict", strict, "--data", rows, "--unknown-categories", "ignore").ExitCode);
        Assert.DoesNotContain("when.year", File.ReadAllText(Path.Combine(strict, "model.json")));

        var bad = CliRunner.Run("train", "--data", data, "--target", "y", "--impute", "avg", "--out", run);
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("--impute", bad.Stderr);
    }

    [Fact]
    public void Train_Latin1DecimalCommaAndNumericHeader_AreReadRight_AndPredictIgnoresABlankTarget()
    {
        using var dir = new TempDir();
        var text = new StringBuilder("size;2024;place\n");
        for (int i = 0; i < 40; i++) text.Append(CultureInfo.InvariantCulture, $"{i % 10},{i % 3};{i * 10};{(i % 10 < 5 ? "café" : "cafè")}\n");
        string data = Path.Combine(dir.Path, "latin1.csv");
        File.WriteAllBytes(data, Encoding.Latin1.GetBytes(text.ToString()));
        string run = Path.Combine(dir.Path, "run");

        var r = CliRunner.Run("train", "--data", data, "--target", "place", "--layers", "4", "--epochs", "2", "--out", run);
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Contains("binary target (classes cafè and café)", r.Stdout);   // the real names, distinct
        Assert.Contains("Windows-1252", r.Stderr);                          // the guess is announced
        Assert.Contains("decimal comma", r.Stderr);
        string card = File.ReadAllText(Path.Combine(run, "model.json"), Encoding.UTF8);
        Assert.Contains("\"size\"", card);                                    // numbers, not one category per value
        Assert.DoesNotContain("size=", card);

        // Told it is UTF-8, the same file is refused with the line and byte offset.
        var strict = CliRunner.Run("train", "--data", data, "--target", "place", "--encoding", "utf-8", "--epochs", "1", "--out", run + "2");
        Assert.Equal(1, strict.ExitCode);
        Assert.Contains("line 2", strict.Stderr);
        Assert.Contains("--encoding", strict.Stderr);

        // predict: a blank target cell is ignored, as the docs say; --header no reads the first line as data.
        string rows = Path.Combine(dir.Path, "new.csv");
        File.WriteAllBytes(rows, Encoding.Latin1.GetBytes("size;2024;place\n3,5;70;\n8,5;10;café\n"));
        var p = CliRunner.Run("predict", run, "--data", rows);
        Assert.True(p.ExitCode == 0, p.Stderr);
        Assert.Equal(3, p.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        var noHeader = CliRunner.Run("predict", run, "--data", rows, "--header", "no");
        Assert.Equal(1, noHeader.ExitCode);
        Assert.Contains("line 1", noHeader.Stderr);                         // "size" is not a number
    }
}
