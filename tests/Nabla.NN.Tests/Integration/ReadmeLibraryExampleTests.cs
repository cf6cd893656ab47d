using Nabla.NN.Data;
using Nabla.NN.Models;
using Nabla.NN.Optim;
using Nabla.NN.Registries;
using Nabla.NN.Training;

namespace Nabla.NN.Tests.Integration;

/// <summary>
/// The README's library section, run as written (between the markers): CSV -> tensors -> train -> save -> load ->
/// predict. If this test needs a change, the README needs the same one.
/// </summary>
public sealed class ReadmeLibraryExampleTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("nabla-readme-").FullName;

    public void Dispose()
    {
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public void CsvToTensorsToTrainSaveLoadPredict()
    {
        string csvPath = Path.Combine(AppContext.BaseDirectory, "samples-data", "breast-cancer.csv");
        string folder = Path.Combine(_dir, "cancer");

        // README: begin
        var data = TrainingData.Load(new TrainingDataOptions { Data = csvPath, Target = "diagnosis", Seed = 1 });
        var loss = LossRegistry.Resolve("auto", data.Task);                  // bce for a binary target
        var spec = new ModelSpec(data.FeatureNames.Count, [16], loss.OutputsFor(data.Task), "relu", 0f, "default");
        var model = spec.Build(new Rng(1));
        var trainer = new Trainer(model, loss.Create(), new Adam(model.Parameters(), lr: 1e-2f));
        trainer.Fit(data.Split.Train, epochs: 15, GradientDescentMode.MiniBatch(32), data.Split.Validation);

        var card = new ModelCard
        {
            Spec = spec, Task = data.Task.Kind, ClassNames = data.ClassNames, Loss = loss.Name, Data = data.Name,
            DataSha256 = data.Sha256, FeatureNames = data.FeatureNames, Preprocessor = data.Preprocessor,
        };
        new ModelPackage(card, model).Save(folder);                          // model.safetensors + model.json

        var predictor = Predictor.Load(folder);
        var predictions = predictor.Predict(CsvSource.FromFile(csvPath));
        // README: end

        var labels = CsvTable.Load(csvPath).EnumerateRows().Select(r => r.Fields[^1]).ToArray();
        double accuracy = predictions.Zip(labels, (p, y) => p.Label == y ? 1.0 : 0.0).Average();
        Assert.True(accuracy > 0.9, $"accuracy {accuracy}");
        Assert.True(predictor.IsFused);
    }
}
