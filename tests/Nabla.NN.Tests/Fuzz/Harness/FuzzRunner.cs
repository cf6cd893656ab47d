using System.Diagnostics;
using System.Security.Cryptography;

namespace Nabla.Fuzzing;

/// <summary>What went wrong with one input.</summary>
/// <param name="Case">Case number (-1 for a corpus file).</param>
/// <param name="Problem">Escaped exception, empty message, hang or over-allocation, in words.</param>
/// <param name="SavedAs">Where the input was written.</param>
public sealed record FuzzFailure(int Case, string Problem, string SavedAs);

/// <summary>Outcome of a fuzz run over one reader.</summary>
public sealed record FuzzReport(string Target, int Cases, int Accepted, int Rejected, IReadOnlyList<FuzzFailure> Failures,
    TimeSpan Elapsed, TimeSpan SlowestCase, long MostAllocated)
{
    /// <summary>One line for the test log and docs/RELIABILITY.md.</summary>
    public override string ToString() =>
        $"{Target}: {Cases} cases ({Accepted} accepted, {Rejected} rejected with a documented exception), {Failures.Count} failures, " +
        $"{Elapsed.TotalSeconds:F1} s, slowest case {SlowestCase.TotalMilliseconds:F0} ms, most allocated {MostAllocated / 1024} KiB";
}

/// <summary>
/// Drives a <see cref="FuzzTarget"/>: on a worker thread, case after case, it checks that only documented exception
/// types escape and that each has a message, that the case allocates less than the target's bound
/// (<see cref="GC.GetAllocatedBytesForCurrentThread"/> measured around the call) and, from a watchdog on the calling
/// thread, that no case runs longer than <see cref="FuzzSettings.CaseTimeLimit"/> (a hung worker is abandoned).
/// </summary>
public static class FuzzRunner
{
    /// <summary>Runs <paramref name="cases"/> mutated inputs.</summary>
    public static FuzzReport Run(FuzzTarget target, int cases, ulong seed)
    {
        var mutator = new Mutator(target.Seeds, target.Tokens, target.MaxInputLength);
        // Each case has its own generator, so case i of seed s can be regenerated alone.
        return Drive(target, cases, i => mutator.Next(new FuzzRng(seed * 1_000_003UL + (ulong)i)));
    }

    /// <summary>Replays saved inputs (the regression corpus) with the same checks.</summary>
    public static FuzzReport Replay(FuzzTarget target, IReadOnlyList<byte[]> inputs) =>
        Drive(target, inputs.Count, i => inputs[i]);

    private sealed class Shared
    {
        public long CaseStart;   // Stopwatch ticks when the current case began; 0 between cases
        public int Current = -1;
        public byte[]? Input;
        public bool Done;
    }

    private static FuzzReport Drive(FuzzTarget target, int cases, Func<int, byte[]> input)
    {
        var failures = new List<FuzzFailure>();
        var shared = new Shared();
        int accepted = 0, rejected = 0;
        long slowest = 0, mostAllocated = 0;
        var total = Stopwatch.StartNew();
        var worker = new Thread(() =>
        {
            for (int i = 0; i < cases && failures.Count < 20; i++)
            {
                byte[] data = input(i);
                Volatile.Write(ref shared.Input, data);
                Volatile.Write(ref shared.Current, i);
                long before = GC.GetAllocatedBytesForCurrentThread();
                long start = Stopwatch.GetTimestamp();
                Volatile.Write(ref shared.CaseStart, start);
                string? problem = null;
                try
                {
                    target.Run(data);
                    accepted++;
                }
                catch (Exception e) when (target.Allowed.Contains(e.GetType()))
                {
                    if (string.IsNullOrWhiteSpace(e.Message)) problem = $"{e.GetType().Name} with an empty message";
                    else rejected++;
                }
                catch (Exception e)
                {
                    problem = $"undocumented {e.GetType().FullName}: {e.Message}\n{e.StackTrace}";
                }
                long ticks = Stopwatch.GetTimestamp() - start;
                Volatile.Write(ref shared.CaseStart, 0);
                long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
                slowest = Math.Max(slowest, ticks);
                mostAllocated = Math.Max(mostAllocated, allocated);
                if (problem is null && allocated > target.AllocationLimit(data.Length))
                    problem = $"allocated {allocated} bytes for a {data.Length}-byte input (bound {target.AllocationLimit(data.Length)})";
                if (problem is not null)
                    lock (failures) failures.Add(new FuzzFailure(i, problem, Save(target, data)));
            }
            Volatile.Write(ref shared.Done, true);
        })
        { IsBackground = true, Name = "fuzz " + target.Name };
        worker.Start();

        long limit = (long)(FuzzSettings.CaseTimeLimit.TotalSeconds * Stopwatch.Frequency);
        while (!worker.Join(50))
        {
            long began = Volatile.Read(ref shared.CaseStart);
            if (began != 0 && Stopwatch.GetTimestamp() - began > limit)
            {
                // The worker is stuck; keep the input and give up on the thread (it is a background thread).
                lock (failures)
                    failures.Add(new FuzzFailure(shared.Current, $"hang: case still running after {FuzzSettings.CaseTimeLimit.TotalSeconds} s",
                        Save(target, Volatile.Read(ref shared.Input)!)));
                break;
            }
        }
        lock (failures)
            return new FuzzReport(target.Name, cases, accepted, rejected, failures.ToArray(), total.Elapsed,
                TimeSpan.FromSeconds((double)slowest / Stopwatch.Frequency), mostAllocated);
    }

    private static string Save(FuzzTarget target, byte[] data)
    {
        string dir = Path.Combine(FuzzSettings.OutputDirectory, target.Name);
        Directory.CreateDirectory(dir);
        string path = Path.Combine(dir, "crash-" + Convert.ToHexStringLower(SHA256.HashData(data))[..16] + ".bin");
        File.WriteAllBytes(path, data);
        return path;
    }
}
