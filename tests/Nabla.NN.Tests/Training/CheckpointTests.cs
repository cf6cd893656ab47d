using Nabla.NN.Data;
using Nabla.NN.Optim;
using Nabla.NN.Schedules;
using Nabla.NN.Serialization;
using Nabla.NN.Training;

namespace Nabla.NN.Tests.Training;

public sealed class CheckpointTests : IDisposable
{
    private readonly string dir = Path.Combine(Path.GetTempPath(), "nabla-ckpt-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
    }

    private static Trainer NewTrainer(ulong initSeed)
    {
        var model = TrainingData.Mlp(2, 12, 3, initSeed, depth: 2);
        var opt = new Adam(model.Parameters(), lr: 0.02f);
        return new Trainer(model, new CrossEntropyLoss(), opt, new TrainerOptions { Seed = 21 });
    }

    private static List<Callback> Schedule(Trainer t) => [new LearningRateScheduler(new StepLR(t.Optimizer, stepSize: 2, gamma: 0.5f))];

    [Fact]
    public void Resume_FromEpochThree_EndsBitwiseEqualToUninterruptedRun()
    {
        var split = DatasetSplit.Split(TrainingData.Blobs(30, seed: 4), 0.2, 0, seed: 5);
        var mode = GradientDescentMode.MiniBatch(7);   // shuffled batches with a smaller last one

        var straight = NewTrainer(initSeed: 1);
        straight.Fit(split.Train, 6, mode, split.Validation, Schedule(straight));

        var first = NewTrainer(initSeed: 1);
        var checkpoints = new ModelCheckpoint(dir, everyEpochs: 3, saveBest: false);
        first.Fit(split.Train, 3, mode, split.Validation, [.. Schedule(first), checkpoints]);

        // A fresh process: different initial weights and a fresh optimizer, then the checkpoint, then the schedule
        // (it starts from the optimizer's saved initial rate, not the decayed rate the checkpoint restored).
        var resumed = NewTrainer(initSeed: 99);
        resumed.LoadCheckpoint(checkpoints.EpochPath(3));
        var schedule = Schedule(resumed);
        Assert.Equal(3, resumed.EpochsCompleted);
        resumed.Fit(split.Train, 6, mode, split.Validation, schedule);

        Assert.Equal(TrainingData.Weights(straight.Model), TrainingData.Weights(resumed.Model));
        Assert.Equal(straight.History.Loss, resumed.History.Loss);
        Assert.Equal(straight.History.LearningRate, resumed.History.LearningRate);
        Assert.Equal(straight.Optimizer.StepCount, resumed.Optimizer.StepCount);
    }

    [Fact]
    public void Resume_ModelWithDropout_RestoresItsMaskGeneratorAndEndsBitwiseEqual()
    {
        static Trainer WithDropout(ulong initSeed, ulong dropoutSeed)
        {
            var rng = new Rng(initSeed);
            var model = new Sequential(new Dense(2, 12, rng: rng), new ReLU(), new Dropout(0.3f, new Rng(dropoutSeed)), new Dense(12, 3, rng: rng));
            return new Trainer(model, new CrossEntropyLoss(), new Adam(model.Parameters(), lr: 0.02f), new TrainerOptions { Seed = 21 });
        }
        var data = TrainingData.Blobs(30, seed: 4);
        var mode = GradientDescentMode.MiniBatch(8);

        var straight = WithDropout(1, 7);
        straight.Fit(data, 4, mode);

        var first = WithDropout(1, 7);
        first.Fit(data, 2, mode);
        string path = Path.Combine(dir, "dropout.safetensors");
        first.SaveCheckpoint(path);

        var resumed = WithDropout(99, 12345); // other weights and another dropout stream until the checkpoint loads
        resumed.LoadCheckpoint(path);
        resumed.Fit(data, 4, mode);

        Assert.Equal(TrainingData.Weights(straight.Model), TrainingData.Weights(resumed.Model));
    }

    [Fact]
    public void Load_TruncatedFile_FailsClearly()
    {
        var t = NewTrainer(1);
        t.Fit(TrainingData.Blobs(5, 1), 1, GradientDescentMode.Batch);
        string path = Path.Combine(dir, "c.safetensors");
        t.SaveCheckpoint(path);
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length - 10)]);
        Assert.Throws<DataFormatException>(() => NewTrainer(2).LoadCheckpoint(path));
    }

    [Fact]
    public void Load_OtherArchitecture_FailsNamingTheMismatchAndChangesNothing()
    {
        var t = NewTrainer(1);
        string path = Path.Combine(dir, "c.safetensors");
        t.SaveCheckpoint(path);
        var model = TrainingData.Mlp(2, 5, 3, seed: 3);
        var other = new Trainer(model, new CrossEntropyLoss(), new Adam(model.Parameters(), lr: 0.02f));
        var before = TrainingData.Weights(model);
        var e = Assert.Throws<DataFormatException>(() => other.LoadCheckpoint(path));
        Assert.Contains("does not fit this trainer", e.Message);
        Assert.Equal(before, TrainingData.Weights(model));
        Assert.Equal(0, other.EpochsCompleted);
    }

    [Fact]
    public void Load_PlainWeightsFile_SaysItIsNotACheckpoint()
    {
        string path = Path.Combine(dir, "w.safetensors");
        Directory.CreateDirectory(dir);
        SafeTensors.Save(path, [new StoredTensor("0.weight", [1], [1f])]);
        var e = Assert.Throws<DataFormatException>(() => NewTrainer(1).LoadCheckpoint(path));
        Assert.Contains("no 'format' entry", e.Message);
    }
}
