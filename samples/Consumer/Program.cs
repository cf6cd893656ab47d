// A user's program built against the Nabla NuGet packages (not the projects): trains a classifier on a small CSV
// file, saves it, loads it back, predicts with the loaded model, and exports it to ONNX. Exits 1 if the loaded model
// does not predict exactly what the trained one did.
//
//   NABLA_FEED=/path/to/packed/packages dotnet run --project samples/Consumer [-- WORK_FOLDER]
using System.Globalization;
using System.Text;
using Nabla;
using Nabla.NN;
using Nabla.NN.Data;
using Nabla.NN.Optim;
using Nabla.NN.Serialization;
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
var features = Tensor.FromArray(table.Features, table.RowCount, table.FeatureCount);
var targets = Tensor.FromArray(table.Targets!, table.RowCount);
var model = new Sequential(new Dense(table.FeatureCount, 8, rng: rng), new Tanh(), new Dense(8, 2, rng: rng));
var trainer = new Trainer(model, new CrossEntropyLoss(), new Adam(model.Parameters(), lr: 0.05f), new TrainerOptions { Seed = 2 });
trainer.Fit(new TensorDataset(features, targets), epochs: 30, GradientDescentMode.MiniBatch(32));
double accuracy = trainer.Evaluate(new TensorDataset(features, targets))["accuracy"];

// 3. Save, 4. load into a fresh network.
string weights = Path.Combine(work, "model.safetensors"), preprocessing = Path.Combine(work, "preprocessing.json");
SafeTensors.Save(weights, model.StateDict());
pre.Save(preprocessing);
var loaded = new Sequential(new Dense(table.FeatureCount, 8), new Tanh(), new Dense(8, 2));
loaded.LoadStateDict(SafeTensors.LoadTensors(weights));
loaded.Eval();
model.Eval();
var loadedPre = Preprocessor.Load(preprocessing);

// 5. Predict new rows with both and compare.
var newRows = CsvTable.Parse("x,y,shape\n1.5,0.5,round\n-1,-1,square\n0.1,-0.2,round\n");
float[] Predict(Sequential net, Preprocessor p)
{
    var e = p.Transform(newRows);
    using (GradMode.NoGrad()) return net.Forward(Tensor.FromArray(e.Features, e.RowCount, e.FeatureCount)).Softmax(1).ToArray();
}
var before = Predict(model, pre);
var after = Predict(loaded, loadedPre);
for (int i = 0; i < newRows.RowCount; i++)
{
    int best = after[2 * i + 1] > after[2 * i] ? 1 : 0;
    Console.WriteLine($"row {i + 1}: {loadedPre.DecodeLabel(best)} (p = {after[2 * i + best]:0.000})");
}

// 6. Export to ONNX, preprocessing included: the file takes the raw columns x, y and shape.
string onnx = Path.Combine(work, "model.onnx");
OnnxExporter.Export(new OnnxExportSource(loaded, TaskKind.BinaryClassification, loadedPre), onnx);

bool same = before.AsSpan().SequenceEqual(after);
Console.WriteLine($"consumer: training accuracy {accuracy:P1}; loaded model predicts {(same ? "the same" : "DIFFERENT")} numbers; ONNX model {new FileInfo(onnx).Length} bytes.");
return same && accuracy > 0.8 ? 0 : 1;
