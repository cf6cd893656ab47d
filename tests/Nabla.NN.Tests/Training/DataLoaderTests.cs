using Nabla.NN.Data;

namespace Nabla.NN.Tests.Training;

public class DataLoaderTests
{
    // Sample i has features [i, 10 i] and target i, so a batch shows which samples it holds.
    private static TensorDataset Numbered(int n)
    {
        var f = new float[n * 2];
        var t = new float[n];
        for (int i = 0; i < n; i++) { f[2 * i] = i; f[2 * i + 1] = 10 * i; t[i] = i; }
        return new TensorDataset(Tensor.FromArray(f, n, 2), Tensor.FromArray(t, n));
    }

    private static List<int[]> Epoch(DataLoader loader) =>
        loader.Select(b => b.Targets.ToArray().Select(v => (int)v).ToArray()).ToList();

    [Theory]
    [InlineData(10, 4, false, new[] { 4, 4, 2 })]
    [InlineData(10, 4, true, new[] { 4, 4 })]
    [InlineData(8, 4, false, new[] { 4, 4 })]
    [InlineData(3, 10, false, new[] { 3 })]
    public void Batches_SizesAndCount_FollowBatchSizeAndDropLast(int n, int batchSize, bool dropLast, int[] sizes)
    {
        var loader = new DataLoader(Numbered(n), batchSize, dropLast: dropLast);
        Assert.Equal(sizes.Length, loader.Count);
        Assert.Equal(sizes, loader.Select(b => b.Size).ToArray());
    }

    [Fact]
    public void Batches_NoShuffle_KeepOrderAndRowsStayTogether()
    {
        var batches = new DataLoader(Numbered(5), 2).Select(b => (b.Features.ToArray(), b.Targets.ToArray(), b.Features.Shape.ToString())).ToList();
        Assert.Equal(new float[] { 0, 0, 1, 10 }, batches[0].Item1);
        Assert.Equal(new float[] { 4, 40 }, batches[2].Item1);
        Assert.Equal("[1, 2]", batches[2].Item3);
    }

    [Fact]
    public void Shuffle_SameSeed_SameOrders_AndEachEpochReshuffles()
    {
        var a = new DataLoader(Numbered(20), 5, shuffle: true, rng: new Rng(3));
        var b = new DataLoader(Numbered(20), 5, shuffle: true, rng: new Rng(3));
        var a1 = Epoch(a).SelectMany(x => x).ToArray();
        var a2 = Epoch(a).SelectMany(x => x).ToArray();
        Assert.Equal(a1, Epoch(b).SelectMany(x => x).ToArray());
        Assert.NotEqual(a1, a2);
        Assert.Equal(Enumerable.Range(0, 20), a1.Order());  // every sample exactly once
        Assert.Equal(Enumerable.Range(0, 20), a2.Order());
        Assert.NotEqual(Enumerable.Range(0, 20), a1);
    }

    [Fact]
    public void Batches_ReuseOneBuffer_NextBatchOverwritesPrevious()
    {
        var loader = new DataLoader(Numbered(4), 2);
        Tensor? first = null;
        foreach (var batch in loader)
        {
            first ??= batch.Features;
        }
        // The first batch's tensor now shows the last batch's rows: the buffer was reused, not reallocated.
        Assert.Equal(new float[] { 2, 20, 3, 30 }, first!.ToArray());
    }

    [Fact]
    public void TensorDataset_MismatchedRows_ThrowsNamingShapes()
    {
        var e = Assert.Throws<ArgumentException>(() => new TensorDataset(Tensor.Zeros(3, 2), Tensor.Zeros(4)));
        Assert.Contains("[3, 2]", e.Message);
        Assert.Contains("[4]", e.Message);
    }

    [Theory]
    [InlineData("batch", 10, 1)]
    [InlineData("mini", 10, 3)]
    [InlineData("stochastic", 10, 10)]
    public void GradientDescentMode_StepsPerEpoch_MatchMode(string mode, int n, int steps)
    {
        var m = mode switch { "batch" => GradientDescentMode.Batch, "mini" => GradientDescentMode.MiniBatch(4), _ => GradientDescentMode.Stochastic };
        Assert.Equal(steps, m.CreateLoader(Numbered(n), new Rng(1)).Count);
    }

    [Fact]
    public void Split_Stratified_KeepsClassSharesAndCoversEverySampleOnce()
    {
        // 60 samples of class 0, 30 of class 1, 10 of class 2; 20% validation, 10% test.
        int n = 100;
        var t = new float[n];
        for (int i = 0; i < n; i++) t[i] = i < 60 ? 0 : i < 90 ? 1 : 2;
        var f = Enumerable.Range(0, n).Select(i => (float)i).ToArray();
        var data = new TensorDataset(Tensor.FromArray(f, n, 1), Tensor.FromArray(t));
        var split = DatasetSplit.Split(data, 0.2, 0.1, seed: 5);
        Assert.Equal(70, split.Train.Count);
        Assert.Equal(20, split.Validation!.Count);
        Assert.Equal(10, split.Test!.Count);
        int[] Count(TensorDataset d) => [.. Enumerable.Range(0, 3).Select(c => d.Targets.ToArray().Count(v => v == c))];
        Assert.Equal([42, 21, 7], Count(split.Train));
        Assert.Equal([12, 6, 2], Count(split.Validation));
        Assert.Equal([6, 3, 1], Count(split.Test));
        var all = split.Train.Features.ToArray().Concat(split.Validation.Features.ToArray()).Concat(split.Test.Features.ToArray());
        Assert.Equal(f, all.Order());
        // Features stay with their targets.
        var tr = split.Train;
        for (int i = 0; i < tr.Count; i++) Assert.Equal(t[(int)tr.Features.ToArray()[i]], tr.Targets.ToArray()[i]);
    }

    [Fact]
    public void Split_SameSeed_SameSplit_DifferentSeed_Different()
    {
        var data = new TensorDataset(Tensor.Arange(50).Reshape(50, 1), Tensor.Arange(50) * 0.5f);
        var a = DatasetSplit.Split(data, 0.2, 0.2, seed: 1);
        var b = DatasetSplit.Split(data, 0.2, 0.2, seed: 1);
        var c = DatasetSplit.Split(data, 0.2, 0.2, seed: 2);
        Assert.Equal(a.Test!.Features.ToArray(), b.Test!.Features.ToArray());
        Assert.NotEqual(a.Test.Features.ToArray(), c.Test!.Features.ToArray());
        Assert.Equal(30, a.Train.Count);
    }

    [Fact]
    public void Split_FractionsLeaveNoTraining_Throws()
    {
        var data = new TensorDataset(Tensor.Zeros(10, 1), Tensor.Zeros(10));
        Assert.Throws<ArgumentException>(() => DatasetSplit.Split(data, 0.5, 0.5, seed: 1));
    }
}

public class DataLoaderAllocationTests
{
    [Fact]
    public void Epoch_ManyBatches_AllocatesFarLessThanOneBatchBufferPerBatch()
    {
        // 50 batches of [100, 100] floats = 40 kB each; a loader that allocated per batch would need 2 MB per epoch.
        var data = new TensorDataset(Tensor.Zeros(5000, 100), Tensor.Zeros(5000));
        var loader = new DataLoader(data, 100, shuffle: true, rng: new Rng(1));
        foreach (var _ in loader) { }   // warm up (JIT)
        long before = GC.GetAllocatedBytesForCurrentThread();
        int batches = 0;
        foreach (var b in loader) batches += b.Size > 0 ? 1 : 0;
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(50, batches);
        Assert.True(allocated < 40_000, $"one epoch allocated {allocated} bytes");
    }
}
