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
}
