using System.Diagnostics;
using Nabla.NN.Data;
using Nabla.NN.Models;
using Xunit.Abstractions;

namespace Nabla.Cli.Tests.Reliability;

/// <summary>
/// Issue #8, item 5: prediction streams. The CSV is generated on the fly through a Stream (no file), read by the same
/// code path as <c>nabla predict</c> (<see cref="PredictionCsv.Write"/> over a <see cref="CsvSource"/>), and the live
/// heap is sampled (after a full collection) ten times over the run. CI runs 1,000,000 rows;
/// NABLA_PREDICT_ROWS=10000000 runs the full ten million (the long mode).
/// </summary>
[Collection(ProcessCollection.Name)]
public class StreamingPredictTests(ITestOutputHelper output)
{
    private static long Rows => long.TryParse(Environment.GetEnvironmentVariable("NABLA_PREDICT_ROWS"), out long n) && n > 0 ? n : 1_000_000;

    [Fact]
    public void Predict_MillionsOfGeneratedRows_LiveMemoryStaysBounded()
    {
        using var dir = new TempDir();
        string data = dir.File("people.csv", TinyData.People(300));
        string model = Path.Combine(dir.Path, "model");
        var trained = CliRunner.Run("train", "--data", data, "--target", "class", "--features", "height,weight,pet", "--epochs", "3", "--quiet", "--out", model);
        Assert.True(trained.ExitCode == 0, trained.Stderr);
        var predictor = Predictor.Load(model);

        var samples = new List<long>();
        void Sample(long _) { GC.Collect(); GC.WaitForPendingFinalizers(); samples.Add(GC.GetTotalMemory(forceFullCollection: true)); }
        Sample(0);
        var source = CsvSource.FromStreams(() => new GeneratedCsvStream(Rows, Sample, every: Math.Max(1, Rows / 10)), "generated.csv");
        samples.Clear();
        Sample(0);
        var writer = new CountingWriter();
        var clock = Stopwatch.StartNew();

        long predicted = PredictionCsv.Write(predictor, source, writer);

        long peak = samples.Max(), growth = samples[^1] - samples[0];
        output.WriteLine($"{predicted:N0} rows predicted in {clock.Elapsed.TotalSeconds:F1} s; live heap samples (MB): " +
                         string.Join(", ", samples.Select(s => (s / 1e6).ToString("F1", System.Globalization.CultureInfo.InvariantCulture))) +
                         $"; peak {peak / 1e6:F1} MB, growth {growth / 1e6:F1} MB; {writer.Chars / 1e6:F0} MB of CSV written");
        Assert.Equal(Rows, predicted);
        Assert.Equal(Rows + 1, writer.Lines);
        // Holding the rows would cost ~100 bytes each (100 MB per million); one batch of 4,096 rows costs well under 8 MB.
        Assert.True(peak < 40_000_000, $"live heap reached {peak / 1e6:F1} MB");
        Assert.True(growth < 8_000_000, $"live heap grew by {growth / 1e6:F1} MB over the run");
    }
}
