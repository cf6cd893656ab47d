using Nabla.NN.Data;
using Nabla.NN.Optim;
using Nabla.NN.Schedules;
using Nabla.NN.Tests.Training;
using Nabla.NN.Training;

namespace Nabla.NN.Tests.Reliability;

/// <summary>
/// Issue #15, item 12: early stopping and ReduceLROnPlateau keep their state (patience counter, best value and weights,
/// plateau position and learning rate) in the checkpoint, so a resumed run ends bit-identical to an uninterrupted one.
/// </summary>
public sealed class StatefulResumeTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("nabla-stateful-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static Trainer NewTrainer(ulong initSeed)
    {
        var model = TrainingData.Mlp(2, 12, 3, initSeed, depth: 2);
        return new Trainer(model, new CrossEntropyLoss(), new Adam(model.Parameters(), lr: 0.05f), new TrainerOptions { Seed = 21 });
    }

    private static List<Callback> Stateful(Trainer t, string kind) => kind == "early-stopping"
        ? [new EarlyStopping("val_loss", patience: 2, minDelta: 0.01, restoreBestWeights: true)]
        : [new LearningRateScheduler(new ReduceLROnPlateau(t.Optimizer, factor: 0.5f, patience: 1))];

    [Theory]
    [InlineData("early-stopping")]
    [InlineData("plateau")]
    public void Resume_AfterAnyEpoch_EndsBitwiseEqualToUninterruptedRun(string kind)
    {
        const int epochs = 14;
        var split = DatasetSplit.Split(TrainingData.Blobs(30, seed: 4), 0.3, 0, seed: 5);
        var mode = GradientDescentMode.MiniBatch(7);
        var straight = NewTrainer(initSeed: 1);
        straight.Fit(split.Train, epochs, mode, split.Validation, Stateful(straight, kind));
        var expected = straight.Model.StateDict();

        foreach (int stopAt in new[] { 3, 6, 9 })
        {
            string checkpoint = Path.Combine(_dir, $"{kind}-{stopAt}.safetensors");
            var first = NewTrainer(initSeed: 1);
            first.Fit(split.Train, stopAt, mode, split.Validation, [.. Stateful(first, kind), new PeriodicCheckpoint(checkpoint)]);
            var resumed = NewTrainer(initSeed: 2);
            resumed.LoadCheckpoint(checkpoint);
            resumed.Fit(split.Train, epochs, mode, split.Validation, Stateful(resumed, kind));
            Assert.Equal(straight.History.Epochs.Count, resumed.History.Epochs.Count);
            foreach (var (name, w) in expected)
                Assert.True(w.AsSpan().SequenceEqual(resumed.Model.StateDict()[name].AsSpan()), $"{kind}, resumed after epoch {stopAt}: {name} differs");
        }
    }
}
