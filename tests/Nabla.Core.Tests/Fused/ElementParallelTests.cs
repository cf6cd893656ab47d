using Nabla.Fused;

namespace Nabla.Tests.Fused;

/// <summary>The element-parallel entry the optimizers use: every element exactly once, on disjoint cache-line-aligned ranges.</summary>
public class ElementParallelTests
{
    private sealed class CountingRange(int length) : IElementRange
    {
        public int[] Visits { get; } = new int[length];
        public List<(int Start, int End)> Ranges { get; } = [];

        public void Run(int start, int end)
        {
            lock (Ranges) Ranges.Add((start, end));
            for (int i = start; i < end; i++) Visits[i]++;
        }
    }

    private sealed class FailingRange : IElementRange
    {
        public void Run(int start, int end) => throw new InvalidOperationException($"range {start}..{end} failed");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(100)]
    [InlineData(2 * ElementParallel.MinElementsPerPart + 37)]
    [InlineData(5 * ElementParallel.MinElementsPerPart + 3)]
    public void Run_VisitsEveryElementOnce_OnDisjointAlignedRanges(int length)
    {
        var range = new CountingRange(length);
        ElementParallel.Run(range, length);
        Assert.All(range.Visits, v => Assert.Equal(1, v));
        foreach (var (start, end) in range.Ranges)
        {
            Assert.True(start < end || length == 0);
            Assert.Equal(0, start % 64);
        }
        if (length < 2 * ElementParallel.MinElementsPerPart) Assert.Single(range.Ranges);
    }

    [Theory]
    [InlineData(10)]
    [InlineData(4 * ElementParallel.MinElementsPerPart)]
    public void Run_RethrowsWhatARangeThrew(int length)
    {
        var e = Assert.Throws<InvalidOperationException>(() => ElementParallel.Run(new FailingRange(), length));
        Assert.Contains("failed", e.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => ElementParallel.Run(new FailingRange(), -1));
    }

    private sealed class ScaleRange(float[] data) : IElementRange
    {
        public void Run(int start, int end)
        {
            for (int i = start; i < end; i++) data[i] *= 0.5f;
        }
    }

    [Fact]
    public void Run_AllocatesNothingInSteadyState()
    {
        var range = new ScaleRange(new float[3 * ElementParallel.MinElementsPerPart]);
        ElementParallel.Run(range, 3 * ElementParallel.MinElementsPerPart);
        long allocated = long.MaxValue;   // quietest of three rounds: tiered JIT may allocate while re-compiling
        for (int round = 0; round < 3; round++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 5; i++)
            {
                ElementParallel.Run(range, 3 * ElementParallel.MinElementsPerPart);
                ElementParallel.Run(range, 100);
            }
            allocated = Math.Min(allocated, GC.GetAllocatedBytesForCurrentThread() - before);
        }
        Assert.True(allocated == 0, $"10 runs allocated {allocated} bytes");
    }
}
