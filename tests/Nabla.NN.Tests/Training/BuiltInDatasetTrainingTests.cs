using Nabla.NN.Data;
using Nabla.NN.Optim;
using Nabla.NN.Training;

namespace Nabla.NN.Tests.Training;

/// <summary>One end-to-end run per task type on the classic data sets shipped with the library.</summary>
public class BuiltInDatasetTrainingTests
{
    /// <summary>Standardises features with the training part's mean and standard deviation (applied to every part).</summary>
    private static DatasetSplit Prepare(TabularDataset table, double validation, double test, ulong seed)
    {
        var (x, y) = table.ToTensors();
        var split = DatasetSplit.Split(new TensorDataset(x, y), validation, test, seed);
        int d = split.Train.FeatureSize;
        var mean = new double[d];
        var sq = new double[d];
        var f = split.Train.Features.AsSpan();
        for (int i = 0; i < split.Train.Count; i++)
            for (int j = 0; j < d; j++) { mean[j] += f[i * d + j]; sq[j] += (double)f[i * d + j] * f[i * d + j]; }
        var std = new double[d];
        for (int j = 0; j < d; j++)
        {
            mean[j] /= split.Train.Count;
            std[j] = Math.Sqrt(Math.Max(sq[j] / split.Train.Count - mean[j] * mean[j], 1e-12));
        }
        TensorDataset? Scale(TensorDataset? part)
        {
            if (part is null) return null;
            var v = part.Features.ToArray();
            for (int i = 0; i < v.Length; i++) v[i] = (float)((v[i] - mean[i % d]) / std[i % d]);
            return new TensorDataset(Tensor.FromArray(v, part.Features.Shape.Dims), part.Targets);
        }
        return new DatasetSplit(Scale(split.Train)!, Scale(split.Validation), Scale(split.Test));
    }

    [Fact]
    public void BreastCancer_BinaryMlpWithEarlyStopping_ReachesNinetyFivePercentTestAccuracy()
    {
        var split = Prepare(BuiltInDatasets.BreastCancer(), 0.15, 0.15, seed: 1);
        var model = TrainingData.Mlp(30, 16, 1, seed: 2, activation: () => new ReLU());
        var trainer = new Trainer(model, new BceWithLogitsLoss(), new Adam(model.Parameters(), lr: 1e-3f), new TrainerOptions { Seed = 3 });
        var stop = new EarlyStopping(patience: 5, restoreBestWeights: true);
        trainer.Fit(split.Train, 60, GradientDescentMode.MiniBatch(32), split.Validation, [stop]);
        var test = trainer.Evaluate(split.Test!);
        Assert.True(test["accuracy"] >= 0.95, $"test accuracy {test["accuracy"]}");
        Assert.True(test["roc_auc"] >= 0.98, $"test AUC {test["roc_auc"]}");
        var cm = Metrics.ConfusionMatrix(test.Predictions.PredictedLabels, test.Predictions.ActualLabels, 2);
        Assert.Equal(split.Test!.Count, cm.Total);
    }

    [Fact]
    public void Iris_MulticlassMlp_ReachesNinetyPercentTestAccuracy()
    {
        var split = Prepare(BuiltInDatasets.Iris(), 0, 0.2, seed: 4);
        var model = TrainingData.Mlp(4, 16, 3, seed: 5);
        var trainer = new Trainer(model, new CrossEntropyLoss(), new Adam(model.Parameters(), lr: 1e-2f), new TrainerOptions { Seed = 6 });
        trainer.Fit(split.Train, 40, GradientDescentMode.MiniBatch(16));
        var test = trainer.Evaluate(split.Test!);
        Assert.True(test["accuracy"] >= 0.9, $"test accuracy {test["accuracy"]}");
        Assert.Equal(3, trainer.Task!.NumClasses);
    }

    [Fact]
    public void Diabetes_Regression_ExplainsMostOfTheLinearSignal()
    {
        // A linear model on standardised features reaches R^2 around 0.5 on this data set; the target (25..346) is
        // centred and scaled so plain SGD converges fast.
        var table = BuiltInDatasets.Diabetes();
        var split = Prepare(table, 0, 0.2, seed: 7);
        TensorDataset Center(TensorDataset p) => new(p.Features, (p.Targets - 152f) / 77f);
        var model = new Sequential(new Dense(10, 1, rng: new Rng(8)));
        var trainer = new Trainer(model, new MseLoss(), new Sgd(model.Parameters(), lr: 0.05f), new TrainerOptions { Seed = 9 });
        trainer.Fit(Center(split.Train), 50, GradientDescentMode.MiniBatch(32));
        Assert.Equal(TaskKind.Regression, trainer.Task!.Kind);
        var test = trainer.Evaluate(Center(split.Test!));
        Assert.True(test["r2"] > 0.45, $"test R^2 {test["r2"]}");
    }
}
