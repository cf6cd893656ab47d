using System.Diagnostics;
using Nabla.NN;
using Nabla.NN.Optim;

namespace Nabla.Bench.Suites;

/// <summary>
/// Memory behaviour of a training step of the workload's MLP, per batch size: bytes allocated per steady-state step
/// (<see cref="GC.GetAllocatedBytesForCurrentThread"/>, and <see cref="GC.GetTotalAllocatedBytes(bool)"/> for all
/// threads) and garbage collections per generation over one full epoch (<see cref="GC.CollectionCount"/>), on the
/// fused path (rows <c>alloc-fused-b{batch}</c>) and, for comparison, the autograd path
/// (<c>alloc-autograd-b{batch}</c>: ZeroGrad, Forward, loss, Backward, Step).
/// </summary>
internal sealed class AllocSuite : ISuite
{
    public string Name => "alloc";

    public string Description => "bytes allocated and GCs per training step, fused vs autograd path";

    public IReadOnlyList<TableColumn> Columns { get; } =
    [
        new("batch", "batch"), new("path", "path"), new("bytes_per_step", "B/step", "0"), new("bytes_per_step_all_threads", "B/step all thr", "0"),
        new("gen0_per_epoch", "gen0/epoch"), new("gen1_per_epoch", "gen1/epoch"), new("gen2_per_epoch", "gen2/epoch"), new("ms_per_step", "ms/step", "0.000"),
    ];

    public void Run(BenchOptions options, Action<BenchRow> report)
    {
        var w = MlpWorkload.Load();
        var data = MlpData.Load(w.Seed);
        foreach (int batch in w.BatchSizes)
        {
            string fusedName = $"alloc-fused-b{batch}", autoName = $"alloc-autograd-b{batch}";
            if (Selected(options, fusedName))
            {
                var runner = new FusedEpochRunner(data, MlpWorkload.Build(w.Layers, w.Seed), w.Lr, batch, w.Seed);
                report(Row(fusedName, batch, "fused", runner.StepsPerEpoch, options.Quick, steps => runner.Run(steps)));
            }
            if (Selected(options, autoName))
            {
                var runner = new AutogradEpochRunner(data, MlpWorkload.Build(w.Layers, w.Seed), w.Lr, batch, w.Seed);
                report(Row(autoName, batch, "autograd", runner.StepsPerEpoch, options.Quick, runner.Run));
            }
        }
    }

    private static bool Selected(BenchOptions o, string name) =>
        o.Filter is null || name.Contains(o.Filter, StringComparison.OrdinalIgnoreCase);

    private static BenchRow Row(string name, int batch, string path, int stepsPerEpoch, bool quick, Func<int, double> run)
    {
        run(20);                                                       // warm-up: buffers sized, JIT promoted
        const int measured = 50;
        long thread0 = GC.GetAllocatedBytesForCurrentThread(), all0 = GC.GetTotalAllocatedBytes(precise: true);
        run(measured);
        long thread1 = GC.GetAllocatedBytesForCurrentThread(), all1 = GC.GetTotalAllocatedBytes(precise: true);
        int epochSteps = quick ? Math.Min(stepsPerEpoch, 200) : stepsPerEpoch;
        int g0 = GC.CollectionCount(0), g1 = GC.CollectionCount(1), g2 = GC.CollectionCount(2);
        long t0 = Stopwatch.GetTimestamp();
        run(epochSteps);
        double seconds = Stopwatch.GetElapsedTime(t0).TotalSeconds;
        return new BenchRow(name, new Dictionary<string, object>
        {
            ["batch"] = batch, ["path"] = path,
            ["bytes_per_step"] = (double)(thread1 - thread0) / measured,
            ["bytes_per_step_all_threads"] = (double)(all1 - all0) / measured,
            ["epoch_steps"] = epochSteps,
            ["gen0_per_epoch"] = GC.CollectionCount(0) - g0, ["gen1_per_epoch"] = GC.CollectionCount(1) - g1,
            ["gen2_per_epoch"] = GC.CollectionCount(2) - g2, ["ms_per_step"] = seconds * 1e3 / epochSteps,
        });
    }
}

/// <summary>The learner-facing autograd step on the same shuffled batches: ZeroGrad, Forward, loss, Backward, Step.</summary>
internal sealed class AutogradEpochRunner(MlpData data, Sequential model, float lr, int batch, ulong seed)
{
    private readonly int[] _order = [.. Enumerable.Range(0, data.TrainCount)];
    private readonly Rng _rng = new(seed);
    private readonly Adam _optimizer = new(model.Parameters(), lr: lr);
    private readonly CrossEntropyLoss _loss = new();

    public int StepsPerEpoch => (data.TrainCount + batch - 1) / batch;

    private int _cursor;

    /// <summary>Runs <paramref name="steps"/> steps, continuing where the last call stopped, reshuffling at each epoch boundary.</summary>
    public double Run(int steps)
    {
        int f = data.Features;
        double lossSum = 0;
        for (int s = 0; s < steps; s++)
        {
            if (_cursor % StepsPerEpoch == 0) { _rng.Shuffle(_order.AsSpan()); _cursor = 0; }
            int start = _cursor++ * batch;
            int size = Math.Min(batch, data.TrainCount - start);
            var xb = new float[size * f];
            var yb = new float[size];
            for (int i = 0; i < size; i++)
            {
                int row = _order[start + i];
                data.TrainX.AsSpan(row * f, f).CopyTo(xb.AsSpan(i * f, f));
                yb[i] = data.TrainY[row];
            }
            _optimizer.ZeroGrad();
            Tensor l = _loss.Forward(model.Forward(Tensor.FromArray(xb, size, f)), Tensor.FromArray(yb, size));
            l.Backward();
            _optimizer.Step();
            lossSum += l.Item();
        }
        return lossSum / steps;
    }
}
