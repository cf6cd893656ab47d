using Nabla.Kernels;

namespace Nabla.Fused;

/// <summary>An element-wise update over elements <c>[start, end)</c> of every buffer it reads and writes.</summary>
/// <remarks>Implement it on a reusable object (a class holding its buffers) so a call allocates nothing.</remarks>
public interface IElementRange
{
    /// <summary>Updates elements <c>start .. end-1</c>; ranges given to different threads never overlap.</summary>
    void Run(int start, int end);
}

/// <summary>
/// Splits an element-wise update (an optimizer's step over a parameter) across the kernel workers, the threads the
/// matrix products use, so the update of a large buffer does not run on one core while the others wait. Every element
/// is updated by the same code whichever thread runs it, so results are bitwise identical for every thread count.
/// </summary>
public static class ElementParallel
{
    /// <summary>
    /// Elements per part at least: 32k floats are ~10-20 us of Adam's work, far above the ~1 us hand-off to a
    /// spinning worker; smaller buffers (biases, a 10-class output layer) run on the calling thread.
    /// </summary>
    public const int MinElementsPerPart = 1 << 15;

    /// <summary>
    /// Runs <paramref name="range"/> over <c>0 .. length-1</c>: on the calling thread below
    /// <c>2 * </c><see cref="MinElementsPerPart"/> elements or with one thread, else in parts whose boundaries are
    /// multiples of 64 elements (two threads never write the same cache line) across up to
    /// <see cref="Threading.MaxThreads"/> threads. Allocates nothing in steady state; an exception in a part is rethrown here.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="length"/> is negative.</exception>
    public static void Run(IElementRange range, int length)
    {
        ArgumentNullException.ThrowIfNull(range);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        int threads = Threading.MaxThreads;
        int parts = Math.Min(2 * threads, length / MinElementsPerPart);
        if (threads <= 1 || parts <= 1)
        {
            range.Run(0, length);
            return;
        }
        ElementSplitJob.Run(range, length, parts, threads);
    }
}

/// <summary>The kernel-worker job behind <see cref="ElementParallel"/>: part p covers about <c>length * p / parts</c> onwards.</summary>
internal sealed class ElementSplitJob : IPartitionedJob
{
    [ThreadStatic] private static ElementSplitJob? _cached;
    private IElementRange? _range;
    private int _length, _parts;

    public static void Run(IElementRange range, int length, int parts, int threads)
    {
        ElementSplitJob job = _cached ??= new ElementSplitJob();
        job._range = range;
        job._length = length;
        job._parts = parts;
        try
        {
            if (!KernelWorkers.TryRun(job, parts, threads))
                for (int p = 0; p < parts; p++) job.Execute(p);   // pool busy with another caller: same parts, here
        }
        finally { job._range = null; }
    }

    /// <inheritdoc />
    public void Execute(int part)
    {
        // Boundaries on multiples of 64 elements (256 bytes): two threads never write the same cache line.
        int start = (int)((long)_length * part / _parts) & ~63, end = part + 1 == _parts ? _length : (int)((long)_length * (part + 1) / _parts) & ~63;
        if (start < end) _range!.Run(start, end);
    }
}
