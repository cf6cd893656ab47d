using System.Diagnostics;
using Nabla.Kernels;

namespace Nabla.Bench.Suites;

/// <summary>
/// Kernel variants (AVX2 register tile, cache blocking) timed against each other in one process,
/// alternating in short slices: the way to compare variants on a busy machine, where separate runs minutes apart
/// see different loads. Per workload and variant: the fastest call of all rounds and the median of the rounds' fastest calls, and the
/// fastest relative to the first variant's. Every variant gives the same bits (tested), so only time differs.
/// </summary>
internal sealed class GemmVariantsSuite : ISuite
{
    public string Name => "gemm-variants";

    public string Description =>
        "gemm workloads under kernel variants, interleaved: --variants \"6x16;4x24;8x8@256,512\"";

    public IReadOnlyList<TableColumn> Columns { get; } =
    [
        new("variant", "variant"), new("microseconds", "best us", "0.0"), new("median_microseconds", "median us", "0.0"),
        new("gflops", "GFLOP/s", "0.0"), new("relative", "vs first", "0.000"),
    ];

    public void Run(BenchOptions options, Action<BenchRow> report)
    {
        List<GemmVariant> variants = GemmVariant.ParseList(options.Variants ?? "6x16;4x24;8x8");
        int rounds = options.Quick ? 3 : 15;
        double slice = options.Quick ? 0.005 : 0.02;
        var rng = new Random(42);
        foreach (GemmSuite.GemmWorkload w in GemmSuite.LoadWorkloads())
        {
            if (options.Filter is not null && !w.Name.Contains(options.Filter, StringComparison.OrdinalIgnoreCase)) continue;
            float[] a = GemmSuite.RandomArray(rng, w.M * w.K), b = GemmSuite.RandomArray(rng, w.K * w.N), c = new float[w.M * w.N];
            int lda = w.TransA ? w.M : w.K, ldb = w.TransB ? w.K : w.N;
            var times = variants.Select(_ => new List<double>()).ToArray();
            for (int r = 0; r < rounds; r++)
                for (int q = 0; q < variants.Count; q++)
                {
                    int v = (q + r) % variants.Count; // rotate the order: no variant always runs first
                    times[v].Add(SecondsPerCall(() => Gemm.Multiply(GemmIsaDetection.Best, options.Threads,
                        w.TransA, w.TransB, w.M, w.N, w.K, a, lda, b, ldb, c, w.N, blocking: variants[v].Blocking,
                        avx2Tile: variants[v].Tile), slice));
                }
            double first = times[0].Min();
            for (int v = 0; v < variants.Count; v++)
            {
                double best = times[v].Min();
                times[v].Sort();
                report(new BenchRow(w.Name, new Dictionary<string, object>
                {
                    ["variant"] = variants[v].Text,
                    ["microseconds"] = best * 1e6,
                    ["median_microseconds"] = times[v][times[v].Count / 2] * 1e6,
                    ["gflops"] = 2.0 * w.M * w.N * w.K / best / 1e9,
                    ["relative"] = first / best,
                }));
            }
        }
    }

    /// <summary>
    /// The fastest single call within one slice of about <paramref name="seconds"/> (after one untimed call): on a
    /// loaded machine the fastest call is the one the scheduler did not interrupt, which a mean over the slice hides.
    /// </summary>
    private static double SecondsPerCall(Action action, double seconds)
    {
        action();
        long end = Stopwatch.GetTimestamp() + (long)(seconds * Stopwatch.Frequency);
        long best = long.MaxValue, t0 = Stopwatch.GetTimestamp(), t1;
        do
        {
            action();
            t1 = Stopwatch.GetTimestamp();
            best = Math.Min(best, t1 - t0);
            t0 = t1;
        } while (t1 < end);
        return (double)best / Stopwatch.Frequency;
    }
}

/// <summary>One kernel variant: <c>TILE[@KC,NC[,INPLACENC]]</c>, e.g. <c>4x24@256,384,256</c>.</summary>
internal sealed record GemmVariant(string Text, Avx2Tile Tile, GemmBlocking? Blocking)
{
    /// <summary>Parses a semicolon-separated list; throws <see cref="ArgumentException"/> naming a bad entry.</summary>
    public static List<GemmVariant> ParseList(string text) =>
        text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(Parse).ToList();

    private static GemmVariant Parse(string text)
    {
        string rest = text;
        GemmBlocking? blocking = null;
        int at = rest.IndexOf('@');
        if (at >= 0)
        {
            string[] kn = rest[(at + 1)..].Split(',');
            int inPlace = 0;
            if (kn.Length is < 2 or > 3 || !int.TryParse(kn[0], out int kc) || !int.TryParse(kn[1], out int nc)
                || (kn.Length == 3 && !int.TryParse(kn[2], out inPlace)))
                throw new ArgumentException($"variant '{text}': the blocking after @ must be KC,NC[,INPLACENC] (for example 256,384,256).");
            blocking = new GemmBlocking(kc, nc, inPlace);
            rest = rest[..at];
        }
        Avx2Tile tile = rest switch
        {
            "6x16" => Avx2Tile.Rows6x16,
            "4x24" => Avx2Tile.Rows4x24,
            "8x8" => Avx2Tile.Rows8x8,
            _ => throw new ArgumentException($"variant '{text}': the AVX2 tile must be 6x16, 4x24 or 8x8."),
        };
        return new GemmVariant(text, tile, blocking);
    }
}
