// Trains a 784-256-128-10 ReLU network on Fashion-MNIST from its IDX files and reports test accuracy.
//
//   dotnet run -c Release --project samples/FashionMnist -- [DATA_DIR] [EPOCHS]
//
// DATA_DIR holds the four IDX files (.gz or raw); default /usr/share/datasets/fashion-mnist, where Debian's
// `apt-get install dataset-fashion-mnist` puts them.
using System.Diagnostics;
using Nabla;
using Nabla.NN;
using Nabla.NN.Data;
using Nabla.NN.Optim;
using Nabla.NN.Training;

string? dataDir = args.Length > 0 ? args[0] : null;
int epochs = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 8;

ImageClassificationData train, test;
try
{
    train = MnistDatasets.LoadFashionMnist(MnistSplit.Train, dataDir);
    test = MnistDatasets.LoadFashionMnist(MnistSplit.Test, dataDir);
}
catch (Exception e) when (e is FileNotFoundException or DataFormatException)
{
    Console.Error.WriteLine(e.Message);
    return 1;
}
var (xTrain, yTrain) = train.ToTensors();
var (xTest, yTest) = test.ToTensors();
Console.WriteLine($"Fashion-MNIST: {train.Count} training and {test.Count} test images of 28x28.");

var rng = new Rng(seed: 1);
var model = new Sequential(
    new Dense(784, 256, rng: rng), new ReLU(),
    new Dense(256, 128, rng: rng), new ReLU(),
    new Dense(128, 10, rng: rng));
var trainer = new Trainer(model, new CrossEntropyLoss(), new Adam(model.Parameters(), lr: 1e-3f),
    new TrainerOptions { Seed = 2 });

var clock = Stopwatch.StartNew();
trainer.Fit(new TensorDataset(xTrain, yTrain), epochs, GradientDescentMode.MiniBatch(64),
    callbacks: [new TextProgress(Console.Out)]);
var result = trainer.Evaluate(new TensorDataset(xTest, yTest));
Console.WriteLine($"Test accuracy after {epochs} epochs: {result["accuracy"]:P2} ({clock.Elapsed.TotalSeconds:F1} s of training and evaluation).");
return 0;
