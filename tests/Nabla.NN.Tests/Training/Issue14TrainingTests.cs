using Microsoft.Extensions.Logging;
using Nabla.NN.Data;
using Nabla.NN.Optim;
using Nabla.NN.Training;

namespace Nabla.NN.Tests.Training;

/// <summary>Issue 14: defaults that converge, class weights, per-class metrics, progress, cancellation and logging.</summary>
public class Issue14TrainingTests
{
    [Theory]
    [InlineData(100, false, new[] { 64 })]
    [InlineData(1000, false, new[] { 64 })]
    [InlineData(768, true, new[] { 64, 64 })]
    [InlineData(300, true, new[] { 64 })]
    [InlineData(4000, true, new[] { 128, 128 })]
    [InlineData(48000, false, new[] { 256 })]
    public void HiddenLayers_GrowWithTheTrainingRows(int rows, bool regression, int[] expected) =>
        Assert.Equal(expected, TrainingDefaults.HiddenLayers(rows, regression));

    [Fact]
    public void DefaultEarlyStopping_EndsLongBeforeTheCap_AndRestoresTheBestEpoch()
    {
        var split = DatasetSplit.Split(TrainingData.Blobs(30, seed: 2), 0.3, 0, seed: 3);
        var model = TrainingData.Mlp(2, 16, 3, seed: 4);
        var trainer = new Trainer(model, new CrossEntropyLoss(), new Adam(model.Parameters(), lr: 0.05f), new TrainerOptions { Seed = 5 });
        var history = trainer.Fit(split.Train, TrainingDefaults.EpochCap, GradientDescentMode.MiniBatch(16), split.Validation,
            [TrainingDefaults.CreateEarlyStopping(patience: 5)]);
        Assert.True(history.Epochs.Count < 200, $"{history.Epochs.Count} epochs");
        Assert.NotNull(history.StopReason);
        // The weights of the best epoch (patience epochs before the end) are back in the model.
        double restored = trainer.Evaluate(split.Validation!).Loss;
        int best = history.ValidationLoss.ToList().FindIndex(v => Math.Abs(v - restored) < 1e-6);
        Assert.Equal(history.Epochs.Count - 1 - 5, best);
    }

    [Fact]
    public void Balanced_IsScikitLearnsFormula()
    {
        // sklearn.utils.class_weight.compute_class_weight("balanced", classes=[0,1,2], y=[0,0,0,0,1,1,2,2,2,2,2,2]) = [1, 2, 0.6667]
        Assert.Equal([1f, 2f, 12f / 18f], ClassWeights.Balanced([0, 0, 0, 0, 1, 1, 2, 2, 2, 2, 2, 2], 3), new FloatTolerance(1e-6f));
    }

    [Fact]
    public void Parse_NamesClasses_AndRejectsUnknownOnesWithTheList()
    {
        var targets = Tensor.FromArray([0f, 1f, 1f], 3);
        Assert.Equal([2f, 1f], ClassWeights.Parse("cat=2", ["cat", "dog"], targets));
        var e = Assert.Throws<ArgumentException>(() => ClassWeights.Parse("cow=2", ["cat", "dog"], targets));
        Assert.Contains("the classes are cat, dog", e.Message);
        Assert.Throws<ArgumentException>(() => ClassWeights.Parse("cat=-1", ["cat", "dog"], targets));
    }

    [Fact]
    public void WeightedCrossEntropy_MatchesPyTorchsWeightedMean()
    {
        // torch.nn.CrossEntropyLoss(weight=w)(x, y) = sum_i w[y_i] * nll_i / sum_i w[y_i]
        var logits = Tensor.FromArray([1f, 2f, 0.5f, -1f, 0f, 3f], 3, 2);
        var y = Tensor.FromArray([0f, 1f, 1f], 3);
        var weighted = ClassWeights.Apply(new CrossEntropyLoss(), [3f, 1f]);
        double expected = 0;
        float[] x = logits.ToArray();
        int[] labels = [0, 1, 1];
        float[] w = [3f, 1f];
        double total = 0;
        for (int i = 0; i < 3; i++)
        {
            double lse = Math.Log(Math.Exp(x[2 * i]) + Math.Exp(x[2 * i + 1]));
            expected += w[labels[i]] * (lse - x[2 * i + labels[i]]);
            total += w[labels[i]];
        }
        Assert.Equal(expected / total, weighted.Forward(logits, y).Item(), 5);
    }

    [Fact]
    public void WeightedBce_EqualsTwoClassWeightedCrossEntropy()
    {
        // One logit z is the two-class logits [0, z]: the weighted losses must agree.
        float[] z = [0.3f, -1.2f, 2f, 0.1f];
        float[] y = [1f, 0f, 1f, 0f];
        var bce = ClassWeights.Apply(new BceWithLogitsLoss(), [0.5f, 4f]).Forward(Tensor.FromArray(z, 4, 1), Tensor.FromArray(y, 4, 1)).Item();
        var twoLogits = Tensor.FromArray(z.SelectMany(v => new[] { 0f, v }).ToArray(), 4, 2);
        var ce = ClassWeights.Apply(new CrossEntropyLoss(), [0.5f, 4f]).Forward(twoLogits, Tensor.FromArray(y, 4)).Item();
        Assert.Equal(ce, bce, 5);
    }

    [Fact]
    public void PerClass_GivesPrecisionRecallF1Support()
    {
        var m = new ConfusionMatrix([0, 1, 1, 1], [0, 0, 1, 1], 2);
        var rows = ClassMetrics.From(m, ["a", "b"]);
        Assert.Equal(("a", 1.0, 0.5, 2L), (rows[0].Class, rows[0].Precision, rows[0].Recall, rows[0].Support));
        Assert.Equal(2 / 3.0, rows[0].F1, 12);
        Assert.Equal(("b", 2 / 3.0, 1.0, 2L), (rows[1].Class, rows[1].Precision, rows[1].Recall, rows[1].Support));
    }

    [Fact]
    public void Fit_ReportsEveryBatch_AndEveryEpoch()
    {
        var data = TrainingData.Blobs(8, seed: 1);   // 24 samples, batches of 10: 3 per epoch
        var model = TrainingData.Mlp(2, 4, 3, seed: 2);
        var trainer = new Trainer(model, new CrossEntropyLoss(), new Adam(model.Parameters()), new TrainerOptions { Seed = 3 });
        var reports = new List<TrainingProgress>();
        trainer.Fit(data, 2, GradientDescentMode.MiniBatch(10), progress: new Inline<TrainingProgress>(reports.Add));
        Assert.Equal(8, reports.Count);   // (3 batches + 1 epoch end) x 2 epochs
        Assert.Equal([1, 2, 3], reports.Take(3).Select(r => r.Batch));
        Assert.Equal(24, reports[2].Samples);
        Assert.NotNull(reports[3].Completed);
        Assert.Equal(trainer.History.Epochs[0].TrainLoss, reports[2].RunningLoss, 9);
    }

    [Fact]
    public void Fit_Evaluate_Predict_HonourCancellation()
    {
        var data = TrainingData.Blobs(8, seed: 1);
        var model = TrainingData.Mlp(2, 4, 3, seed: 2);
        var trainer = new Trainer(model, new CrossEntropyLoss(), new Adam(model.Parameters()), new TrainerOptions { Seed = 3 });
        using var cts = new CancellationTokenSource();
        // Cancel during the second epoch: the first stays in the history.
        var progress = new Inline<TrainingProgress>(p => { if (p.Epoch == 2) cts.Cancel(); });
        Assert.Throws<OperationCanceledException>(() => trainer.Fit(data, 5, GradientDescentMode.MiniBatch(10), progress: progress, cancellationToken: cts.Token));
        Assert.Single(trainer.History.Epochs);
        Assert.Throws<OperationCanceledException>(() => trainer.Evaluate(data, cts.Token));
        Assert.Throws<OperationCanceledException>(() => trainer.Predict(data.Features, cts.Token));
    }

    [Fact]
    public void Evaluate_Predict_ReportEveryBatch()
    {
        var data = TrainingData.Blobs(8, seed: 1);   // 24 samples, evaluation batches of 10: 3
        var model = TrainingData.Mlp(2, 4, 3, seed: 2);
        var trainer = new Trainer(model, new CrossEntropyLoss(), new Adam(model.Parameters()), new TrainerOptions { Seed = 3, EvaluationBatchSize = 10 });
        var reports = new List<InferenceProgress>();
        Tensor outputs = trainer.Predict(data.Features, new Inline<InferenceProgress>(reports.Add));
        Assert.Equal([1, 2, 3], reports.Select(r => r.Batch));
        Assert.Equal([10L, 20L, 24L], reports.Select(r => r.Samples));
        Assert.All(reports, r => Assert.Equal(3, r.Batches));
        Assert.Equal(trainer.Predict(data.Features).ToArray(), outputs.ToArray());
        reports.Clear();
        trainer.Evaluate(data, new Inline<InferenceProgress>(reports.Add));
        Assert.Equal(1.0, reports[^1].Fraction);
    }

    [Fact]
    public void Logger_ReceivesWarningsAndEpochEvents()
    {
        var logger = new ListLogger();
        var split = DatasetSplit.Split(TrainingData.Blobs(10, seed: 2), 0.3, 0, seed: 3);
        var model = TrainingData.Mlp(2, 4, 3, seed: 4);
        var trainer = new Trainer(model, new CrossEntropyLoss(), new Adam(model.Parameters()), new TrainerOptions { Seed = 5, Logger = logger });
        trainer.Fit(split.Train, 3, GradientDescentMode.MiniBatch(8), split.Validation, [new EarlyStopping(patience: 1, minDelta: 1e9)]);
        Assert.Contains(logger.Entries, e => e.Level == LogLevel.Information && e.Message.StartsWith("Epoch 1/3", StringComparison.Ordinal));
        Assert.Contains(logger.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("Early stopping", StringComparison.Ordinal));
    }

    private sealed class Inline<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }

    private sealed class ListLogger : ILogger
    {
        public List<(LogLevel Level, string Message)> Entries { get; } = [];
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Entries.Add((logLevel, formatter(state, exception)));
    }

    private sealed class FloatTolerance(float tolerance) : IEqualityComparer<float>
    {
        public bool Equals(float x, float y) => Math.Abs(x - y) <= tolerance;
        public int GetHashCode(float obj) => 0;
    }
}
