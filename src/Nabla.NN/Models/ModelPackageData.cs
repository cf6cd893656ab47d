using System.Globalization;
using Nabla.NN.Data;

namespace Nabla.NN.Models;

/// <summary>
/// Labelled data to score a saved model on with <see cref="ModelPackage.Evaluate"/>: a file encoded with the model's own
/// preprocessing, or the rows the run that trained the model held out, re-created from its model card.
/// </summary>
/// <example><code>
/// var package = ModelPackage.Load("runs/cancer");
/// var evaluation = package.Evaluate(package.HeldOutData());
/// </code></example>
public static class ModelPackageData
{
    /// <summary>
    /// The labelled rows of <paramref name="path"/> (CSV or Parquet, with the training data's columns and its target),
    /// encoded as the model's preprocessing encodes them: features <c>[N, inputs]</c> and targets <c>[N]</c>.
    /// </summary>
    /// <param name="package">The model.</param>
    /// <param name="path">The data file.</param>
    /// <param name="csv">How to read a CSV file; null detects everything.</param>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="ArgumentException">The file has no target column, so there is nothing to score against.</exception>
    /// <exception cref="DataFormatException">A value cannot be encoded (file, line and column named).</exception>
    public static TensorDataset LabelledData(this ModelPackage package, string path, CsvOptions? csv = null)
    {
        ArgumentNullException.ThrowIfNull(package);
        ArgumentNullException.ThrowIfNull(path);
        if (!DataPath.Exists(path)) throw new FileNotFoundException($"Data file '{path}' does not exist.");
        var table = TabularFile.Open(path, csv);
        var encoded = new Predictor(package).Encode(table);
        if (encoded.Targets is not { } targets)
        {
            string target = package.Card.Preprocessor?.Target?.Name ?? "target";
            throw new ArgumentException($"'{path}' has no target column '{target}', so there is nothing to score against. Columns: {string.Join(", ", table.ColumnNames)}. To get predictions without a target, use 'nabla predict'.");
        }
        return new TensorDataset(Tensor.FromArray(encoded.Features, encoded.RowCount, package.Card.Spec.Inputs), Tensor.FromArray(targets, targets.Length));
    }

    /// <summary>
    /// The rows the training run held out, re-created from the card's data, seed and validation split: for a CSV file
    /// (found at the card's path), its validation part split exactly as training split it; for a built-in data set, its
    /// test part (or the validation part when it has no test part).
    /// </summary>
    /// <param name="package">The model.</param>
    /// <exception cref="ArgumentException">The training data is not available here, or the run held nothing out.</exception>
    public static TensorDataset HeldOutData(this ModelPackage package)
    {
        ArgumentNullException.ThrowIfNull(package);
        var card = package.Card;
        // The card's loader checked that these settings parse (#15 item 6); absent ones are the training defaults.
        var defaults = new TrainingDataOptions();
        double validation = double.Parse(card.Setting("validation-split", defaults.ValidationSplit.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);
        ulong seed = ulong.Parse(card.Setting("seed", defaults.Seed.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);
        if (card.Preprocessor is not null && File.Exists(card.Data))
        {
            // A CSV file: encode it with the model's own preprocessing, then split as training did (no test part).
            var all = package.LabelledData(card.Data);
            return DatasetSplit.Split(all, validation, 0, seed, card.TaskSpec.IsClassification).Validation
                ?? throw new ArgumentException($"The model was trained on all of '{card.Data}' (validation split 0); give labelled data with --data FILE.");
        }
        if (!IsBuiltIn(card.Data))
            throw new ArgumentException($"The training data '{card.Data}' is not available here; give labelled data with --data FILE.");
        var data = TrainingData.Load(new TrainingDataOptions
        {
            Dataset = card.Data, ValidationSplit = validation, Seed = seed,
            StandardizeTarget = card.Preprocessor?.Target?.Scale is not null
        });
        return data.Split.Test ?? data.Split.Validation
            ?? throw new ArgumentException($"The model was trained on '{card.Data}' without held-out data; give labelled data with --data FILE.");
    }

    /// <summary>True when <paramref name="name"/> is a data set <see cref="TrainingData.Load"/> knows by name (the built-in tables and the IDX image sets).</summary>
    private static bool IsBuiltIn(string name) => BuiltInDatasets.Names.Contains(name) || TrainingData.ImageDatasets.Contains(name);
}
