using System.Globalization;
using System.Text;
using Nabla.NN.Data;
using Nabla.NN.Training;

namespace Nabla.NN.Models;

/// <summary>What data a training run uses and how it is split (the data half of <c>nabla train</c>'s options).</summary>
public sealed record TrainingDataOptions
{
    /// <summary>A CSV file to train on; null to use <see cref="Dataset"/>.</summary>
    public string? Data { get; init; }
    /// <summary>The CSV column to predict (needed with <see cref="Data"/>).</summary>
    public string? Target { get; init; }
    /// <summary>The CSV columns to use as inputs; null for every column except the target.</summary>
    public IReadOnlyList<string>? Features { get; init; }
    /// <summary>The values <see cref="Task"/> takes: auto (inferred from the target column), regression, binary, multiclass.</summary>
    public static IReadOnlyList<string> Tasks { get; } = ["auto", "regression", "binary", "multiclass"];

    /// <summary>One of <see cref="Tasks"/>.</summary>
    public string Task { get; init; } = "auto";
    /// <summary>A built-in data set (<see cref="BuiltInDatasets"/>, or fashion-mnist/mnist read from <see cref="DataDir"/>).</summary>
    public string Dataset { get; init; } = "digits";
    /// <summary>Where the IDX files of fashion-mnist/mnist are; null for the default folder.</summary>
    public string? DataDir { get; init; }
    /// <summary>Fraction of the training data held out for validation.</summary>
    public double ValidationSplit { get; init; } = 0.2;
    /// <summary>Seed of the split.</summary>
    public ulong Seed { get; init; } = 42;
    /// <summary>Most memory the data may need, in bytes; null for <see cref="MemoryBudget.Default"/>.</summary>
    public long? MemoryBudget { get; init; }
    /// <summary>Standardise a regression target (see <see cref="PreprocessorOptions.StandardizeTarget"/>); default true.</summary>
    public bool StandardizeTarget { get; init; } = true;
    /// <summary>Imputation of missing values in every feature column; null refuses them (see <see cref="PreprocessorOptions.MissingValues"/>).</summary>
    public Imputation? Impute { get; init; }
    /// <summary>Per-column imputation overriding <see cref="Impute"/> (see <see cref="PreprocessorOptions.ColumnMissingValues"/>).</summary>
    public IReadOnlyDictionary<string, Imputation>? ImputeColumns { get; init; }
    /// <summary>Categories unseen while fitting: refused, or encoded as all zeros (see <see cref="PreprocessorOptions.UnknownCategories"/>).</summary>
    public UnknownCategoryPolicy UnknownCategories { get; init; } = UnknownCategoryPolicy.Error;
    /// <summary>Columns left out of the features.</summary>
    public IReadOnlyList<string>? Drop { get; init; }
    /// <summary>Date columns: expanded, dropped or one-hot encoded.</summary>
    public DateColumnPolicy Dates { get; init; } = DateColumnPolicy.Expand;
    /// <summary>How to read a CSV file (encoding, decimal separator, header); null detects everything.</summary>
    public CsvOptions? Csv { get; init; }

    /// <summary>The preprocessing these options ask for, for a target of kind <paramref name="kind"/>.</summary>
    public PreprocessorOptions Preprocessing(TargetKind kind) => new()
    {
        Target = Target, Features = Features, TargetKind = kind, MemoryBudget = MemoryBudget ?? Nabla.NN.Data.MemoryBudget.Default,
        StandardizeTarget = StandardizeTarget, MissingValues = Impute?.Policy ?? MissingValuePolicy.Error,
        MissingValueConstant = Impute?.Constant ?? "0", ColumnMissingValues = ImputeColumns, UnknownCategories = UnknownCategories,
        Drop = Drop, Dates = Dates,
    };
}

/// <summary>
/// The data of one training run, encoded as tensors and split: features <c>[N, F]</c>, targets <c>[N]</c>
/// (class indices stored as floats, or regression values, standardised when the preprocessor's
/// <see cref="TargetColumn.Scale"/> is set: <see cref="InTargetUnits"/> turns an evaluation back into the target's units). Tabular data (CSV files and the built-in tables)
/// goes through a fitted <see cref="Preprocessor"/>, which is saved with the model so <c>predict</c> re-applies it.
/// </summary>
/// <param name="Name">The data set's name or the CSV file's path.</param>
/// <param name="Split">Train, validation and (when the data has one) test parts.</param>
/// <param name="Task">Regression, binary or multiclass, with the class count.</param>
/// <param name="FeatureNames">Encoded feature names, one per input of the model.</param>
/// <param name="ClassNames">Class labels as spelled in the data (classification), else null.</param>
/// <param name="Preprocessor">The fitted preprocessing (null for image data, whose pixels are scaled to [0, 1]).</param>
/// <param name="Sha256">Hash of the source data, recorded in the model card.</param>
/// <param name="Warnings">What the preprocessing wants the user to know.</param>
public sealed record TrainingData(string Name, DatasetSplit Split, TaskSpec Task, IReadOnlyList<string> FeatureNames,
    IReadOnlyList<string>? ClassNames, Preprocessor? Preprocessor, string Sha256, IReadOnlyList<string> Warnings)
{
    /// <summary>Fraction of tabular data kept aside as the test set.</summary>
    public const double TestFraction = 0.2;

    /// <summary>The image data sets <see cref="TrainingDataOptions.Dataset"/> names, read from IDX files in <see cref="TrainingDataOptions.DataDir"/>.</summary>
    public static IReadOnlyList<string> ImageDatasets { get; } = ["fashion-mnist", "mnist"];

    /// <summary>Every name <see cref="TrainingDataOptions.Dataset"/> accepts: the built-in tables, then the image sets.</summary>
    public static IReadOnlyList<string> Datasets { get; } = [.. BuiltInDatasets.Names, .. ImageDatasets];

    /// <summary>Loads and splits the data <paramref name="o"/> names.</summary>
    /// <exception cref="ArgumentException">An unknown task, a data file without a target column named, or data that does not fit the task.</exception>
    public static TrainingData Load(TrainingDataOptions o)
    {
        ArgumentNullException.ThrowIfNull(o);
        if (!TrainingDataOptions.Tasks.Contains(o.Task))
            throw new ArgumentException($"Unknown task '{o.Task}'. Choices: {string.Join(", ", TrainingDataOptions.Tasks)}.");
        if (o.Data is { } path) return FromFile(o, path, o.Target ?? throw new ArgumentException($"Data file '{path}' needs a target column to train on: set TrainingDataOptions.Target."));
        return ImageDatasets.Contains(o.Dataset) ? FromImages(o) : FromBuiltIn(o);
    }

    private static TrainingData FromFile(TrainingDataOptions o, string path, string target)
    {
        if (!DataPath.Exists(path)) throw new FileNotFoundException($"Data file '{path}' does not exist.");
        ICsvRows table;
        string sha;
        if (ParquetSource.IsParquetPath(path))
        {
            // A Parquet file is streamed by row group (fit, then encode), so only its encoded numbers are held.
            table = ParquetSource.FromFile(path);
            using var stream = File.OpenRead(path);
            sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(stream));
        }
        else
        {
            // Read once (a pipe or '-' cannot be opened twice), hashing as it goes; fail before or while reading a
            // file that cannot fit, rather than thrash (#8).
            try { table = CsvTable.Load(path, (o.Csv ?? CsvOptions.Default).WithMemoryBudget(o.MemoryBudget ?? MemoryBudget.Default), out sha); }
            catch (InsufficientMemoryException e) { throw new ArgumentException(e.Message, e); }
        }
        if (!table.ColumnNames.Contains(target))
            throw new ArgumentException($"Column '{target}' is not in '{path}'. Columns: {string.Join(", ", table.ColumnNames)}.");
        foreach (var f in o.Features ?? [])
            if (!table.ColumnNames.Contains(f))
                throw new ArgumentException($"Feature column '{f}' is not in '{path}'. Columns: {string.Join(", ", table.ColumnNames)}.");
        return FromTable(o, table, path, sha, testFraction: 0);
    }

    private static TrainingData FromBuiltIn(TrainingDataOptions o)
    {
        // The built-in tables are rendered as CSV and go through the same preprocessing as a user's file, so a
        // model trained on them can 'predict' a CSV with the same columns.
        var set = BuiltInDatasets.ByName(o.Dataset, new Rng(o.Seed));
        var csv = new StringBuilder();
        csv.AppendJoin(',', set.FeatureNames.Select(CsvText.Quote)).Append(",target\n");
        for (int i = 0; i < set.Count; i++)
        {
            for (int j = 0; j < set.FeatureCount; j++)
                csv.Append(set.Features[i * set.FeatureCount + j].ToString("R", CultureInfo.InvariantCulture)).Append(',');
            float y = set.Targets[i];
            csv.Append(set.ClassNames is { } names ? CsvText.Quote(names[(int)y]) : y.ToString("R", CultureInfo.InvariantCulture)).Append('\n');
        }
        string text = csv.ToString();
        var table = CsvTable.Parse(text, new CsvOptions { Delimiter = ',', HasHeader = true }, set.Name);
        var forced = set.IsClassification ? TargetKind.Classification : TargetKind.Regression;
        return FromTable(o with { Target = "target" }, table, set.Name, Hash(Encoding.UTF8.GetBytes(text)), TestFraction, forced);
    }

    private static TrainingData FromTable(TrainingDataOptions o, ICsvRows table, string name, string sha, double testFraction, TargetKind? forced = null)
    {
        var kind = forced ?? o.Task switch
        {
            "regression" => TargetKind.Regression,
            "binary" or "multiclass" => TargetKind.Classification,
            _ => TargetKind.Auto,
        };
        Preprocessor pre;
        try { pre = Preprocessor.Fit(table, o.Preprocessing(kind)); }
        catch (InsufficientMemoryException e) { throw new ArgumentException(e.Message, e); }
        var encoded = pre.Transform(table);
        // Fitted with a target, so the table's targets are there; ToTensors names the problem if they were not.
        var (x, y) = encoded.ToTensors();
        var task = TaskFor(o, pre.ClassNames, name);
        var split = DatasetSplit.Split(new TensorDataset(x, y), o.ValidationSplit, testFraction, o.Seed, task.IsClassification);
        return new TrainingData(name, split, task, pre.FeatureNames, pre.ClassNames, pre, sha, ReadingNotes(table, o.Csv).Concat(pre.Warnings).ToArray());
    }

    /// <summary>What was detected while reading a CSV file that the user should know (a guessed encoding, decimal commas).</summary>
    private static IEnumerable<string> ReadingNotes(ICsvRows table, CsvOptions? given)
    {
        var dialect = (table as CsvTable)?.Dialect ?? (table as CsvSource)?.Dialect;
        if (dialect is null) yield break;
        if (dialect.EncodingDetected && dialect.Encoding is { } e && e.CodePage != Encoding.UTF8.CodePage)
            yield return $"The file is read as {TextEncodings.NameOf(e)} (detected: it is not valid UTF-8); give --encoding NAME if that is wrong.";
        if (dialect.DecimalDetected)
            yield return "Numbers written with a decimal comma (\"3,5\") were detected and are read as 3.5; give --decimal . if the commas are thousands separators.";
        if (!dialect.HasHeader && given?.HasHeader is null)
            yield return "The file has no header (detected): its columns are named column1, column2, ...; give --header yes if the first line holds names.";
    }


    /// <summary>
    /// <paramref name="evaluation"/> (made on this data's encoded targets) in the target's own units: a standardised
    /// regression target's values, loss and metrics are recomputed after decoding; anything else is returned as is.
    /// <paramref name="metrics"/> are the metrics that made it (null: the built-in ones; see <see cref="TargetUnits.Decode"/>).
    /// </summary>
    public Evaluation InTargetUnits(Evaluation evaluation, Loss loss, IEnumerable<Metric>? metrics = null) =>
        TargetUnits.Decode(evaluation, Preprocessor, loss, metrics);

    private static TrainingData FromImages(TrainingDataOptions o)
    {
        var names = o.Dataset == "mnist" ? MnistDatasets.MnistClassNames : MnistDatasets.FashionMnistClassNames;
        string dir = o.DataDir ?? (o.Dataset == "mnist" ? "/usr/share/datasets/mnist" : MnistDatasets.DefaultFashionMnistDirectory);
        if (!Directory.Exists(dir))
            throw new ArgumentException($"The {o.Dataset} folder '{dir}' does not exist. Give the folder of the IDX files with --data-dir DIR" +
                (o.Dataset == "fashion-mnist" ? " (Debian's package dataset-fashion-mnist installs them in /usr/share/datasets/fashion-mnist)." : "."));
        ImageClassificationData train, test;
        try
        {
            train = MnistDatasets.Load(dir, MnistSplit.Train, names, memoryBudget: o.MemoryBudget ?? MemoryBudget.Default);
            test = MnistDatasets.Load(dir, MnistSplit.Test, names, memoryBudget: o.MemoryBudget ?? MemoryBudget.Default);
        }
        catch (InsufficientMemoryException e) { throw new ArgumentException(e.Message, e); }
        var (xTrain, yTrain) = train.ToTensors();
        var (xTest, yTest) = test.ToTensors();
        var trainSet = new TensorDataset(xTrain.Reshape(train.Count, -1), yTrain);
        var parts = DatasetSplit.Split(trainSet, o.ValidationSplit, 0, o.Seed, stratify: true);
        var split = parts with { Test = new TensorDataset(xTest.Reshape(test.Count, -1), yTest) };
        int pixels = trainSet.FeatureSize;
        var features = Enumerable.Range(0, pixels).Select(i => "pixel_" + i.ToString(CultureInfo.InvariantCulture)).ToArray();
        return new TrainingData(o.Dataset, split, new TaskSpec(TaskKind.MulticlassClassification, names.Count, 1), features, names, null, DirectoryHash(dir), []);
    }

    private static TaskSpec TaskFor(TrainingDataOptions o, IReadOnlyList<string>? classes, string name)
    {
        if (classes is null)
        {
            if (o.Task is "binary" or "multiclass") throw new ArgumentException($"--task {o.Task} but the target of '{name}' is numeric with many values; use --task regression or auto.");
            return new TaskSpec(TaskKind.Regression, 0, 1);
        }
        if (classes.Count < 2) throw new ArgumentException($"The target of '{name}' has only one class ({classes[0]}); there is nothing to learn.");
        if (o.Task == "binary" && classes.Count != 2)
            throw new ArgumentException($"--task binary but the target of '{name}' has {classes.Count} classes: {string.Join(", ", classes.Take(10))}{(classes.Count > 10 ? ", ..." : "")}.");
        if (o.Task == "multiclass" || classes.Count > 2) return new TaskSpec(TaskKind.MulticlassClassification, classes.Count, 1) { ClassNames = classes };
        // The names travel with the task so messages say "classes no and yes", not "classes 0 and 1".
        return new TaskSpec(TaskKind.BinaryClassification, 2, 1) { ClassNames = classes };
    }

    private static string Hash(byte[] bytes) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes));

    private static string DirectoryHash(string dir) =>
        Hash(Encoding.UTF8.GetBytes(string.Join('\n', Directory.GetFiles(dir).Order().Select(f => Path.GetFileName(f) + ":" + new FileInfo(f).Length))));
}
