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
/// Persistent worker threads for kernel fork/join. A spinning worker joins a job in well under a microsecond
/// (Parallel.For costs ~1.6 us on this machine kind); after <see cref="SpinMicroseconds"/> without work a worker
/// blocks so an idle process does not burn a core.
/// </summary>
/// <remarks>
/// Parts are claimed dynamically: the caller and the woken workers each take the next unclaimed part until none
/// is left. A worker the OS has not scheduled yet (a busy machine) simply claims nothing and the caller does its
/// share, so a call is never slower than running alone by more than the part a late worker already started.
/// Which thread runs a part never changes its result. One caller at a time: a call that finds the pool busy
/// (another thread is inside a kernel) returns false and the caller runs the parts itself.
/// </remarks>
internal static class KernelWorkers
{
    /// <summary>How long an idle worker keeps spinning before it sleeps.</summary>
    private const long SpinMicroseconds = 2000;

    private static readonly object Gate = new();
    private static Thread[] _threads = [];
    private static IPartitionedJob? _job;
    private static int _parts;
    private static int _wanted;
    // High 32 bits: job generation; low 32 bits: next unclaimed part. One word, so a worker that woke for an
    // older job can never claim a part of a newer one.
    private static long _claim;
    private static int _remaining;
    private static int _sleepers;
    private static int _busy;
    private static ExceptionDispatchInfo? _failure;

    /// <summary>
    /// Runs parts <c>0 .. parts-1</c> of <paramref name="job"/> on the calling thread plus up to
    /// <c>threads - 1</c> workers, and returns when all are done. Returns false without running anything when
    /// the pool is busy with another caller.
    /// </summary>
    public static bool TryRun(IPartitionedJob job, int parts, int threads)
    {
        if (parts <= 1 || threads <= 1)
        {
            for (int p = 0; p < parts; p++) job.Execute(p);
            return true;
        }
        if (Interlocked.CompareExchange(ref _busy, 1, 0) != 0) return false;
        try
        {
            EnsureWorkers(threads - 1);
            _job = job;
            _parts = parts;
            _wanted = threads - 1;
            _failure = null;
            Volatile.Write(ref _remaining, parts);
            long generation = (Volatile.Read(ref _claim) >> 32) + 1;
            // Publish: the fields above, then the claim word (a full fence). A sleeper registers before its last
            // check of the claim word, so reading _sleepers after the publish cannot miss it.
            Interlocked.Exchange(ref _claim, generation << 32);
            if (Volatile.Read(ref _sleepers) > 0)
                lock (Gate) Monitor.PulseAll(Gate);
            ClaimAndRun(generation);
            var spin = new SpinWait();
            while (Volatile.Read(ref _remaining) != 0) spin.SpinOnce(sleep1Threshold: -1);
            _job = null;
            _failure?.Throw();
            return true;
        }
        finally { Volatile.Write(ref _busy, 0); }
    }

    /// <summary>Claims and runs parts of the job of <paramref name="generation"/> until none is left.</summary>
    private static void ClaimAndRun(long generation)
    {
        while (true)
        {
            long c = Volatile.Read(ref _claim);
            if (c >> 32 != generation) return;
            int part = (int)(c & 0xFFFF_FFFF);
            if (part >= _parts) return;
            if (Interlocked.CompareExchange(ref _claim, c + 1, c) != c) continue;
            try { _job!.Execute(part); }
            catch (Exception e) { _failure ??= ExceptionDispatchInfo.Capture(e); }
            finally { Interlocked.Decrement(ref _remaining); }
        }
    }

    private static void EnsureWorkers(int count)
    {
        if (_threads.Length < count) GrowWorkers(count);
    }

    // NOTE: kept out of EnsureWorkers, which runs on every call: a lambda's captured locals are allocated on
    // entry to the method that declares them, even when the early return skips the lambda.
    private static void GrowWorkers(int count)
    {
        var grown = new Thread[count];
        Array.Copy(_threads, grown, _threads.Length);
        long seen = Volatile.Read(ref _claim) >> 32;
        for (int w = _threads.Length; w < count; w++)
        {
            int index = w;
            var t = new Thread(() => WorkerLoop(index, seen)) { IsBackground = true, Name = $"Nabla kernel worker {index + 1}" };
            t.Start();
            grown[w] = t;
        }
        _threads = grown;
    }

    private static void WorkerLoop(int index, long seen)
    {
        long spinTicks = Stopwatch.Frequency * SpinMicroseconds / 1_000_000;
        long yieldTicks = Stopwatch.Frequency * 50 / 1_000_000;
        while (true)
        {
            long start = Stopwatch.GetTimestamp();
            long generation;
            int spins = 0;
            while ((generation = Volatile.Read(ref _claim) >> 32) == seen)
            {
                if ((++spins & 63) != 0) { Thread.SpinWait(8); continue; }
                long waited = Stopwatch.GetTimestamp() - start;
                // After the first ~50 us, offer the core to other runnable threads between checks: on a busy
                // machine a spinning worker must not take time from the thread that will publish the next job.
                if (waited > yieldTicks) Thread.Yield();
                if (waited < spinTicks) continue;
                lock (Gate)
                {
                    Interlocked.Increment(ref _sleepers);
                    while (Volatile.Read(ref _claim) >> 32 == seen) Monitor.Wait(Gate);
                    Interlocked.Decrement(ref _sleepers);
                }
            }
            seen = generation;
            // Workers beyond the thread budget of this job stay out of it.
            if (index < Volatile.Read(ref _wanted)) ClaimAndRun(generation);
        }
    }
}
