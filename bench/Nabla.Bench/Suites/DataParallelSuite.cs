using System.Diagnostics;
using Nabla.Distributed;
using Nabla.NN;
using Nabla.NN.Data;
using Nabla.NN.Optim;
using Nabla.NN.Training;

namespace Nabla.Bench.Suites;

/// <summary>
/// Data-parallel scaling of the MLP of bench/workloads/mlp.json (784-256-128-10, Adam) at global batch 256 through the
/// real <see cref="Trainer"/>: run it alone for 1 rank, and under <c>mpirun -n N</c> for N ranks (docs/DISTRIBUTED.md).
/// Reports samples/s (median epoch after the first), the share of the epoch spent inside collectives (transfer plus
/// waiting for the slowest rank), the cost of one gradient-sized allreduce measured after a barrier (transfer alone,
/// the input of the on-paper scaling model), and the test accuracy after the epochs. Only rank 0 reports.
/// </summary>
/// <remarks>
/// <see cref="BatchVariable"/> changes the global batch: with 128, two copies started side by side without mpirun
/// measure the ceiling of any 2-rank data-parallel run on the machine (each rank's work, no communication at all).
/// </remarks>
internal sealed class DataParallelSuite : ISuite
{
    /// <summary>Environment variable: the global batch (default 256).</summary>
    public const string BatchVariable = "NABLA_BENCH_DIST_BATCH";

    private static int GlobalBatch => int.TryParse(Environment.GetEnvironmentVariable(BatchVariable), out int b) && b > 0 ? b : 256;

    public string Name => "dist";

    public string Description => "data-parallel MLP 784-256-128-10, global batch 256: run alone, or under mpirun -n N";

    public IReadOnlyList<TableColumn> Columns { get; } =
    [
        new("ranks", "ranks"), new("threads", "threads"), new("samples_per_second", "samples/s", "0"),
        new("step_ms", "step ms", "0.00"), new("compute_cpu_ms", "cpu ms", "0.00"), new("collective_share", "in collectives", "0.0%"),
        new("reduce_scatter_ms", "r-scatter ms", "0.000"), new("all_gather_ms", "all-gather ms", "0.000"),
        new("allreduce_ms", "allreduce ms", "0.000"), new("test_accuracy", "test acc", "0.0000"),
    ];

    public void Run(BenchOptions options, Action<BenchRow> report)
    {
        var w = MlpWorkload.Load();
        var data = MlpData.Load(w.Seed);
        var world = DistributedEnvironment.Detect();
        var timed = world is null ? null : new TimedCommunicator(world);
        if ((world?.Rank ?? 0) == 0) Console.WriteLine($"data: {data.Source}");
        int epochs = options.Quick ? 2 : w.Epochs;
        int trainCount = options.Quick ? 12_800 : data.TrainCount;
        var train = new TensorDataset(Tensor.FromBuffer(data.TrainX, new Shape(trainCount, data.Features)), Tensor.FromBuffer(data.TrainY, new Shape(trainCount)));
        var test = new TensorDataset(Tensor.FromArray(data.TestX, data.TestCount, data.Features), Tensor.FromArray(data.TestY, data.TestCount));

        var model = MlpWorkload.Build(w.Layers, w.Seed);
        // NABLA_BENCH_WHOLE_UPDATE=1: every rank updates every weight after an allreduce (a gradient hook forces that
        // path), to compare with the sharded update in the same conditions.
        bool whole = Environment.GetEnvironmentVariable("NABLA_BENCH_WHOLE_UPDATE") == "1";
        var trainer = new Trainer(model, new CrossEntropyLoss(), new Adam(model.Parameters(), lr: w.Lr),
            new TrainerOptions
            {
                Seed = w.Seed, Communicator = timed, Diagnostics = new DiagnosticsOptions { Enabled = false },
                GradientHook = whole ? _ => { } : null,
            });
        var epochTimes = new List<double>();
        var collectiveTimes = new List<double>();
        var computeCpu = new List<double>();
        var clock = new EpochClock(timed, epochTimes, collectiveTimes, computeCpu);
        trainer.Fit(train, epochs, GradientDescentMode.MiniBatch(GlobalBatch), callbacks: [clock]);
        double accuracy = trainer.Evaluate(test).Metrics["accuracy"];
        double allreduceMs = timed is null ? 0 : GradientAllReduceMs(timed.Inner, model.Parameters().Sum(p => p.Size));
        if ((world?.Rank ?? 0) != 0) return;

        int skip = epochTimes.Count > 1 ? 1 : 0;   // epoch 1 warms up (JIT, buffers)
        double seconds = MlpSuite.Median(epochTimes.Skip(skip));
        double share = collectiveTimes.Skip(skip).Sum() / epochTimes.Skip(skip).Sum();
        int steps = (trainCount + GlobalBatch - 1) / GlobalBatch;
        int ranks = world?.Size ?? 1;
        // Wall ms per step inside each kind of collective (waiting for the slower rank included), epochs after the first.
        double PerStep(string operation) => 1000 * (timed?.MeasuredSeconds(operation) ?? 0) / (steps * Math.Max(1, epochs - skip));
        report(new BenchRow($"dist-r{ranks}-t{options.Threads}", new Dictionary<string, object>
        {
            ["ranks"] = ranks, ["threads"] = options.Threads, ["global_batch"] = GlobalBatch, ["epochs"] = epochs,
            ["samples_per_second"] = trainCount / seconds, ["step_ms"] = 1000 * seconds / steps,
            ["compute_cpu_ms"] = 1000 * MlpSuite.Median(computeCpu.Skip(skip)) / steps,
            ["collective_share"] = share, ["reduce_scatter_ms"] = PerStep("reduce-scatter"), ["all_gather_ms"] = PerStep("all-gather"),
            ["allreduce_in_step_ms"] = PerStep("allreduce"), ["allreduce_ms"] = allreduceMs, ["test_accuracy"] = accuracy,
            ["update"] = whole || ranks == 1 ? "whole" : "sharded",
            ["reduce_scatter_path"] = world is MpiCommunicator { UsesSharedMemory: true } ? "shared memory" : "mpi",
            ["epoch_seconds"] = epochTimes.ToArray(), ["data"] = data.Source, ["train_samples"] = trainCount,
        }));
    }

    /// <summary>Median time of one allreduce of <paramref name="floats"/> floats started together (after a barrier): transfer without waiting.</summary>
    private static double GradientAllReduceMs(ICommunicator c, int floats)
    {
        var buffer = new float[floats];
        var times = new List<double>();
        for (int i = 0; i < 21; i++)
        {
            c.Barrier();
            long t0 = Stopwatch.GetTimestamp();
            for (int start = 0; start < floats; start += 1 << 18) c.AllReduceSum(buffer.AsSpan(start, Math.Min(1 << 18, floats - start)));
            times.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
        }
        // Every rank must agree on the number to report: rank 0's median is broadcast.
        float[] median = [(float)MlpSuite.Median(times)];
        c.Broadcast(median);
        return median[0];
    }

    /// <summary>
    /// Wall time of each epoch, the wall time spent in collectives during it, and the training thread's CPU time
    /// outside collectives (its own work: a loaded machine stretches the wall time of a step, hardly its CPU time).
    /// </summary>
    private sealed class EpochClock(TimedCommunicator? timed, List<double> epochs, List<double> collectives, List<double> computeCpu) : Callback
    {
        private long _start;
        private double _before, _cpuBefore, _cpuInCollectivesBefore;

        public override void OnEpochBegin(TrainingContext context)
        {
            if (context.Epoch == 2) timed?.StartMeasuring();   // epoch 1 warms up
            _before = timed?.Seconds ?? 0;
            _cpuInCollectivesBefore = timed?.CpuSeconds ?? 0;
            _cpuBefore = ThreadCpu.Seconds();
            _start = Stopwatch.GetTimestamp();
        }

        public override void OnEpochEnd(TrainingContext context, EpochRecord record)
        {
            epochs.Add(Stopwatch.GetElapsedTime(_start).TotalSeconds);
            collectives.Add((timed?.Seconds ?? 0) - _before);
            computeCpu.Add(ThreadCpu.Seconds() - _cpuBefore - ((timed?.CpuSeconds ?? 0) - _cpuInCollectivesBefore));
        }
    }

    /// <summary>Counts the wall and thread CPU time spent inside the inner communicator's collectives, in all and per kind since <see cref="StartMeasuring"/>.</summary>
    private sealed class TimedCommunicator(ICommunicator inner) : ICommunicator
    {
        private readonly Dictionary<string, long> _ticksByKind = [];
        private long _ticks;
        private double _cpu;

        public void StartMeasuring() => _ticksByKind.Clear();

        public double MeasuredSeconds(string kind) => (double)_ticksByKind.GetValueOrDefault(kind) / Stopwatch.Frequency;

        public ICommunicator Inner => inner;
        public double Seconds => (double)_ticks / Stopwatch.Frequency;
        public double CpuSeconds => _cpu;
        public int Rank => inner.Rank;
        public int Size => inner.Size;
        public void AllReduceSum(Span<float> values) { var t = Begin(); inner.AllReduceSum(values); End(t, "allreduce"); }
        public void ReduceScatterSum(ReadOnlySpan<float> values, Span<float> block) { var t = Begin(); inner.ReduceScatterSum(values, block); End(t, "reduce-scatter"); }
        public void AllGather(Span<float> values) { var t = Begin(); inner.AllGather(values); End(t, "all-gather"); }
        public void Broadcast(Span<float> values, int root = 0) { var t = Begin(); inner.Broadcast(values, root); End(t, "broadcast"); }
        public void Barrier() { var t = Begin(); inner.Barrier(); End(t, "barrier"); }
        public void Abort(string reason) => inner.Abort(reason);

        private static (long Wall, double Cpu) Begin() => (Stopwatch.GetTimestamp(), ThreadCpu.Seconds());

        private void End((long Wall, double Cpu) start, string kind)
        {
            long ticks = Stopwatch.GetTimestamp() - start.Wall;
            _ticks += ticks;
            _ticksByKind[kind] = _ticksByKind.GetValueOrDefault(kind) + ticks;
            _cpu += ThreadCpu.Seconds() - start.Cpu;
        }
    }

    /// <summary>The calling thread's CPU time (Linux <c>CLOCK_THREAD_CPUTIME_ID</c>; 0 elsewhere).</summary>
    private static class ThreadCpu
    {
        private const int ClockThreadCpuTimeId = 3;

        [System.Runtime.InteropServices.StructLayout(System.Runtime.InteropServices.LayoutKind.Sequential)]
        private struct TimeSpec { public long Seconds, Nanoseconds; }

        [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "clock_gettime")]
        private static extern int ClockGetTime(int clock, out TimeSpec time);

        public static double Seconds() =>
            OperatingSystem.IsLinux() && ClockGetTime(ClockThreadCpuTimeId, out TimeSpec t) == 0 ? t.Seconds + t.Nanoseconds * 1e-9 : 0;
    }
}
