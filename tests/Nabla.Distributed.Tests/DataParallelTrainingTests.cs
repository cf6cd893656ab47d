using Nabla.NN;
using Nabla.NN.Data;
using Nabla.NN.Optim;
using Nabla.NN.Training;

namespace Nabla.Distributed.Tests;

/// <summary>
/// Data-parallel <see cref="Trainer.Fit"/> on threads of one process against the single-process run with the same
/// global batch. The stated tolerance (docs/DISTRIBUTED.md): after whole epochs of SGD with momentum every weight
/// agrees within 1e-5 (the only difference is the order of the float additions that sum the ranks' gradients).
/// </summary>
public class DataParallelTrainingTests
{
    private const float Tolerance = 1e-5f;

    // 51 samples: with a global batch of 16 the epoch is 16, 16, 16, 3, so 2 ranks get uneven last shards (1 and 2)
    // and 4 ranks get an empty one (0, 1, 1, 1).
    private static readonly TensorDataset Spirals = Dataset(BuiltInDatasets.Spirals(new Rng(3), pointsPerClass: 17, classes: 3));

    [Theory]
    [InlineData(2, true)]
    [InlineData(4, true)]
    [InlineData(2, false)]
    [InlineData(3, false)]
    public void Fit_NRanksOnShards_EqualsOneProcessOnTheGlobalBatch(int ranks, bool fused)
    {
        var single = Train(null, initSeed: 1, epochs: 3, fused);
        // Only rank 0's initial weights matter: Fit starts every rank from them.
        var parallel = InProcessCommunicator.Run(ranks, c => Train(c, initSeed: c.Rank == 0 ? 1 : 100 + (ulong)c.Rank, epochs: 3, fused));
        foreach (var rank in parallel)
        {
            AssertClose(single.Weights, rank.Weights);
            for (int e = 0; e < 3; e++)
            {
                Assert.Equal(single.History.Epochs[e].TrainLoss, rank.History.Epochs[e].TrainLoss, 1e-5);
                Assert.Equal(single.History.Epochs[e].Metrics["accuracy"], rank.History.Epochs[e].Metrics["accuracy"]);
            }
        }
        Assert.All(parallel, r => Assert.Equal(parallel[0].Weights, r.Weights));   // every rank applies the same update
    }

    [Fact]
    public void Fit_SameSeedTwice_IsBitForBitReproducible()
    {
        var first = InProcessCommunicator.Run(3, c => Train(c, initSeed: 5, epochs: 2, fused: true).Weights);
        var second = InProcessCommunicator.Run(3, c => Train(c, initSeed: 5, epochs: 2, fused: true).Weights);
        Assert.Equal(first[0], second[0]);
    }

    [Fact]
    public void Fit_ResumedFromACheckpointWithAnotherRankCount_EqualsTheUninterruptedRun()
    {
        string checkpoint = Path.Combine(Path.GetTempPath(), $"nabla-dist-{Guid.NewGuid():N}.safetensors");
        try
        {
            var uninterrupted = Train(null, initSeed: 1, epochs: 4, fused: true);
            // Two ranks train epochs 1-2 and rank 0 writes the checkpoint; three ranks resume for epochs 3-4.
            InProcessCommunicator.Run(2, c => Train(c, initSeed: 1, epochs: 2, fused: true, saveTo: c.Rank == 0 ? checkpoint : null));
            var resumed = InProcessCommunicator.Run(3, c => Train(c, initSeed: 9, epochs: 4, fused: true, resumeFrom: checkpoint));
            AssertClose(uninterrupted.Weights, resumed[2].Weights);
            Assert.Equal(4, resumed[2].History.Epochs.Count);
        }
        finally { File.Delete(checkpoint); }
    }

    [Fact]
    public void Fit_ARankFailsMidEpoch_EveryRankStopsWithItsReason()
    {
        var e = Assert.Throws<CommunicatorException>(() => InProcessCommunicator.Run(2, c =>
            Train(c, initSeed: 1, epochs: 3, fused: true, callback: c.Rank == 1 ? new FailAtBatch(2) : null),
            TimeSpan.FromSeconds(30)));
        Assert.Equal("rank 1 of 2 failed: simulated crash at batch 2", e.Message);
    }

    [Fact]
    public void Fit_ARankHangs_TheOthersTimeOutNamingIt()
    {
        var e = Assert.Throws<CommunicatorException>(() => InProcessCommunicator.Run(2, c =>
            Train(c, initSeed: 1, epochs: 3, fused: true, callback: c.Rank == 1 ? new SleepAtBatch(1, 1500) : null),
            TimeSpan.FromMilliseconds(300)));
        Assert.Contains("rank 0 waited 0.3 s in allreduce", e.Message);
        Assert.Contains("rank(s) 1, which never arrived", e.Message);
    }

    [Fact]
    public void Fit_RanksHoldDifferentData_FailsOnEveryRankNamingWhatDiffers()
    {
        var other = Dataset(BuiltInDatasets.Spirals(new Rng(4), pointsPerClass: 17, classes: 3));
        var e = Assert.Throws<CommunicatorException>(() => InProcessCommunicator.Run(2, c =>
            Train(c, initSeed: 1, epochs: 1, fused: true, data: c.Rank == 1 ? other : Spirals)));
        Assert.Contains("rank(s) 1 differ from rank 0", e.Message);
        Assert.Contains("training data values", e.Message);
    }

    public static TheoryData<string> Optimizers => ["sgd", "sgd-nesterov", "adam", "adamw", "rmsprop", "adagrad"];

    [Theory]
    [MemberData(nameof(Optimizers))]
    public void Fit_ShardedUpdate_EqualsTheWholeUpdateBitForBit(string optimizer)
    {
        // 99 weights: 2 ranks own 50 and 49 (one float of padding), 3 ranks 33 each; blocks split the parameters.
        foreach (int ranks in new[] { 2, 3 })
        {
            var sharded = InProcessCommunicator.Run(ranks, c => Train(c, 1, 2, fused: true, optimizer: optimizer));
            // A gradient hook must see the whole averaged gradient, so it keeps every rank on the whole update.
            var whole = InProcessCommunicator.Run(ranks, c => Train(c, 1, 2, fused: true, optimizer: optimizer, hook: _ => { }));
            for (int r = 0; r < ranks; r++)
            {
                Assert.Equal(whole[r].Weights, sharded[r].Weights);
                Assert.Equal(whole[r].OptimizerState, sharded[r].OptimizerState);   // gathered at the end of the epoch
                Assert.Equal(whole[r].History.Epochs[^1].TrainLoss, sharded[r].History.Epochs[^1].TrainLoss);
            }
            // Proof that the update was sharded: after it each rank's Grad is still its own shard's gradient.
            Assert.NotEqual(sharded[0].Gradients, sharded[1].Gradients);
            Assert.Equal(whole[0].Gradients, whole[1].Gradients);
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Fit_ShardedUpdateWithClippingAndDiagnostics_EqualsOneProcess(bool clip)
    {
        // The sharded step computes the gradient norms from the ranks' blocks: equal up to float rounding.
        var single = Train(null, 1, 3, fused: true, optimizer: "adam", clipNorm: clip ? 0.05f : null);
        var parallel = InProcessCommunicator.Run(3, c => Train(c, 1, 3, fused: true, optimizer: "adam", clipNorm: clip ? 0.05f : null));
        AssertClose(single.Weights, parallel[0].Weights);
        var expected = single.History.Epochs[^1].Diagnostics!.Layers.Select(l => l.GradientNorm ?? 0).ToArray();
        foreach (var rank in parallel)
        {
            var actual = rank.History.Epochs[^1].Diagnostics!.Layers.Select(l => l.GradientNorm ?? 0).ToArray();
            Assert.Equal(expected.Length, actual.Length);
            for (int l = 0; l < expected.Length; l++) Assert.Equal(expected[l], actual[l], 1e-5);
        }
        Assert.NotEqual(parallel[0].Gradients, parallel[1].Gradients);   // the update was sharded
    }

    [Fact]
    public void Shards_TheRanksRowsTogether_AreTheLoadersGlobalBatches()
    {
        DataLoader Loader() => new(Spirals, 16, shuffle: true, rng: new Rng(5));
        var expected = Loader().Select(b => (Features: b.Features.ToArray(), Targets: b.Targets.ToArray())).ToList();
        for (int ranks = 1; ranks <= 4; ranks++)
        {
            int n = ranks;
            var parts = Enumerable.Range(0, n).Select(r => Loader().Shards(r, n)
                .Select(s => (Features: s.Batch.Features.ToArray(), Targets: s.Batch.Targets.ToArray(), s.Start, s.GlobalSize, Global: s.GlobalTargets.ToArray()))
                .ToList()).ToList();
            for (int b = 0; b < expected.Count; b++)
            {
                Assert.Equal(expected[b].Features, parts.SelectMany(p => p[b].Features).ToArray());
                Assert.Equal(expected[b].Targets, parts.SelectMany(p => p[b].Targets).ToArray());
                int start = 0;
                foreach (var p in parts)
                {
                    Assert.Equal(start, p[b].Start);
                    Assert.Equal(expected[b].Targets.Length, p[b].GlobalSize);
                    Assert.Equal(expected[b].Targets, p[b].Global);
                    start += p[b].Targets.Length;
                }
            }
        }
    }

    private sealed record Run(float[] Weights, History History, float[] Gradients, float[] OptimizerState);

    private static Optimizer Create(string name, IEnumerable<Parameter> p) => name switch
    {
        "sgd" => new Sgd(p, lr: 0.1f, momentum: 0.9f),
        "sgd-nesterov" => new Sgd(p, lr: 0.05f, momentum: 0.9f, weightDecay: 1e-3f, nesterov: true),
        "adam" => new Adam(p, lr: 0.01f, weightDecay: 1e-3f, amsgrad: true),
        "adamw" => new AdamW(p, lr: 0.01f, weightDecay: 0.01f, maximize: true),
        "rmsprop" => new RmsProp(p, lr: 0.01f, momentum: 0.5f, centered: true),
        "adagrad" => new Adagrad(p, lr: 0.05f, lrDecay: 0.01f, initialAccumulatorValue: 0.1f),
        _ => throw new ArgumentException(name),
    };

    private static Run Train(ICommunicator? communicator, ulong initSeed, int epochs, bool fused, TensorDataset? data = null,
        string? saveTo = null, string? resumeFrom = null, Callback? callback = null, string optimizer = "sgd",
        Action<IReadOnlyList<Parameter>>? hook = null, float? clipNorm = null)
    {
        var model = new Sequential(new Dense(2, 16, rng: new Rng(initSeed)), new Tanh(), new Dense(16, 3, rng: new Rng(initSeed + 1)));
        var trainer = new Trainer(model, new CrossEntropyLoss(), Create(optimizer, model.Parameters()),
            new TrainerOptions { Seed = 7, Communicator = communicator, UseFusedPath = fused, GradientHook = hook, ClipGradNorm = clipNorm });
        if (resumeFrom is not null) trainer.LoadCheckpoint(resumeFrom);
        trainer.Fit(data ?? Spirals, epochs, GradientDescentMode.MiniBatch(16), callbacks: callback is null ? null : [callback]);
        Assert.Equal(fused, trainer.UsedFusedPath);
        if (saveTo is not null) trainer.SaveCheckpoint(saveTo);
        var state = trainer.Optimizer.StateDict().Buffers.OrderBy(b => b.Key, StringComparer.Ordinal).SelectMany(b => b.Value).ToArray();
        return new Run(model.Parameters().SelectMany(p => p.Value.ToArray()).ToArray(), trainer.History,
            model.Parameters().SelectMany(p => p.Grad!.ToArray()).ToArray(), state);
    }

    private static TensorDataset Dataset(TabularDataset table)
    {
        var (x, y) = table.ToTensors();
        return new TensorDataset(x, y);
    }

    private static void AssertClose(float[] expected, float[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        float worst = 0;
        for (int i = 0; i < expected.Length; i++) worst = Math.Max(worst, Math.Abs(expected[i] - actual[i]));
        Assert.True(worst <= Tolerance, $"largest weight difference {worst:G3} exceeds {Tolerance:G3}");
    }

    private sealed class FailAtBatch(int batch) : Callback
    {
        public override void OnBatchEnd(TrainingContext context, int index, double loss)
        {
            if (index == batch) throw new InvalidOperationException($"simulated crash at batch {batch}");
        }
    }

    private sealed class SleepAtBatch(int batch, int milliseconds) : Callback
    {
        public override void OnBatchEnd(TrainingContext context, int index, double loss)
        {
            if (index == batch && context.Epoch == 1) Thread.Sleep(milliseconds);
        }
    }
}
