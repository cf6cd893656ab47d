using Nabla.NN.Training;
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

    [Fact]
    public void ReduceScatterSum_ThreeRanks_EachGetsItsBlockOfTheSum()
    {
        var results = InProcessCommunicator.Run(3, c =>
        {
            float[] v = [.. Enumerable.Range(0, 6).Select(i => (float)(i + 10 * c.Rank))];   // rank r: i + 10 r
            var block = new float[2];
            c.ReduceScatterSum(v, block);
            return block;
        });
        // Sum over ranks of i + 10 r = 3 i + 30; rank r receives elements 2r and 2r + 1.
        for (int r = 0; r < 3; r++) Assert.Equal([3f * (2 * r) + 30, 3f * (2 * r + 1) + 30], results[r]);
    }

    [Fact]
    public void AllGather_ThreeRanks_EveryRankGetsEveryBlock()
    {
        var results = InProcessCommunicator.Run(3, c =>
        {
            var v = new float[6];
            v[2 * c.Rank] = c.Rank + 1;
            v[2 * c.Rank + 1] = -(c.Rank + 1);
            c.AllGather(v);
            return v;
        });
        foreach (var v in results) Assert.Equal([1f, -1f, 2f, -2f, 3f, -3f], v);
    }

    [Fact]
    public void BlockCollectives_LengthNotRanksTimesBlock_FailNamingBoth()
    {
        var e = Assert.Throws<CommunicatorException>(() => InProcessCommunicator.Run(2, c =>
        {
            c.ReduceScatterSum(new float[5], new float[2]);
            return 0;
        }));
        Assert.Contains("got 5 floats for blocks of 2", e.Message);
        Assert.Throws<CommunicatorException>(() => InProcessCommunicator.Run(2, c =>
        {
            c.AllGather(new float[5]);
            return 0;
        }));
    }

    [Fact]
    public void BlockCollectives_DefaultImplementations_AgreeWithTheGroupsOwn()
    {
        // A communicator that implements only the four original collectives gets reduce-scatter and all-gather from
        // the interface's defaults (allreduce, broadcasts): the results must be the same.
        var results = InProcessCommunicator.Run(2, c =>
        {
            ICommunicator basic = new BasicOnly(c);
            float[] v = [1 + c.Rank, 2, 3 * c.Rank, 4], block = new float[2];
            basic.ReduceScatterSum(v, block);
            float[] gathered = [c.Rank, c.Rank, c.Rank, c.Rank];
            basic.AllGather(gathered);
            return (block, gathered);
        });
        Assert.Equal([3f, 4f], results[0].block);
        Assert.Equal([3f, 8f], results[1].block);
        Assert.All(results, r => Assert.Equal([0f, 0f, 1f, 1f], r.gathered));
    }

    [Theory]
    [InlineData("0", 1)]
    [InlineData(" 0-1\n", 2)]
    [InlineData("0-3,8,10-11", 7)]
    [InlineData("garbage", 0)]
    public void CountCpus_LinuxCpuLists_CountsEveryCpu(string list, int expected) =>
        Assert.Equal(expected, DistributedEnvironment.CountCpus(list));

    private sealed class BasicOnly(ICommunicator inner) : ICommunicator
    {
        public int Rank => inner.Rank;
        public int Size => inner.Size;
        public void AllReduceSum(Span<float> values) => inner.AllReduceSum(values);
        public void Broadcast(Span<float> values, int root = 0) => inner.Broadcast(values, root);
        public void Barrier() => inner.Barrier();
        public void Abort(string reason) => inner.Abort(reason);
    }
}
