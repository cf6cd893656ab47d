using System.Globalization;
using Nabla.Cli.Options;
using Nabla.Cli.Parsing;
using Nabla.NN;
using Nabla.NN.Data;
using Nabla.NN.Models;
using Nabla.NN.Training;

namespace Nabla.Cli.Execution;

/// <summary>Runs <c>nabla evaluate MODEL</c>: loss and metrics of a saved model on labelled data.</summary>
public static class EvaluateRunner
{
    /// <summary>Evaluates and prints the metrics (text or JSON); returns the exit code.</summary>
    public static int Run(EvaluateOptions o, CliContext context)
    {
        var folder = o.LoadModel();
        var (name, data) = o.Data is not null ? (o.Data, FromCsv(folder, o.Data, o.Csv)) : (folder.Card.Data + " (held-out split)", FromTraining(folder));
        Evaluation evaluation;
        try { evaluation = folder.Evaluate(data, context.Cancel); }
        catch (OperationCanceledException) { context.Stderr.WriteLine("Interrupted: nothing was evaluated."); return ExitCodes.Interrupted; }
        var summary = EvaluationSummary.Of(folder.Folder ?? o.Model, name, data.Count, evaluation, folder.Card.ClassNames);
        if (o.Json)
        {
            context.Stdout.WriteLine(summary.ToJson());
            return ExitCodes.Success;
        }
        context.Stdout.WriteLine($"Model {summary.Model} on {name} ({data.Count} rows):");
        foreach (var (k, v) in summary.Metrics) context.Stdout.WriteLine($"  {k,-16} {v.ToString("F4", CultureInfo.InvariantCulture)}");
        if (summary.Classes is { } perClass) TrainSummary.WriteClasses(context.Stdout, "this data", perClass);
        return ExitCodes.Success;
    }

    private static TensorDataset FromCsv(ModelPackage package, string path, CsvOptions? csv = null)
    {
        if (!DataPath.Exists(path)) throw new CliException($"Data file '{path}' does not exist.");
        var card = package.Card;
        var table = TabularFile.Open(path, csv);
        var encoded = new Predictor(package).Encode(table);
        if (encoded.Targets is null)
        {
            string target = card.Preprocessor?.Target?.Name ?? "target";
            throw new CliException($"'{path}' has no target column '{target}', so there is nothing to score against. Columns: {string.Join(", ", table.ColumnNames)}. To get predictions without a target, use 'nabla predict'.");
        }
        return new TensorDataset(Tensor.FromArray(encoded.Features, encoded.RowCount, package.Card.Spec.Inputs), Tensor.FromArray(encoded.Targets, encoded.Targets.Length));
    }

    private static TensorDataset FromTraining(ModelPackage package)
    {
        var card = package.Card;
        // Re-create the training run's held-out data from its saved settings: the same rows, seed and fractions.
        // The card's loader checked that these parse (#15 item 6).
        double validation = double.Parse(card.Setting("validation-split", "0.2"), CultureInfo.InvariantCulture);
        ulong seed = ulong.Parse(card.Setting("seed", "42"), CultureInfo.InvariantCulture);
        if (card.Preprocessor is not null && File.Exists(card.Data))
        {
            // A CSV file: encode it with the model's own preprocessing, then split as training did (no test part).
            var all = FromCsv(package, card.Data);
            return DatasetSplit.Split(all, validation, 0, seed, card.TaskSpec.IsClassification).Validation
                ?? throw new CliException($"The model was trained on all of '{card.Data}' (validation split 0); give labelled data with --data FILE.");
        }
        if (!Choices.Datasets.Contains(card.Data))
            throw new CliException($"The training data '{card.Data}' is not available here; give labelled data with --data FILE.");
        var data = TrainingData.Load(new TrainingDataOptions
        {
            Dataset = card.Data, ValidationSplit = validation, Seed = seed,
            StandardizeTarget = card.Preprocessor?.Target?.Scale is not null
        });
        return data.Split.Test ?? data.Split.Validation ?? throw new CliException($"The model was trained on '{card.Data}' without held-out data; give labelled data with --data FILE.");
    }
}
