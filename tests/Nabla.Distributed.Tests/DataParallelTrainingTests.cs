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

    private sealed record Run(float[] Weights, History History);

    private static Run Train(ICommunicator? communicator, ulong initSeed, int epochs, bool fused, TensorDataset? data = null,
        string? saveTo = null, string? resumeFrom = null, Callback? callback = null)
    {
        var model = new Sequential(new Dense(2, 16, rng: new Rng(initSeed)), new Tanh(), new Dense(16, 3, rng: new Rng(initSeed + 1)));
        var trainer = new Trainer(model, new CrossEntropyLoss(), new Sgd(model.Parameters(), lr: 0.1f, momentum: 0.9f),
            new TrainerOptions { Seed = 7, Communicator = communicator, UseFusedPath = fused });
        if (resumeFrom is not null) trainer.LoadCheckpoint(resumeFrom);
        trainer.Fit(data ?? Spirals, epochs, GradientDescentMode.MiniBatch(16), callbacks: callback is null ? null : [callback]);
        Assert.Equal(fused, trainer.UsedFusedPath);
        if (saveTo is not null) trainer.SaveCheckpoint(saveTo);
        return new Run(model.Parameters().SelectMany(p => p.Value.ToArray()).ToArray(), trainer.History);
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
