using System.Text.Json;
using Nabla.Kernels;

namespace Nabla.Bench.Suites;

/// <summary>
/// SGEMM throughput: square sizes and the GEMMs of the MLP training step (bench/workloads/gemm.json, the same
/// list the numpy peer reads). Reports the median time per call and GFLOP/s = 2·m·n·k / time.
/// </summary>
internal sealed class GemmSuite : ISuite
{
    public string Name => "gemm";

    public string Description => "SGEMM GFLOP/s: square 64..2048 and the MLP's GEMMs at batch 64";

    public IReadOnlyList<TableColumn> Columns { get; } =
    [
        new("m", "m"), new("n", "n"), new("k", "k"), new("op", "op"),
        new("microseconds", "us/call", "0.0"), new("gflops", "GFLOP/s", "0.0"),
    ];

    public void Run(BenchOptions options, Action<BenchRow> report)
    {
        var rng = new Random(42);
        foreach (GemmWorkload w in LoadWorkloads())
        {
            if (options.Filter is not null && !w.Name.Contains(options.Filter, StringComparison.OrdinalIgnoreCase)) continue;
            float[] a = RandomArray(rng, w.M * w.K), b = RandomArray(rng, w.K * w.N), c = new float[w.M * w.N];
            int lda = w.TransA ? w.M : w.K, ldb = w.TransB ? w.K : w.N;
            double seconds = Measure.MedianSecondsPerCall(
                () => Gemm.Multiply(GemmIsaDetection.Best, options.Threads, w.TransA, w.TransB, w.M, w.N, w.K, a, lda, b, ldb, c, w.N,
                    blocking: options.Blocking),
                runs: options.Quick ? 3 : 9, warmupSeconds: options.Quick ? 0.05 : 0.5, minRunSeconds: options.Quick ? 0.01 : 0.05);
            report(new BenchRow(w.Name, new Dictionary<string, object>
            {
                ["m"] = w.M, ["n"] = w.N, ["k"] = w.K, ["transA"] = w.TransA, ["transB"] = w.TransB,
                ["op"] = (w.TransA ? "T" : "N") + (w.TransB ? "T" : "N"),
                ["microseconds"] = seconds * 1e6,
                ["gflops"] = 2.0 * w.M * w.N * w.K / seconds / 1e9,
            }));
        }
    }

    internal static float[] RandomArray(Random rng, int length)
    {
        var x = new float[length];
        for (int i = 0; i < x.Length; i++) x[i] = (float)(rng.NextDouble() * 2 - 1);
        return x;
    }

    internal sealed record GemmWorkload(string Name, int M, int N, int K, bool TransA, bool TransB);

    internal static List<GemmWorkload> LoadWorkloads()
    {
        string path = RepoPaths.Workload("gemm");
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(path));
        var list = new List<GemmWorkload>();
        foreach (JsonElement s in doc.RootElement.GetProperty("shapes").EnumerateArray())
            list.Add(new GemmWorkload(s.GetProperty("name").GetString()!, s.GetProperty("m").GetInt32(),
                s.GetProperty("n").GetInt32(), s.GetProperty("k").GetInt32(),
                s.GetProperty("transA").GetBoolean(), s.GetProperty("transB").GetBoolean()));
        return list;
    }
}
