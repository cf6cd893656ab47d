// Trains a classifier on a CSV file: the breast-cancer diagnosis data by default.
//
//   dotnet run --project samples/BreastCancer -- [CSV] [TARGET_COLUMN]
//
// Reads the CSV, standardises the numeric features and encodes the labels (the fitted preprocessing is what a
// saved model would carry), holds out a stratified 20% test split, trains a small network and reports accuracy.
using Nabla;
using Nabla.NN;
using Nabla.NN.Data;
using Nabla.NN.Optim;
using Nabla.NN.Training;

string path = args.Length > 0 ? args[0] : Path.Combine(AppContext.BaseDirectory, "data", "breast-cancer.csv");
string target = args.Length > 1 ? args[1] : "diagnosis";

EncodedTable table;
Preprocessor preprocessor;
try
{
    var source = CsvSource.FromFile(path);
    preprocessor = Preprocessor.Fit(source, new PreprocessorOptions { Target = target });
    table = preprocessor.Transform(source);
}
catch (Exception e) when (e is IOException or DataFormatException)
{
    Console.Error.WriteLine(e.Message);
    return 1;
}
var (x, y) = table.ToTensors();
var split = DatasetSplit.Split(new TensorDataset(x, y), validationFraction: 0, testFraction: 0.2, seed: 1);
Console.WriteLine($"{Path.GetFileName(path)}: {table.RowCount} rows, {table.FeatureCount} features, classes {string.Join(", ", preprocessor.ClassNames!)}.");

var rng = new Rng(seed: 3);
var model = new Sequential(new Dense(table.FeatureCount, 16, rng: rng), new ReLU(), new Dense(16, preprocessor.ClassNames!.Count, rng: rng));
var trainer = new Trainer(model, new CrossEntropyLoss(), new Adam(model.Parameters(), lr: 1e-2f), new TrainerOptions { Seed = 4 });
trainer.Fit(split.Train, epochs: 40, GradientDescentMode.MiniBatch(32));
var result = trainer.Evaluate(split.Test!);
Console.WriteLine($"Test accuracy: {result["accuracy"]:P2} on {split.Test!.Count} held-out rows.");
return 0;
