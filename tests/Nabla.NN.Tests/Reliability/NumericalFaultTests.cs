using Nabla.NN.Data;
using Nabla.NN.Optim;
using Nabla.NN.Serialization;
using Nabla.NN.Training;

namespace Nabla.NN.Tests.Reliability;

/// <summary>
/// Issue #8, item 2: NaN/Inf in the data is reported by row and column before training; a diverging run stops with a
/// learning-rate suggestion and the last good checkpoint stays on disk; a constant column is handled and reported.
/// </summary>
[Collection(Nabla.NN.Tests.Reliability.ReliabilityCollection.Name)]
public sealed class NumericalFaultTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "nabla-numfault-" + Guid.NewGuid().ToString("N")[..8]);

    public NumericalFaultTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static TensorDataset Regression(int n = 64, int features = 3, ulong seed = 1)
    {
        var rng = new Rng(seed);
        var x = Tensor.Randn(rng, n, features);
        var xs = x.ToArray();
        var y = Enumerable.Range(0, n).Select(i => 2 * xs[i * features] - xs[i * features + 1] + 0.5f).ToArray();
        return new TensorDataset(x, Tensor.FromArray(y, n));
    }

    private static Trainer NewTrainer(float lr = 0.01f, int features = 3)
    {
        var model = new Sequential(new Dense(features, 8, rng: new Rng(2)), new Tanh(), new Dense(8, 1, rng: new Rng(3)));
        return new Trainer(model, new MseLoss(), new Sgd(model.Parameters(), lr), new TrainerOptions { Seed = 4 });
    }

    public static TheoryData<float, string> NonFinite => new() { { float.NaN, "NaN" }, { float.PositiveInfinity, "+Infinity" }, { float.NegativeInfinity, "-Infinity" } };

    [Theory]
    [MemberData(nameof(NonFinite))]
    public void Fit_NonFiniteFeature_ReportsRowAndColumnBeforeTraining(float bad, string shown)
    {
        var data = Regression();
        data.Features.AsSpan()[17 * 3 + 2] = bad;
        var trainer = NewTrainer();
        var before = trainer.Model.StateDict().ToDictionary(kv => kv.Key, kv => kv.Value.ToArray());

        var e = Assert.Throws<ArgumentException>(() => trainer.Fit(data, epochs: 1));

        Assert.Contains($"contain {shown} at row 17, column 2", e.Message);
        Assert.Contains("training features", e.Message);
        Assert.Contains("impute", e.Message);
        Assert.Equal(0, trainer.EpochsCompleted);
        foreach (var (name, t) in trainer.Model.StateDict()) Assert.Equal(before[name], t.ToArray());
    }

    [Fact]
    public void Fit_NonFiniteTargetInValidation_Reported()
    {
        var train = Regression();
        var validation = Regression(16, seed: 9);
        validation.Targets.AsSpan()[5] = float.NaN;
        var e = Assert.Throws<ArgumentException>(() => NewTrainer().Fit(train, 1, validation: validation));
        Assert.Contains("validation targets", e.Message);
        Assert.Contains("row 5, column 0", e.Message);
    }

    [Theory]
    [InlineData("x,y\n1,2\n3,inf\n5,6\n", "line 3", "column 2")]
    [InlineData("x,y\n1,2\n1e999,4\n5,6\n", "line 3", "column 1")]
    [InlineData("x,y\n1,2\n3,4\n,6\n", "line 4", "column 1")]
    public void PreprocessorFit_NonFiniteOrMissingCsvValue_ReportsLineAndColumn(string csv, string line, string column)
    {
        var e = Assert.Throws<DataFormatException>(() => Preprocessor.Fit(CsvTable.Parse(csv, sourceName: "data.csv")));
        Assert.Contains("data.csv", e.Message);
        Assert.Contains(line, e.Message);
        Assert.Contains(column, e.Message);
    }

    [Fact]
    public void PreprocessorFit_ConstantColumn_NoDivisionByZeroAndWarns()
    {
        var table = CsvTable.Parse("a,b,y\n1,7,0\n2,7,1\n3,7,0\n4,7,1\n");
        var pre = Preprocessor.Fit(table);
        var encoded = pre.Transform(table);
        Assert.All(encoded.Features.ToArray(), v => Assert.True(float.IsFinite(v)));
        Assert.Contains(pre.Warnings, w => w.Contains("\"b\" is constant", StringComparison.Ordinal));
    }

    /// <summary>Raises the learning rate at the start of one epoch: a stable run that turns unstable mid-way.</summary>
    private sealed class LrJump(int atEpoch, float lr) : Callback
    {
        public override void OnEpochBegin(TrainingContext context)
        {
            if (context.Epoch == atEpoch) context.Optimizer.Lr = lr;
        }
    }

    [Theory]
    [InlineData(1e3f)]
    [InlineData(1e9f)]
    public void Fit_Diverging_StopsWithLearningRateSuggestionAndKeepsLastGoodCheckpoint(float badLr)
    {
        string path = Path.Combine(_dir, "checkpoint.safetensors");
        var trainer = NewTrainer(lr: 0.05f);
        var checkpoint = new PeriodicCheckpoint(path);

        var history = trainer.Fit(Regression(), epochs: 20, GradientDescentMode.MiniBatch(8), callbacks: [checkpoint, new LrJump(4, badLr)]);

        Assert.NotNull(history.StopReason);
        Assert.Contains("epoch 4", history.StopReason);
        Assert.Contains("learning rate", history.StopReason);
        Assert.Contains($"e.g. {badLr / 10:G4}", history.StopReason);
        Assert.True(history.Epochs.Count < 20, "training did not stop");
        // The last good state is the end of epoch 3, and it is what is on disk.
        Assert.Equal(3, checkpoint.LastSavedEpoch);
        var resumed = NewTrainer();
        resumed.LoadCheckpoint(path);
        Assert.Equal(3, resumed.EpochsCompleted);
        foreach (var (_, t) in resumed.Model.StateDict()) Assert.All(t.ToArray(), v => Assert.True(float.IsFinite(v)));
        Assert.All(SafeTensors.Load(path).Tensors, t => Assert.All(t.Data, v => Assert.True(float.IsFinite(v))));
    }

    [Fact]
    public void PeriodicCheckpoint_EveryEpoch_ResumeEqualsUninterruptedRun()
    {
        string path = Path.Combine(_dir, "every.safetensors");
        var straight = NewTrainer();
        straight.Fit(Regression(), epochs: 6, GradientDescentMode.MiniBatch(8));

        var first = NewTrainer();
        first.Fit(Regression(), epochs: 4, GradientDescentMode.MiniBatch(8), callbacks: [new PeriodicCheckpoint(path)]);
        var second = NewTrainer();
        second.LoadCheckpoint(path);
        second.Fit(Regression(), epochs: 6, GradientDescentMode.MiniBatch(8));

        foreach (var (name, t) in straight.Model.StateDict())
            Assert.Equal(t.ToArray(), second.Model.StateDict()[name].ToArray());
    }
}
