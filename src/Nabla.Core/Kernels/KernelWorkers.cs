using System.Diagnostics;
using System.Runtime.ExceptionServices;

namespace Nabla.Kernels;

/// <summary>A unit of parallel kernel work split into numbered parts.</summary>
internal interface IPartitionedJob
{
    /// <summary>Runs part <paramref name="part"/> of the job; parts touch disjoint outputs.</summary>
    void Execute(int part);
}

/// <summary>
/// Persistent worker threads for kernel fork/join. A spinning worker starts a part in well under a microsecond
/// (Parallel.For costs ~1.6 us on this machine kind); after <see cref="SpinMicroseconds"/> without work a worker
/// blocks so idle processes do not burn a core. One caller at a time: a call that finds the pool busy (another
/// thread is in a kernel) reports false and the caller runs the work itself.
/// </summary>
internal static class KernelWorkers
{
    /// <summary>How long an idle worker keeps spinning before it sleeps.</summary>
    private const long SpinMicroseconds = 2000;

    private static readonly object Gate = new();
    private static Thread[] _threads = [];
    private static IPartitionedJob? _job;
    private static int _parts;
    private static int _generation;
    private static int _pending;
    private static int _sleepers;
    private static int _busy;
    private static ExceptionDispatchInfo? _failure;

    /// <summary>
    /// Runs parts <c>0 .. parts-1</c> of <paramref name="job"/>, part 0 on the calling thread and the rest on
    /// workers, and returns when all are done. Returns false without running anything when the pool is busy.
    /// </summary>
    public static bool TryRun(IPartitionedJob job, int parts)
    {
        if (parts <= 1) { job.Execute(0); return true; }
        if (Interlocked.CompareExchange(ref _busy, 1, 0) != 0) return false;
        try
        {
            EnsureWorkers(parts - 1);
            _job = job;
            _parts = parts;
            _failure = null;
            Volatile.Write(ref _pending, parts - 1);
            // Publish the job, then wake sleepers. Both steps are full fences, and a sleeper registers
            // before its final check of _generation, so a wake-up cannot be lost.
            Interlocked.Increment(ref _generation);
            if (Volatile.Read(ref _sleepers) > 0)
                lock (Gate) Monitor.PulseAll(Gate);
            try { job.Execute(0); }
            finally
            {
                var spin = new SpinWait();
                while (Volatile.Read(ref _pending) != 0) spin.SpinOnce(sleep1Threshold: -1);
                _job = null;
            }
            _failure?.Throw();
            return true;
        }
        finally { Volatile.Write(ref _busy, 0); }
    }

    private static void EnsureWorkers(int count)
    {
        if (_threads.Length >= count) return;
        var grown = new Thread[count];
        Array.Copy(_threads, grown, _threads.Length);
        int seen = Volatile.Read(ref _generation);
        for (int w = _threads.Length; w < count; w++)
        {
            int part = w + 1;
            var t = new Thread(() => WorkerLoop(part, seen)) { IsBackground = true, Name = $"Nabla kernel worker {part}" };
            t.Start();
            grown[w] = t;
        }
        _threads = grown;
    }

    private static void WorkerLoop(int part, int seen)
    {
        long spinTicks = Stopwatch.Frequency * SpinMicroseconds / 1_000_000;
        while (true)
        {
            long start = Stopwatch.GetTimestamp();
            int generation;
            int spins = 0;
            while ((generation = Volatile.Read(ref _generation)) == seen)
            {
                if ((++spins & 63) != 0) { Thread.SpinWait(8); continue; }
                if (Stopwatch.GetTimestamp() - start < spinTicks) continue;
                lock (Gate)
                {
                    Interlocked.Increment(ref _sleepers);
                    while (Volatile.Read(ref _generation) == seen) Monitor.Wait(Gate);
                    Interlocked.Decrement(ref _sleepers);
                }
            }
            seen = generation;
            // A pool sized for more parts than this job has: nothing to do for this worker this time.
            if (part < _parts)
            {
                try { _job!.Execute(part); }
                catch (Exception e) { _failure ??= ExceptionDispatchInfo.Capture(e); }
                Interlocked.Decrement(ref _pending);
            }
        }
    }
}
