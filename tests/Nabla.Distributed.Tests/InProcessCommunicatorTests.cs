using Nabla.Distributed;

namespace Nabla.Distributed.Tests;

public class InProcessCommunicatorTests
{
    [Fact]
    public void AllReduceSum_ThreeRanks_EveryRankGetsTheSum()
    {
        var results = InProcessCommunicator.Run(3, c =>
        {
            float[] v = [c.Rank, 10 * c.Rank + 1];
            c.AllReduceSum(v);
            return v;
        });
        foreach (var v in results) Assert.Equal([3f, 33f], v);
    }

    [Fact]
    public void Broadcast_FromRankOne_EveryRankGetsItsValues()
    {
        var results = InProcessCommunicator.Run(3, c =>
        {
            float[] v = [c.Rank + 0.5f, -c.Rank];
            c.Broadcast(v, root: 1);
            c.Barrier();
            return v;
        });
        foreach (var v in results) Assert.Equal([1.5f, -1f], v);
    }

    [Fact]
    public void AllReduceSum_ManyRounds_IsTheSameWhateverTheThreadTiming()
    {
        // Sums are taken in rank order: 1e8 + 1 - 1e8 depends on the order, so any other order shows up.
        var results = InProcessCommunicator.Run(3, c =>
        {
            float[] v = new float[1];
            for (int round = 0; round < 200; round++)
            {
                v[0] = c.Rank switch { 0 => 1e8f, 1 => 1f, _ => -1e8f };
                c.AllReduceSum(v);
            }
            return v[0];
        });
        Assert.All(results, r => Assert.Equal((1e8f + 1f) + -1e8f, r));
    }

    [Fact]
    public void Collective_RanksCallDifferentOperations_FailsOnEveryRankWithBothNamed()
    {
        var e = Assert.Throws<CommunicatorException>(() => InProcessCommunicator.Run(2, c =>
        {
            if (c.Rank == 0) c.AllReduceSum(new float[4]);
            else c.Broadcast(new float[4]);
            return 0;
        }, TimeSpan.FromSeconds(5)));
        Assert.Contains("allreduce of 4 floats", e.Message);
        Assert.Contains("broadcast of 4 floats", e.Message);
    }

    [Fact]
    public void Collective_ARankNeverArrives_TimesOutNamingIt()
    {
        var e = Assert.Throws<CommunicatorException>(() => InProcessCommunicator.Run(3, c =>
        {
            if (c.Rank != 2) c.AllReduceSum(new float[2]);
            return 0;
        }, TimeSpan.FromMilliseconds(300)));
        Assert.Contains("rank(s) 2", e.Message);
        Assert.Contains("never arrived", e.Message);
    }

    [Fact]
    public void Run_ARankThrows_TheOthersFailAtOnceWithItsReason()
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var e = Assert.Throws<CommunicatorException>(() => InProcessCommunicator.Run(2, c =>
        {
            if (c.Rank == 1) throw new IOException("disk full");
            c.AllReduceSum(new float[2]);
            return 0;
        }, TimeSpan.FromSeconds(30)));
        Assert.Equal("rank 1 of 2 failed: disk full", e.Message);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), "the waiting rank must not sit out its timeout");
    }

    [Fact]
    public void Abort_OneRank_TheOthersFailWithTheReason()
    {
        var e = Assert.Throws<CommunicatorException>(() => InProcessCommunicator.Run(2, c =>
        {
            if (c.Rank == 0) c.Abort("bad input on rank 0");
            else c.Barrier();
            return 0;
        }, TimeSpan.FromSeconds(30)));
        Assert.Contains("rank 0 aborted: bad input on rank 0", e.Message);
    }
}
