using Nabla.Kernels;

namespace Nabla.Bench.Suites;

/// <summary>
/// How a fused MLP training epoch scales: 784-h-(h/2)-10 (ReLU, cross-entropy, Adam) for batch 32..256, hidden
/// width h = 128..2048 and 1 and 2 threads. Seconds per epoch are extrapolated from the median time per step
/// (after a warm-up) times the steps of a 60,000-sample epoch, so the 40 configurations fit in a few minutes;
/// <c>speedup</c> on a 2-thread row is its 1-thread time over its own.
/// </summary>
internal sealed class ScalingSuite : ISuite
{
    private static readonly int[] Batches = [32, 64, 128, 256];
    private static readonly int[] Widths = [128, 256, 512, 1024, 2048];
    private static readonly int[] ThreadCounts = [1, 2];

    public string Name => "scaling";

    public string Description => "fused MLP epoch time vs batch, hidden width (128..2048) and threads (1, 2)";

    public IReadOnlyList<TableColumn> Columns { get; } =
    [
        new("batch", "batch"), new("hidden", "hidden"), new("threads", "threads"),
        new("seconds_per_epoch", "s/epoch", "0.000"), new("samples_per_second", "samples/s", "0"),
        new("gflops", "GFLOP/s", "0.0"), new("speedup", "2T/1T", "0.00"),
    ];

    public void Run(BenchOptions options, Action<BenchRow> report)
    {
        var w = MlpWorkload.Load();
        var data = MlpData.Load(w.Seed);
        foreach (int batch in Batches)
            foreach (int hidden in Widths)
            {
                int[] layers = [784, hidden, hidden / 2, 10];
                double? oneThread = null;
                foreach (int threads in ThreadCounts)
                {
                    string name = $"scaling-b{batch}-h{hidden}-t{threads}";
                    if (options.Filter is not null && !name.Contains(options.Filter, StringComparison.OrdinalIgnoreCase)) continue;
                    Threading.MaxThreads = threads;
                    var runner = new FusedEpochRunner(data, MlpWorkload.Build(layers, w.Seed), w.Lr, batch, w.Seed);
                    double step = Measure.MedianSecondsPerCall(() => runner.Run(1), runs: options.Quick ? 3 : 5,
                        warmupSeconds: options.Quick ? 0.1 : 0.4, minRunSeconds: options.Quick ? 0.05 : 0.25);
                    double epoch = step * runner.StepsPerEpoch;
                    // Per sample and weight: forward 2 FLOP, weight gradient 2, input gradient 2 (skipped for the first layer: its input needs none).
                    long weights = 0, firstLayer = (long)layers[0] * layers[1];
                    for (int i = 0; i + 1 < layers.Length; i++) weights += (long)layers[i] * layers[i + 1];
                    double flopsPerEpoch = (6.0 * weights - 2.0 * firstLayer) * data.TrainCount;
                    var values = new Dictionary<string, object>
                    {
                        ["batch"] = batch, ["hidden"] = hidden, ["threads"] = threads, ["seconds_per_epoch"] = epoch,
                        ["samples_per_second"] = data.TrainCount / epoch, ["gflops"] = flopsPerEpoch / epoch / 1e9,
                    };
                    if (threads == 1) oneThread = epoch;
                    else if (oneThread is double t1) values["speedup"] = t1 / epoch;
                    report(new BenchRow(name, values));
                }
            }
        Threading.MaxThreads = options.Threads;
    }
}
