using Nabla.NN.Data;
using Nabla.NN.Optim;
using Nabla.NN.Training;

namespace Nabla.NN.Tests.Training;

public class TrainerTests
{
    [Fact]
    public void Fit_XorBinaryWithLogits_Overfits()
    {
        var model = TrainingData.Mlp(2, 8, 1, seed: 1);
        var trainer = new Trainer(model, new BceWithLogitsLoss(), new Adam(model.Parameters(), lr: 0.05f), new TrainerOptions { Seed = 1 });
        var history = trainer.Fit(TrainingData.Xor(), epochs: 300, GradientDescentMode.Batch);
        Assert.Equal(TaskKind.BinaryClassification, trainer.Task!.Kind);
        Assert.Equal(1.0, history.Last!.Get("accuracy"));
        Assert.True(history.Loss[^1] < 0.05, $"final loss {history.Loss[^1]}");
        Assert.Equal([0, 1, 1, 0], trainer.PredictClasses(TrainingData.Xor().Features));
        Assert.Equal(1.0, trainer.Evaluate(TrainingData.Xor())["roc_auc"]);
    }

    [Fact]
    public void Fit_BlobsMulticlass_ReachesHighValidationAccuracy()
    {
        var split = DatasetSplit.Split(TrainingData.Blobs(40, seed: 2), 0.25, 0, seed: 3);
        var model = TrainingData.Mlp(2, 16, 3, seed: 4);
        var trainer = new Trainer(model, new CrossEntropyLoss(), new Sgd(model.Parameters(), lr: 0.1f, momentum: 0.9f), new TrainerOptions { Seed = 5 });
        var history = trainer.Fit(split.Train, epochs: 15, GradientDescentMode.MiniBatch(16), split.Validation);
        Assert.Equal(new TaskSpec(TaskKind.MulticlassClassification, 3, 1), trainer.Task);
        Assert.True(history["val_accuracy"][^1] >= 0.95, $"val accuracy {history["val_accuracy"][^1]}");
        Assert.True(history.ValidationLoss[^1] < history.ValidationLoss[0]);
        Assert.Contains("f1_macro", history.Last!.Metrics.Keys);
        var eval = trainer.Evaluate(split.Validation!);
        Assert.Equal(history["val_accuracy"][^1], eval["accuracy"], 12);
        Assert.Equal(history.ValidationLoss[^1], eval.Loss, 6);
    }

    [Fact]
    public void Fit_LinearRegression_FitsTheLine()
    {
        var data = TrainingData.Linear(64, seed: 6);
        var model = new Sequential(new Dense(2, 1, rng: new Rng(7)));
        var trainer = new Trainer(model, new MseLoss(), new Sgd(model.Parameters(), lr: 0.1f), new TrainerOptions { Seed = 8 });
        var history = trainer.Fit(data, epochs: 40, GradientDescentMode.MiniBatch(8));
        Assert.Equal(TaskKind.Regression, trainer.Task!.Kind);
        Assert.True(history["r2"][^1] > 0.999, $"R^2 {history["r2"][^1]}");
        var w = ((Dense)model[0]).Weight.Value.ToArray();
        Assert.Equal(2f, w[0], 0.05f);
        Assert.Equal(-1f, w[1], 0.05f);
        Assert.Equal(new[] { 64, 1 }, trainer.Predict(data.Features).Shape.Dims);
    }

    [Theory]
    [InlineData("batch", 1)]
    [InlineData("mini", 3)]
    [InlineData("stochastic", 10)]
    public void Fit_Modes_TakeTheRightNumberOfSteps(string mode, int steps)
    {
        var data = TrainingData.Linear(10, seed: 1);
        var m = mode switch { "batch" => GradientDescentMode.Batch, "mini" => GradientDescentMode.MiniBatch(4), _ => GradientDescentMode.Stochastic };
        var model = new Sequential(new Dense(2, 1, rng: new Rng(2)));
        var opt = new Sgd(model.Parameters(), lr: 0.01f);
        var history = new Trainer(model, new MseLoss(), opt).Fit(data, 2, m);
        Assert.All(history.Epochs, e => Assert.Equal(steps, e.Steps));
        Assert.Equal(2 * steps, opt.StepCount);
    }

    [Fact]
    public void Fit_BatchMode_OneStepIsTheAveragedFullGradient()
    {
        // Full-batch GD on MSE: w <- w - lr * (1/N) sum_i dL_i/dw. Compute that step by hand with the engine and compare.
        var data = TrainingData.Linear(12, seed: 3);
        var reference = new Sequential(new Dense(2, 1, rng: new Rng(4)));
        var model = new Sequential(new Dense(2, 1, rng: new Rng(4)));
        var loss = new MseLoss().Forward(reference.Forward(data.Features), data.Targets.Reshape(12, 1));
        loss.Backward();
        var expected = reference.Parameters().SelectMany(p => p.Value.ToArray().Zip(p.Grad!.ToArray(), (v, g) => v - 0.1f * g)).ToArray();

        new Trainer(model, new MseLoss(), new Sgd(model.Parameters(), lr: 0.1f)).Fit(data, 1, GradientDescentMode.Batch);
        // Tolerance of a few ulps: the optimizer may fuse the multiply-add of the update.
        Assert.Equal(expected, TrainingData.Weights(model), EqualityComparer<float>.Create((a, b) => Math.Abs(a - b) <= 1e-6f * Math.Max(1, Math.Abs(a)), _ => 0));
    }

    [Fact]
    public void Fit_MulticlassTargetSingleOutput_FailsBeforeFirstStepNamingClassesAndLayer()
    {
        var model = TrainingData.Mlp(2, 4, 1, seed: 1);
        var before = TrainingData.Weights(model);
        var trainer = new Trainer(model, new CrossEntropyLoss(), new Sgd(model.Parameters(), lr: 0.1f));
        var e = Assert.Throws<InvalidOperationException>(() => trainer.Fit(TrainingData.Blobs(5, seed: 1), 1));
        Assert.Contains("multiclass target with 3 classes but the last layer (Dense(4 -> 1)) has 1 output", e.Message);
        Assert.Equal(before, TrainingData.Weights(model));
    }

    [Theory]
    [InlineData("regression-ce", "classification loss")]
    [InlineData("binary-mse", "needs BceWithLogitsLoss")]
    [InlineData("binary-3", "use 1 output with BceWithLogitsLoss, or 2 with CrossEntropyLoss")]
    [InlineData("multi-mse", "needs CrossEntropyLoss")]
    public void Fit_LossOrOutputMismatch_ThrowsWithRemedy(string situation, string expected)
    {
        (TensorDataset data, int outputs, Loss loss) = situation switch
        {
            "regression-ce" => (TrainingData.Linear(8, 1), 1, (Loss)new CrossEntropyLoss()),
            "binary-mse" => (TrainingData.Xor(), 1, new MseLoss()),
            "binary-3" => (TrainingData.Xor(), 3, new BceWithLogitsLoss()),
            _ => (TrainingData.Blobs(3, 1), 3, new MseLoss()),
        };
        var model = TrainingData.Mlp(2, 4, outputs, seed: 1);
        var e = Assert.Throws<InvalidOperationException>(() => new Trainer(model, loss, new Sgd(model.Parameters(), lr: 0.1f)).Fit(data, 1));
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void Fit_ExplicitTask_OverridesInference()
    {
        // Targets 0, 1, 2 repeated look like classes; declared as regression they train with MSE.
        var data = new TensorDataset(Tensor.FromArray([0f, 1, 2, 3, 4, 5], 6, 1), Tensor.FromArray([0f, 1, 2, 0, 1, 2]));
        var model = new Sequential(new Dense(1, 1, rng: new Rng(1)));
        var trainer = new Trainer(model, new MseLoss(), new Sgd(model.Parameters(), lr: 0.01f),
            new TrainerOptions { Task = new TaskSpec(TaskKind.Regression, 0, 1) });
        var history = trainer.Fit(data, 1, GradientDescentMode.Batch);
        Assert.Contains("mae", history.Last!.Metrics.Keys);
    }

    [Fact]
    public void Constructor_SumReducedLoss_IsRejected()
    {
        var model = new Sequential(new Dense(1, 1, rng: new Rng(1)));
        var e = Assert.Throws<ArgumentException>(() => new Trainer(model, new MseLoss(Reduction.Sum), new Sgd(model.Parameters(), lr: 0.1f)));
        Assert.Contains("Reduction.Mean", e.Message);
    }
}

public class TrainerEvaluateTests
{
    [Fact]
    public void Evaluate_BeforeFitWithSigmoidAndBceLoss_ReadsOutputsAsProbabilities()
    {
        // Bias 0 and weights 0 give sigmoid(0) = 0.5 for every sample: probabilities >= 0.5 are class 1.
        var model = new Sequential(new Dense(2, 1, weightInit: (w, _) => Init.Zeros(w), biasInit: (b, _) => Init.Zeros(b), rng: new Rng(1)), new Sigmoid());
        var trainer = new Trainer(model, new BceLoss(), new Sgd(model.Parameters(), lr: 0.1f));
        var eval = trainer.Evaluate(TrainingData.Xor());
        Assert.Equal(OutputKind.Probabilities, trainer.OutputKind);
        Assert.Equal([1, 1, 1, 1], eval.Predictions.PredictedLabels);
        Assert.Equal(0.5, eval["accuracy"]);
        Assert.Equal(Math.Log(2), eval.Loss, 6);
    }
}
