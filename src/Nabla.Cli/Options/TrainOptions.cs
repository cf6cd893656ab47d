using Nabla.Cli.Parsing;
using Nabla.NN.Models;

namespace Nabla.Cli.Options;

/// <summary>
/// Everything <c>nabla train</c> needs, validated. Built from <see cref="RawOptions"/> by <see cref="From"/>;
/// defaults train a small MLP on the built-in 8x8 digits in seconds.
/// </summary>
public sealed record TrainOptions
{
    /// <summary>A CSV file to train on (with <see cref="Target"/>); null to use <see cref="Dataset"/>.</summary>
    public string? Data { get; init; }
    /// <summary>The name of the CSV column to predict.</summary>
    public string? Target { get; init; }
    /// <summary>The CSV columns to use as inputs; null for every column except the target.</summary>
    public IReadOnlyList<string>? Features { get; init; }
    /// <summary>auto, regression, binary or multiclass.</summary>
    public string Task { get; init; } = "auto";
    /// <summary>A built-in data set, used when <see cref="Data"/> is null.</summary>
    public string Dataset { get; init; } = "digits";
    /// <summary>Where the IDX files of fashion-mnist/mnist are; null for the default folder.</summary>
    public string? DataDir { get; init; }
    /// <summary>Hidden layer widths, e.g. [64, 32]; empty for a linear/logistic model.</summary>
    public IReadOnlyList<int> Layers { get; init; } = [64];
    /// <summary>The hidden layers' activation.</summary>
    public string Activation { get; init; } = "relu";
    /// <summary>Dropout probability after each hidden activation, in [0, 1).</summary>
    public float Dropout { get; init; }
    /// <summary>Weight initialiser of the dense layers.</summary>
    public string Init { get; init; } = "default";
    /// <summary>The loss; auto picks from the task.</summary>
    public string Loss { get; init; } = "auto";
    /// <summary>The optimizer.</summary>
    public string Optimizer { get; init; } = "adam";
    /// <summary>The learning rate; null for the optimizer's own default.</summary>
    public float? Lr { get; init; }
    /// <summary>batch, minibatch or sgd (one sample per step).</summary>
    public string Mode { get; init; } = "minibatch";
    /// <summary>Samples per step in minibatch mode.</summary>
    public int BatchSize { get; init; } = 32;
    /// <summary>Passes over the training data.</summary>
    public int Epochs { get; init; } = 30;
    /// <summary>L1 penalty coefficient added to the loss (lambda * sum |w|).</summary>
    public float L1 { get; init; }
    /// <summary>L2 penalty coefficient added to the loss (lambda * sum w^2).</summary>
    public float L2 { get; init; }
    /// <summary>Weight decay handed to the optimizer (decoupled for adamw and sgd, L2-in-the-gradient for the others); null for the optimizer's default.</summary>
    public float? WeightDecay { get; init; }
    /// <summary>Clip the gradient's global L2 norm to this value; null for no clipping.</summary>
    public float? ClipNorm { get; init; }
    /// <summary>The learning-rate schedule.</summary>
    public string Schedule { get; init; } = "constant";
    /// <summary>Stop after this many epochs without validation improvement; null to run every epoch.</summary>
    public int? EarlyStopping { get; init; }
    /// <summary>Fraction of the training data held out for validation.</summary>
    public float ValidationSplit { get; init; } = 0.2f;
    /// <summary>Seed of every random choice (initialisation, splits, shuffling, dropout).</summary>
    public int Seed { get; init; } = 42;
    /// <summary>Most memory training may need, in bytes; null for the default (three quarters of the available memory).</summary>
    public long? MemoryBudget { get; init; }

    /// <summary>Threads for the kernels; null for all cores.</summary>
    public int? Threads { get; init; }
    /// <summary>Output folder; null for <c>runs/&lt;timestamp&gt;</c>.</summary>
    public string? Out { get; init; }
    /// <summary>A checkpoint to continue from.</summary>
    public string? Resume { get; init; }
    /// <summary>Print only the summary.</summary>
    public bool Quiet { get; init; }
    /// <summary>Print a machine-readable JSON summary on stdout instead of text.</summary>
    public bool Json { get; init; }

    /// <summary>The data half of these options, as the library's <see cref="TrainingData"/> takes it.</summary>
    public TrainingDataOptions DataOptions => new()
    {
        Data = Data, Target = Target, Features = Features, Task = Task, Dataset = Dataset, DataDir = DataDir,
        ValidationSplit = ValidationSplit, Seed = (ulong)Seed, MemoryBudget = MemoryBudget,
    };

    /// <summary>The options of <c>nabla train</c> (and of <c>nabla compare</c>, which adds its own).</summary>
    public static readonly IReadOnlyList<OptionSpec> Specs =
    [
        new("data", "FILE", "CSV or Parquet (.parquet) file to train on (needs --target)."),
        new("target", "COLUMN", "The CSV column to predict."),
        new("features", "A,B,...", "CSV columns to use as inputs [default: all but the target]."),
        OptionSpec.Choice("task", "What kind of target it is.", "auto", Choices.Tasks),
        OptionSpec.Choice("dataset", "A built-in data set, used when --data is not given.", "digits", Choices.Datasets),
        new("data-dir", "DIR", "Folder of the fashion-mnist/mnist IDX files [default: /usr/share/datasets/<name>]."),
        new("layers", "N,N,...", "Hidden layer widths, e.g. 64,32 (empty for a linear model).", Default: "64"),
        OptionSpec.Choice("activation", "Activation of the hidden layers.", "relu", Choices.Activations),
        new("dropout", "P", "Dropout probability after each hidden layer.", Default: "0"),
        OptionSpec.Choice("init", "Weight initialisation.", "default", Choices.Inits),
        OptionSpec.Choice("loss", "Loss function.", "auto", Choices.Losses),
        OptionSpec.Choice("optimizer", "Optimizer.", "adam", Choices.Optimizers),
        new("lr", "RATE", "Learning rate [default: the optimizer's default]."),
        new("batch-size", "N", "Samples per step (implies --mode minibatch).", Default: "32"),
        OptionSpec.Choice("mode", "Gradient descent: whole set, mini-batches or one sample per step.", "minibatch", Choices.Modes),
        new("epochs", "N", "Passes over the training data.", Default: "30"),
        new("l1", "LAMBDA", "L1 penalty added to the loss.", Default: "0"),
        new("l2", "LAMBDA", "L2 penalty added to the loss.", Default: "0"),
        new("weight-decay", "LAMBDA", "Optimizer weight decay (decoupled for sgd, momentum, nesterov and adamw; in the gradient for the others)."),
        new("clip-norm", "MAX", "Clip the gradient norm to MAX."),
        OptionSpec.Choice("schedule", "Learning-rate schedule.", "constant", Choices.Schedules),
        new("early-stopping", "PATIENCE", "Stop after PATIENCE epochs without validation improvement."),
        new("validation-split", "FRACTION", "Fraction of the training data held out for validation.", Default: "0.2"),
        new("seed", "N", "Random seed.", Default: "42"),
        new("threads", "N", "Threads to use [default: all cores]."),
        new("out", "DIR", "Output folder [default: runs/<timestamp>]."),
        new("resume", "CHECKPOINT", "Continue training from a checkpoint file."),
        new("memory-budget", "SIZE", "Refuse a data file that would need more memory than this (e.g. 2GB) before reading it [default: 3/4 of the available memory]."),
        OptionSpec.Flag("quiet", "Print only the summary."),
        OptionSpec.Flag("json", "Print a machine-readable JSON summary on stdout."),
    ];

    /// <summary>Validates <paramref name="raw"/> and builds the options; the first mistake throws <see cref="UsageException"/>.</summary>
    public static TrainOptions From(RawOptions raw)
    {
        string? data = raw.GetString("data");
        string? target = raw.GetString("target");
        if (data is not null && raw.Has("dataset"))
            throw new UsageException("--data and --dataset both given; train on a CSV file (--data FILE --target COLUMN) or on a built-in data set (--dataset NAME), not both.");
        if (data is not null && string.IsNullOrWhiteSpace(target))
            throw new UsageException($"--data {data} needs --target COLUMN: the name of the column to predict.");
        if (data is null && (target is not null || raw.Has("features")))
            throw new UsageException("--target and --features choose columns of a CSV file; give the file with --data FILE.");

        // --batch-size implies mini-batches; contradicting it with --mode batch/sgd is a mistake worth naming.
        string? mode = raw.GetChoiceOrNull("mode", Choices.Modes);
        int? batchSize = raw.GetIntOrNull("batch-size", min: 1);
        if (batchSize is not null && mode is "batch" or "sgd")
            throw new UsageException($"--batch-size {batchSize} contradicts --mode {mode}: batch mode uses the whole set per step and sgd one sample; use --mode minibatch or drop --batch-size.");

        long? memoryBudget = null;
        if (raw.GetString("memory-budget") is { } budgetText)
        {
            try { memoryBudget = Nabla.NN.Data.MemoryBudget.Parse(budgetText); }
            catch (FormatException e) { throw new UsageException($"--memory-budget: {e.Message}"); }
        }

        return new TrainOptions
        {
            MemoryBudget = memoryBudget,
            Data = data,
            Target = target,
            Features = raw.GetStringList("features"),
            Task = raw.GetChoice("task", "auto", Choices.Tasks),
            Dataset = raw.GetChoice("dataset", "digits", Choices.Datasets),
            DataDir = raw.GetString("data-dir"),
            Layers = raw.GetIntList("layers", min: 1, max: 1 << 20, allowEmpty: true) ?? [64],
            Activation = raw.GetChoice("activation", "relu", Choices.Activations),
            Dropout = raw.GetFloat("dropout", 0f, min: 0f, max: 0.99f),
            Init = raw.GetChoice("init", "default", Choices.Inits),
            Loss = raw.GetChoice("loss", "auto", Choices.Losses),
            Optimizer = raw.GetChoice("optimizer", "adam", Choices.Optimizers),
            Lr = raw.GetFloatOrNull("lr", min: float.Epsilon),
            Mode = mode ?? "minibatch",
            BatchSize = batchSize ?? 32,
            Epochs = raw.GetInt("epochs", 30, min: 1, max: 1_000_000),
            L1 = raw.GetFloat("l1", 0f, min: 0f),
            L2 = raw.GetFloat("l2", 0f, min: 0f),
            WeightDecay = raw.GetFloatOrNull("weight-decay", min: 0f),
            ClipNorm = raw.GetFloatOrNull("clip-norm", min: float.Epsilon),
            Schedule = raw.GetChoice("schedule", "constant", Choices.Schedules),
            EarlyStopping = raw.GetIntOrNull("early-stopping", min: 1),
            ValidationSplit = raw.GetFloat("validation-split", 0.2f, min: 0f, max: 0.9f),
            Seed = raw.GetInt("seed", 42, min: 0),
            Threads = raw.GetIntOrNull("threads", min: 1, max: 1024),
            Out = raw.GetString("out"),
            Resume = raw.GetString("resume"),
            Quiet = raw.GetFlag("quiet"),
            Json = raw.GetFlag("json"),
        };
    }
}
