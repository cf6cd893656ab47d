using Nabla.NN.Data;
using Nabla.NN.Optim;
using Nabla.NN.Schedules;
using Nabla.NN.Training;

namespace Nabla.NN.Tests.Training;

public sealed class CallbackTests : IDisposable
{
    private readonly string dir = Path.Combine(Path.GetTempPath(), "nabla-callbacks-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
    }

    private static (Trainer Trainer, TensorDataset Data) Regression(float lr = 0.05f, ulong seed = 1)
    {
        var data = TrainingData.Linear(32, seed);
        var model = TrainingData.Mlp(2, 8, 1, seed);
        return (new Trainer(model, new MseLoss(), new Sgd(model.Parameters(), lr), new TrainerOptions { Seed = seed }), data);
    }

    /// <summary>Records the weights after every epoch.</summary>
    private sealed class WeightRecorder : Callback
    {
        public List<float[]> Weights { get; } = [];
        public override void OnEpochEnd(TrainingContext context, EpochRecord record) => Weights.Add(TrainingData.Weights(context.Model));
    }

    [Fact]
    public void EarlyStopping_NoImprovement_StopsAfterPatienceAndRestoresBest()
    {
        var (trainer, data) = Regression();
        var recorder = new WeightRecorder();
        // A minDelta larger than any possible change: only epoch 1 counts as an improvement.
        var stop = new EarlyStopping(monitor: "loss", patience: 3, minDelta: 1e9, restoreBestWeights: true);
        var history = trainer.Fit(data, 20, GradientDescentMode.MiniBatch(8), callbacks: [recorder, stop]);
        Assert.Equal(4, history.Epochs.Count);
        Assert.Equal(4, stop.StoppedEpoch);
        Assert.Equal(1, stop.BestEpoch);
        Assert.Contains("Early stopping after epoch 4", history.StopReason);
        Assert.Equal(recorder.Weights[0], TrainingData.Weights(trainer.Model));
        Assert.NotEqual(recorder.Weights[^1], TrainingData.Weights(trainer.Model));
    }

    [Fact]
    public void EarlyStopping_ValLossWithoutValidation_FallsBackToTrainingLossWithWarning()
    {
        var (trainer, data) = Regression();
        var stop = new EarlyStopping(patience: 2);
        var history = trainer.Fit(data, 3, GradientDescentMode.MiniBatch(8), callbacks: [stop]);
        Assert.Equal("loss", stop.Monitor);
        Assert.Contains(history.Warnings, w => w.Contains("no validation set"));
    }

    [Fact]
    public void TerminateOnNaN_DivergingLearningRate_StopsWithSmallerLearningRateAdvice()
    {
        var (trainer, data) = Regression(lr: 1e8f);
        var history = trainer.Fit(data, 50, GradientDescentMode.Stochastic);
        Assert.True(history.Epochs.Count < 50);
        Assert.NotNull(history.StopReason);
        Assert.Contains("learning rate (1E+08) is probably too large: try a smaller one", history.StopReason);
        Assert.Contains(history.StopReason, history.Warnings);
    }

    [Fact]
    public void CsvLogger_ThreeEpochs_WritesHeaderAndOneRowPerEpoch()
    {
        var (trainer, data) = Regression();
        string path = Path.Combine(dir, "log.csv");
        var split = DatasetSplit.Split(data, 0.25, 0, seed: 1);
        trainer.Fit(split.Train, 3, GradientDescentMode.MiniBatch(8), split.Validation, [new CsvLogger(path)]);
        var lines = File.ReadAllLines(path);
        Assert.Equal("epoch,loss,mae,r2,val_loss,val_mae,val_r2,lr,seconds", lines[0]);
        Assert.Equal(4, lines.Length);
        Assert.StartsWith("3,", lines[3]);
        double loss = double.Parse(lines[3].Split(',')[1], System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(trainer.History.Loss[2], loss);
    }

    [Fact]
    public void LearningRateScheduler_StepLR_HalvesEveryTwoEpochsInHistory()
    {
        var (trainer, data) = Regression(lr: 0.04f);
        var schedule = new StepLR(trainer.Optimizer, stepSize: 2, gamma: 0.5f);
        var history = trainer.Fit(data, 5, GradientDescentMode.MiniBatch(8), callbacks: [new LearningRateScheduler(schedule)]);
        Assert.Equal([0.04, 0.04, 0.02, 0.02, 0.01], history.LearningRate.Select(l => Math.Round(l, 6)));
    }

    [Fact]
    public void LearningRateScheduler_Function_SetsRateBeforeEachEpoch()
    {
        var (trainer, data) = Regression();
        var history = trainer.Fit(data, 3, GradientDescentMode.MiniBatch(8), callbacks: [new LearningRateScheduler(e => 0.1 / (e + 1))]);
        Assert.Equal([0.1, 0.05, 0.0333333], history.LearningRate.Select(l => Math.Round(l, 7)));
    }

    [Fact]
    public void TextProgress_ThreeEpochs_WritesHeaderAndOneLinePerEpoch()
    {
        var (trainer, data) = Regression();
        var writer = new StringWriter();
        trainer.Fit(data, 3, GradientDescentMode.MiniBatch(8), callbacks: [new TextProgress(writer)]);
        var lines = writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("Training regression target for 3 epochs: 4 steps of 32 samples per epoch", lines[0]);
        Assert.Equal(3, lines.Count(l => l.StartsWith("epoch ", StringComparison.Ordinal)));
        Assert.Matches(@"^epoch 2/3  loss \d+\.\d{4}  mae \d+\.\d{4}  r2 -?\d+\.\d{4}  lr 0\.05  \d+\.\d\ds$", lines[2]);
    }

    [Fact]
    public void ModelCheckpoint_EveryTwoAndBest_WritesLoadableFiles()
    {
        var (trainer, data) = Regression();
        var cb = new ModelCheckpoint(dir, everyEpochs: 2, saveBest: true, monitor: "loss");
        trainer.Fit(data, 4, GradientDescentMode.MiniBatch(8), callbacks: [cb]);
        Assert.True(File.Exists(cb.EpochPath(2)));
        Assert.True(File.Exists(cb.EpochPath(4)));
        Assert.False(File.Exists(cb.EpochPath(3)));
        Assert.True(File.Exists(cb.BestPath));
        var (other, _) = Regression(seed: 9);
        other.LoadCheckpoint(cb.EpochPath(4));
        Assert.Equal(TrainingData.Weights(trainer.Model), TrainingData.Weights(other.Model));
        Assert.Equal(4, other.EpochsCompleted);
        Assert.Equal(trainer.History.Loss, other.History.Loss);
    }

    [Fact]
    public void Context_EstimateRemaining_IsNullBeforeFirstStepThenPositive()
    {
        var (trainer, data) = Regression();
        var probe = new EtaProbe();
        trainer.Fit(data, 2, GradientDescentMode.MiniBatch(8), callbacks: [probe]);
        Assert.Null(probe.AtStart);
        Assert.NotNull(probe.AfterFirstBatch);
        Assert.Equal(TimeSpan.Zero, probe.AtEnd);
    }

    private sealed class EtaProbe : Callback
    {
        public TimeSpan? AtStart, AfterFirstBatch, AtEnd;
        public override void OnEpochBegin(TrainingContext context) { if (context.Epoch == 1) AtStart = context.EstimateRemaining(0); }
        public override void OnBatchEnd(TrainingContext context, int batch, double loss)
        {
            if (context.Epoch == 1 && batch == 0) AfterFirstBatch = context.EstimateRemaining(1);
            if (context.Epoch == 2 && batch == context.BatchesPerEpoch - 1) AtEnd = context.EstimateRemaining(batch + 1);
        }
    }
}
