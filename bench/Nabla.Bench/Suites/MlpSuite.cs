using System.Diagnostics;

namespace Nabla.Bench.Suites;

/// <summary>
/// The MLP of bench/workloads/mlp.json (784-256-128-10, ReLU, cross-entropy, Adam) trained on Fashion-MNIST on the
/// fused path, per batch size: seconds per epoch (median over epochs 2..E, epoch 1 warms up, as the peers measure),
/// samples per second, test accuracy after E epochs, and garbage collections during the timed epochs. Rows
/// <c>mlp-b{batch}</c> join the PyTorch and scikit-learn peers' rows in bench/compare.sh.
/// </summary>
internal sealed class MlpSuite : ISuite
{
    public string Name => "mlp";

    public string Description => "MLP 784-256-128-10 on Fashion-MNIST, fused path: s/epoch, samples/s, test accuracy";

    public IReadOnlyList<TableColumn> Columns { get; } =
    [
        new("batch", "batch"), new("seconds_per_epoch", "s/epoch", "0.000"), new("samples_per_second", "samples/s", "0"),
        new("test_accuracy", "test acc", "0.0000"), new("gen0", "gen0 GCs"), new("gen2", "gen2 GCs"),
    ];

    public void Run(BenchOptions options, Action<BenchRow> report)
    {
        var w = MlpWorkload.Load();
        var data = MlpData.Load(w.Seed);
        Console.WriteLine($"data: {data.Source}");
        int epochs = options.Quick ? 2 : w.Epochs;
        foreach (int batch in w.BatchSizes)
        {
            string name = $"mlp-b{batch}";
            if (options.Filter is not null && !name.Contains(options.Filter, StringComparison.OrdinalIgnoreCase)) continue;
            var runner = new FusedEpochRunner(data, MlpWorkload.Build(w.Layers, w.Seed), w.Lr, batch, w.Seed);
            var times = new List<double>();
            int gen0 = 0, gen2 = 0;
            for (int e = 0; e < epochs; e++)
            {
                int g0 = GC.CollectionCount(0), g2 = GC.CollectionCount(2);
                long t0 = Stopwatch.GetTimestamp();
                runner.Run();
                times.Add(Stopwatch.GetElapsedTime(t0).TotalSeconds);
                if (e > 0) { gen0 += GC.CollectionCount(0) - g0; gen2 += GC.CollectionCount(2) - g2; }
            }
            double sec = Median(times.Count > 1 ? times.Skip(1) : times);
            report(new BenchRow(name, new Dictionary<string, object>
            {
                ["batch"] = batch, ["epochs"] = epochs, ["seconds_per_epoch"] = sec,
                ["samples_per_second"] = data.TrainCount / sec, ["test_accuracy"] = runner.TestAccuracy(),
                ["epoch_seconds"] = times.ToArray(), ["gen0"] = gen0, ["gen2"] = gen2, ["data"] = data.Source,
            }));
        }
    }

    internal static double Median(IEnumerable<double> values)
    {
        var v = values.Order().ToArray();
        return v.Length % 2 == 1 ? v[v.Length / 2] : 0.5 * (v[v.Length / 2 - 1] + v[v.Length / 2]);
    }
}
