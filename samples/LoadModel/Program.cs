// Loads a model folder written by 'nabla train' and predicts, in one call each, with no reference to the CLI.
//   dotnet run --project samples/LoadModel -- runs/people samples/cli/new-people.csv
using System.Globalization;
using Nabla.NN.Data;
using Nabla.NN.Models;

if (args.Length != 2)
{
    Console.Error.WriteLine("usage: LoadModel MODEL_FOLDER ROWS.csv");
    return 2;
}
var predictor = Predictor.Load(args[0]);
Console.WriteLine($"{predictor.Card.Spec.Shape} network, inputs: {string.Join(", ", predictor.Inputs)}");
foreach (var p in predictor.Predict(CsvSource.FromFile(args[1])))
    Console.WriteLine(p.Label is null
        ? p.Value.ToString("R", CultureInfo.InvariantCulture)
        : $"{p.Label} ({string.Join(", ", predictor.ClassNames!.Zip(p.Probabilities, (c, q) => $"{c} {q.ToString("0.######", CultureInfo.InvariantCulture)}"))})");
return 0;
