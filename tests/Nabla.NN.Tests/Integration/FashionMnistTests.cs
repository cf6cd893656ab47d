using Nabla.NN.Data;
using Nabla.NN.Optim;
using Nabla.NN.Training;

namespace Nabla.NN.Tests.Integration;

/// <summary>
/// Issue #4's bar, as samples/FashionMnist trains it: >= 87% test accuracy from the IDX files after eight epochs. The
/// eight epochs cost about 40 s of CPU, so the default run trains two and asks for 84% (the same path, data and model);
/// NABLA_FASHION_EPOCHS=8 runs the full bar (the long mode).
/// </summary>
public class FashionMnistTests
{
    private static int Epochs => int.TryParse(Environment.GetEnvironmentVariable("NABLA_FASHION_EPOCHS"), out int e) && e > 0 ? e : 2;

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

        trainer.Fit(new TensorDataset(xTrain, yTrain), epochs: Epochs, GradientDescentMode.MiniBatch(64));

        Assert.True(trainer.UsedFusedPath);
        double accuracy = trainer.Evaluate(new TensorDataset(xTest, yTest))["accuracy"];
        double bar = Epochs >= 8 ? 0.87 : 0.84;
        Assert.True(accuracy >= bar, $"test accuracy {accuracy:P2} after {Epochs} epochs (bar {bar:P0})");
    }
}
