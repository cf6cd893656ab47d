using Nabla.NN.Data;
using Nabla.NN.Optim;
using Nabla.NN.Training;

namespace Nabla.NN.Tests.Integration;

/// <summary>Issue #4's bar, as samples/FashionMnist trains it: >= 87% test accuracy from the IDX files.</summary>
public class FashionMnistTests
{
    [Fact]
    public void Mlp_EightEpochsOfAdam_ReachesEightySevenPercentOnTheTestSet()
    {
        string? dir = SharedData.Find("fashion-mnist", "train-images-idx3-ubyte.gz");
        if (dir is null) return; // the data is optional: CI has it beside the clone, a developer machine may not

        var (xTrain, yTrain) = MnistDatasets.LoadFashionMnist(MnistSplit.Train, dir).ToTensors();
        var (xTest, yTest) = MnistDatasets.LoadFashionMnist(MnistSplit.Test, dir).ToTensors();
        var rng = new Rng(seed: 1);
        var model = new Sequential(
            new Dense(784, 256, rng: rng), new ReLU(),
            new Dense(256, 128, rng: rng), new ReLU(),
            new Dense(128, 10, rng: rng));
        var trainer = new Trainer(model, new CrossEntropyLoss(), new Adam(model.Parameters(), lr: 1e-3f), new TrainerOptions { Seed = 2 });

        trainer.Fit(new TensorDataset(xTrain, yTrain), epochs: 8, GradientDescentMode.MiniBatch(64));

        Assert.True(trainer.UsedFusedPath);
        double accuracy = trainer.Evaluate(new TensorDataset(xTest, yTest))["accuracy"];
        Assert.True(accuracy >= 0.87, $"test accuracy {accuracy:P2}");
    }
}
