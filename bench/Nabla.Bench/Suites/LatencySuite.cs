using Nabla.NN.Training;

namespace Nabla.Bench.Suites;

/// <summary>
/// Inference latency of the workload's MLP at the batch sizes of bench/workloads/mlp.json (1 and 64): the fused,
/// allocation-free <see cref="FusedMlp.Predict(ReadOnlySpan{float}, int, Span{float})"/> (rows <c>latency-b{batch}</c>,
/// joined with PyTorch's <c>inference_mode</c> rows) and, for reference, the autograd modules' <c>Forward</c> under
/// no-grad (rows <c>latency-autograd-b{batch}</c>). Median of 21 runs after a 1 s warm-up.
/// </summary>
internal sealed class LatencySuite : ISuite
{
    public string Name => "latency";

    public string Description => "MLP inference latency at batch 1 and 64 (fused Predict; autograd Forward for reference)";

    public IReadOnlyList<TableColumn> Columns { get; } =
        [new("batch", "batch"), new("path", "path"), new("microseconds", "us/call", "0.00"), new("bytes_per_call", "bytes/call", "0")];

    public void Run(BenchOptions options, Action<BenchRow> report)
    {
        var w = MlpWorkload.Load();
        var model = MlpWorkload.Build(w.Layers, w.Seed);
        model.Eval();
        var fused = FusedMlp.Create(model, new Nabla.NN.CrossEntropyLoss());
        var rng = new Rng(w.Seed);
        foreach (int batch in w.LatencyBatches)
        {
            var x = new float[batch * w.Layers[0]];
            for (int i = 0; i < x.Length; i++) x[i] = rng.NextFloat();
            var output = new float[batch * w.Layers[^1]];
            var xt = Tensor.FromArray(x, batch, w.Layers[0]);
            var paths = new (string Name, string Row, Action Call)[]
            {
                ("fused", $"latency-b{batch}", () => fused.Predict(x, batch, output)),
                ("autograd", $"latency-autograd-b{batch}", () => { using (GradMode.NoGrad()) model.Forward(xt); }),
            };
            foreach (var (path, row, call) in paths)
            {
                if (options.Filter is not null && !row.Contains(options.Filter, StringComparison.OrdinalIgnoreCase)) continue;
                double seconds = Measure.MedianSecondsPerCall(call, runs: options.Quick ? 7 : 21,
                    warmupSeconds: options.Quick ? 0.2 : 1.0, minRunSeconds: options.Quick ? 0.005 : 0.02);
                long before = GC.GetAllocatedBytesForCurrentThread();
                for (int i = 0; i < 100; i++) call();
                double bytes = (GC.GetAllocatedBytesForCurrentThread() - before) / 100.0;
                report(new BenchRow(row, new Dictionary<string, object>
                {
                    ["batch"] = batch, ["path"] = path, ["microseconds"] = seconds * 1e6, ["bytes_per_call"] = bytes,
                }));
            }
        }
    }
}
