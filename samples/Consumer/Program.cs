// A user's program built against the Nabla NuGet packages (not the projects): trains a classifier on a small CSV
// file, saves it, loads it back, predicts with the loaded model, and exports it to ONNX. Exits 1 if the loaded model
// does not predict what the trained one did (to 1e-6: the Predictor computes probabilities in double).
//
//   NABLA_FEED=/path/to/packed/packages dotnet run --project samples/Consumer [-- WORK_FOLDER]
using System.Globalization;
using System.Text;
using Nabla;
using Nabla.NN;
using Nabla.NN.Data;
using Nabla.NN.Optim;
using Nabla.NN.Models;
using Nabla.NN.Training;
using Nabla.Onnx;

string work = args.Length > 0 ? args[0] : Path.Combine(Path.GetTempPath(), "nabla-consumer");
Directory.CreateDirectory(work);

// 1. Data: two numeric columns and a text column; the class is which side of a line the point lies on.
var rng = new Rng(seed: 1);
var csv = new StringBuilder("x,y,shape,side\n");
for (int i = 0; i < 400; i++)
{
    float x = 4 * rng.NextFloat() - 2, y = 4 * rng.NextFloat() - 2;
    string shape = rng.NextInt(2) == 0 ? "round" : "square";
    csv.Append(CultureInfo.InvariantCulture, $"{x},{y},{shape},{(x + y + (shape == "round" ? 0.5f : -0.5f) > 0 ? "above" : "below")}\n");
}
string dataPath = Path.Combine(work, "points.csv");
File.WriteAllText(dataPath, csv.ToString());

// 2. Train.
var source = CsvSource.FromFile(dataPath);
var pre = Preprocessor.Fit(source, new PreprocessorOptions { Target = "side" });
var table = pre.Transform(source);
var (features, targets) = table.ToTensors();
var model = new Sequential(new Dense(table.FeatureCount, 8, rng: rng), new Tanh(), new Dense(8, 2, rng: rng));
var trainer = new Trainer(model, new CrossEntropyLoss(), new Adam(model.Parameters(), lr: 0.05f), new TrainerOptions { Seed = 2 });
trainer.Fit(new TensorDataset(features, targets), epochs: 30, GradientDescentMode.MiniBatch(32));
double accuracy = trainer.Evaluate(new TensorDataset(features, targets))["accuracy"];

// 3. Save as a model package (model.json + model.safetensors), 4. load it back in one call.
var spec = new ModelSpec(table.FeatureCount, [8], 2, "tanh", 0, "default");
var card = new ModelCard
{
    Spec = spec, Task = TaskKind.BinaryClassification, ClassNames = pre.ClassNames, Loss = "cross-entropy",
    Data = dataPath, DataSha256 = "", Preprocessor = pre, FeatureNames = pre.FeatureNames,
};
string folder = Path.Combine(work, "model");
if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
model.Eval();
new ModelPackage(card, model).Save(folder);
var predictor = Predictor.Load(folder);

// 5. Predict new rows with the trained network and with the loaded package, and compare.
var newRows = CsvTable.Parse("x,y,shape\n1.5,0.5,round\n-1,-1,square\n0.1,-0.2,round\n");
var encoded = pre.Transform(newRows);
float[] before;
using (GradMode.NoGrad()) before = model.Forward(Tensor.FromArray(encoded.Features, encoded.RowCount, encoded.FeatureCount)).Softmax(1).ToArray();
var predictions = predictor.Predict(newRows);
var after = predictions.SelectMany(p => p.Probabilities.Select(v => (float)v)).ToArray();
for (int i = 0; i < predictions.Count; i++) Console.WriteLine($"row {i + 1}: {predictions[i].Label} (p = {predictions[i].Confidence:0.000})");

// 6. Export to ONNX, preprocessing included: the file takes the raw columns x, y and shape.
string onnx = Path.Combine(work, "model.onnx");
predictor.Package.ExportOnnx(onnx);

bool same = before.Zip(after).All(p => MathF.Abs(p.First - p.Second) <= 1e-6f);
Console.WriteLine($"consumer: training accuracy {accuracy:P1}; loaded model predicts {(same ? "the same" : "DIFFERENT")} numbers; ONNX model {new FileInfo(onnx).Length} bytes.");
return same && accuracy > 0.8 ? 0 : 1;
