using Nabla.Kernels;

namespace Nabla.Bench.Suites;

/// <summary>
/// How the MLP's first-layer GEMMs scale with batch size, hidden width and thread count: for batch
/// 32..256 and hidden width 128..2048, the time of the three GEMMs of a 784 -> hidden dense layer in one training
/// step (forward X·Wᵀ, input gradient dY·W, weight gradient dYᵀ·X) on 1 thread and on --threads threads
/// ("max-T" columns).
/// </summary>
internal sealed class GemmScalingSuite : ISuite
{
    private const int InFeatures = 784;
    private static readonly int[] Batches = [32, 64, 128, 256];
    private static readonly int[] Widths = [128, 256, 512, 1024, 2048];

    public string Name => "gemm-scaling";

    public string Description => "784->hidden layer GEMMs (fwd + 2 backward) vs batch, hidden width and threads";

    public IReadOnlyList<TableColumn> Columns { get; } =
    [
        new("batch", "batch"), new("hidden", "hidden"),
        new("microseconds_1t", "us 1T", "0.0"), new("gflops_1t", "GFLOP/s 1T", "0.0"),
        new("microseconds_nt", "us max-T", "0.0"), new("gflops_nt", "GFLOP/s max-T", "0.0"),
        new("speedup", "speed-up", "0.00"),
    ];

    public void Run(BenchOptions options, Action<BenchRow> report)
    {
        var rng = new Random(42);
        foreach (int batch in Batches)
            foreach (int hidden in Widths)
            {
                string name = $"b{batch} h{hidden}";
                if (options.Filter is not null && !name.Contains(options.Filter, StringComparison.OrdinalIgnoreCase)) continue;
                float[] x = RandomArray(rng, batch * InFeatures), w = RandomArray(rng, hidden * InFeatures);
                float[] y = new float[batch * hidden], dy = RandomArray(rng, batch * hidden);
                float[] dx = new float[batch * InFeatures], dw = new float[hidden * InFeatures];
                void Step()
                {
                    Gemm.Multiply(false, true, batch, hidden, InFeatures, x, InFeatures, w, InFeatures, y, hidden);
                    Gemm.Multiply(false, false, batch, InFeatures, hidden, dy, hidden, w, InFeatures, dx, InFeatures);
                    Gemm.Multiply(true, false, hidden, InFeatures, batch, dy, hidden, x, InFeatures, dw, InFeatures);
                }
                double flops = 3 * 2.0 * batch * hidden * InFeatures;
                double one = Time(Step, 1, options), many = Time(Step, options.Threads, options);
                report(new BenchRow(name, new Dictionary<string, object>
                {
                    ["batch"] = batch, ["hidden"] = hidden, ["threads"] = options.Threads,
                    ["microseconds_1t"] = one * 1e6, ["gflops_1t"] = flops / one / 1e9,
                    ["microseconds_nt"] = many * 1e6, ["gflops_nt"] = flops / many / 1e9,
                    ["speedup"] = one / many,
                }));
            }
        Threading.MaxThreads = options.Threads;
    }

    private static double Time(Action step, int threads, BenchOptions options)
    {
        Threading.MaxThreads = threads;
        return Measure.MedianSecondsPerCall(step, runs: options.Quick ? 3 : 7,
            warmupSeconds: options.Quick ? 0.05 : 0.3, minRunSeconds: options.Quick ? 0.01 : 0.05);
    }

    private static float[] RandomArray(Random rng, int length)
    {
        var a = new float[length];
        for (int i = 0; i < a.Length; i++) a[i] = (float)(rng.NextDouble() * 2 - 1);
        return a;
    }
}
