using System.Diagnostics;

namespace Nabla.Bench;

/// <summary>Timing: warm up, then the median of several runs, each long enough for the clock to be exact.</summary>
internal static class Measure
{
    /// <summary>
    /// Seconds per call of <paramref name="action"/>: warms up for <paramref name="warmupSeconds"/> (the JIT
    /// promotes hot code and caches fill), then takes the median of <paramref name="runs"/> runs of enough
    /// calls to last at least <paramref name="minRunSeconds"/> each.
    /// </summary>
    public static double MedianSecondsPerCall(Action action, int runs, double warmupSeconds, double minRunSeconds)
    {
        long warmEnd = Stopwatch.GetTimestamp() + (long)(warmupSeconds * Stopwatch.Frequency);
        int calls = 0;
        long start = Stopwatch.GetTimestamp();
        do { action(); calls++; } while (Stopwatch.GetTimestamp() < warmEnd);
        double perCall = Stopwatch.GetElapsedTime(start).TotalSeconds / calls;
        int batch = Math.Max(1, (int)Math.Ceiling(minRunSeconds / Math.Max(perCall, 1e-9)));

        var samples = new double[runs];
        for (int r = 0; r < runs; r++)
        {
            long t0 = Stopwatch.GetTimestamp();
            for (int i = 0; i < batch; i++) action();
            samples[r] = Stopwatch.GetElapsedTime(t0).TotalSeconds / batch;
        }
        Array.Sort(samples);
        return runs % 2 == 1 ? samples[runs / 2] : 0.5 * (samples[runs / 2 - 1] + samples[runs / 2]);
    }
}
