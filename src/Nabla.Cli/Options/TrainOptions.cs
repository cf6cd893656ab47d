using Nabla.Cli.Parsing;
using Nabla.NN.Models;
using Nabla.NN.Registries;
using Nabla.NN.Training;

namespace Nabla.Cli.Options;

/// <summary>
/// Everything <c>nabla train</c> needs, validated. Built from <see cref="RawOptions"/> by <see cref="From"/>;
/// defaults train a small MLP on the built-in 8x8 digits in seconds.
/// </summary>
public sealed record TrainOptions
{
    // One declaration per option: help, config key, default, range. The properties below take their defaults from
    // here, Specs lists them for help and config files, and From reads them. To add an option: declare it here with a
    // TypedOptions factory, add a property with "= XOption.Default", list it in Specs and read it in From.
    private static readonly TypedOption<string?> DataOption = TypedOptions.Text("data", "FILE", "CSV or Parquet (.parquet) file to train on (needs --target).");
    private static readonly TypedOption<string?> TargetOption = TypedOptions.Text("target", "COLUMN", "The CSV column to predict.");
    private static readonly TypedOption<IReadOnlyList<string>?> FeaturesOption = TypedOptions.TextList("features", "A,B,...", "CSV columns to use as inputs [default: all but the target].");
    private static readonly TypedOption<IReadOnlyList<int>?> LayersOption = TypedOptions.OptionalIntList("layers", "N,N,...", "Hidden layer widths, e.g. 64,32 (empty for a linear model) [default: from the training rows: about 2 sqrt(rows) wide, 64 to 256, a second layer for a regression from 500 rows].", min: 1, max: 1 << 20, allowEmpty: true);
    private static readonly TypedOption<long?> MemoryBudgetOption = TypedOptions.Size("memory-budget", "Refuse a data file that would need more memory than this (e.g. 2GB) before reading it [default: 3/4 of the available memory].");
    private static readonly TypedOption<IReadOnlyList<string>?> DropOption = TypedOptions.TextList("drop", "A,B,...", "Columns to leave out of the features.");
    private static readonly TypedOption<string> TaskOption = TypedOptions.Choice("task", "What kind of target it is.", "auto", Choices.Tasks);
    private static readonly TypedOption<string> DatasetOption = TypedOptions.Choice("dataset", "A built-in data set, used when --data is not given.", "digits", Choices.Datasets);
    private static readonly TypedOption<string?> DataDirOption = TypedOptions.Text("data-dir", "DIR", "Folder of the fashion-mnist/mnist IDX files [default: /usr/share/datasets/<name>].");
    private static readonly TypedOption<string> ActivationOption = TypedOptions.Choice("activation", "Activation of the hidden layers.", "relu", Choices.Activations);
    private static readonly TypedOption<float> DropoutOption = TypedOptions.Float("dropout", "P", "Dropout probability after each hidden layer.", 0f, min: 0f, max: 0.99f);
    private static readonly TypedOption<string> InitOption = TypedOptions.Choice("init", "Weight initialisation.", "default", Choices.Inits);
    private static readonly TypedOption<string> LossOption = TypedOptions.Choice("loss", "Loss function.", "auto", Choices.Losses);
    private static readonly TypedOption<string> OptimizerOption = TypedOptions.Choice("optimizer", "Optimizer.", "adam", Choices.Optimizers);
    private static readonly TypedOption<float?> LrOption = TypedOptions.OptionalFloat("lr", "RATE", "Learning rate [default: the optimizer's default].", min: float.Epsilon);
    private static readonly TypedOption<int> BatchSizeOption = TypedOptions.Int("batch-size", "N", "Samples per step (implies --mode minibatch).", 32, min: 1);
    private static readonly TypedOption<string> ModeOption = TypedOptions.Choice("mode", "Gradient descent: whole set, mini-batches or one sample per step.", "minibatch", Choices.Modes);
    private static readonly TypedOption<int?> EpochsOption = TypedOptions.OptionalInt("epochs", "N", $"Passes over the training data [default: until the validation loss stops improving for {TrainingDefaults.Patience} epochs, best epoch kept, at most {TrainingDefaults.EpochCap}; {TrainingDefaults.EpochsWithoutValidation} with --validation-split 0].", min: 1, max: 1_000_000);
    private static readonly TypedOption<float> L1Option = TypedOptions.Float("l1", "LAMBDA", "L1 penalty added to the loss.", 0f, min: 0f);
    private static readonly TypedOption<float> L2Option = TypedOptions.Float("l2", "LAMBDA", "L2 penalty added to the loss.", 0f, min: 0f);
    private static readonly TypedOption<float?> WeightDecayOption = TypedOptions.OptionalFloat("weight-decay", "LAMBDA", "Optimizer weight decay (decoupled for sgd, momentum, nesterov and adamw; in the gradient for the others).", min: 0f);
    private static readonly TypedOption<float?> ClipNormOption = TypedOptions.OptionalFloat("clip-norm", "MAX", "Clip the gradient norm to MAX.", min: float.Epsilon);
    private static readonly TypedOption<string> ScheduleOption = TypedOptions.Choice("schedule", "Learning-rate schedule.", "constant", Choices.Schedules);
    private static readonly TypedOption<int?> EarlyStoppingOption = TypedOptions.OptionalInt("early-stopping", "PATIENCE", "Stop after PATIENCE epochs without validation improvement.", min: 1);
    private static readonly TypedOption<float> ValidationSplitOption = TypedOptions.Float("validation-split", "FRACTION", "Fraction of the training data held out for validation.", 0.2f, min: 0f, max: 0.9f);
    private static readonly TypedOption<int> SeedOption = TypedOptions.Int("seed", "N", "Random seed.", 42, min: 0);
    private static readonly TypedOption<int?> ThreadsOption = TypedOptions.OptionalInt("threads", "N", "Threads to use [default: all cores].", min: 1, max: 1024);
    private static readonly TypedOption<string?> ClassWeightOption = TypedOptions.Text("class-weight", "balanced|NAME=W,...", "Weight the loss per class: balanced (n / (classes * count)) or e.g. cat=2,dog=1 (classes not named weigh 1) [default: all 1].");
    private static readonly TypedOption<string?> OutOption = TypedOptions.Text("out", "DIR", "Output folder [default: runs/<timestamp>].");
    private static readonly TypedOption<string?> ResumeOption = TypedOptions.Text("resume", "CHECKPOINT", "Continue training from a checkpoint file.");
    private static readonly TypedOption<bool> QuietOption = TypedOptions.Flag("quiet", "Print only the summary.");
    private static readonly TypedOption<bool> JsonOption = TypedOptions.Flag("json", "Print a machine-readable JSON summary on stdout.");
    private static readonly TypedOption<IReadOnlyList<string>?> ImputeOption = TypedOptions.TextList("impute", "LIST", "Fill missing values: " + Nabla.NN.Data.Imputation.Spellings + " for every column, COLUMN=STRATEGY for one (comma-separated, e.g. median,city=most-frequent) [default: refuse them].");
    private static readonly TypedOption<string> UnknownCategoriesOption = TypedOptions.Choice("unknown-categories", "A category not seen in training, at prediction: refuse it, or encode it as all zeros.", "error", DataPolicyRegistry.UnknownCategories.Names);
    private static readonly TypedOption<string> DatesOption = TypedOptions.Choice("dates", "Date columns: expand into year, month, day, weekday (hour, minute), leave out, or one-hot encode.", "expand", DataPolicyRegistry.Dates.Names);
    private static readonly TypedOption<bool> NoTargetScalingOption = TypedOptions.Flag("no-target-scaling", "Keep a regression target in its own units while training instead of standardising it (predictions are in the target's units either way).");

    /// <summary>A CSV file to train on (with <see cref="Target"/>); null to use <see cref="Dataset"/>.</summary>
    public string? Data { get; init; }
    /// <summary>The name of the CSV column to predict.</summary>
    public string? Target { get; init; }
    /// <summary>The CSV columns to use as inputs; null for every column except the target.</summary>
    public IReadOnlyList<string>? Features { get; init; }
    /// <summary>auto, regression, binary or multiclass.</summary>
    public string Task { get; init; } = TaskOption.Default;
    /// <summary>A built-in data set, used when <see cref="Data"/> is null.</summary>
    public string Dataset { get; init; } = DatasetOption.Default;
    /// <summary>Where the IDX files of fashion-mnist/mnist are; null for the default folder.</summary>
    public string? DataDir { get; init; }
    /// <summary>Hidden layer widths, e.g. [64, 32]; empty for a linear/logistic model; null to size them from the data (<see cref="TrainingDefaults.HiddenLayers"/>).</summary>
    public IReadOnlyList<int>? Layers { get; init; }
    /// <summary>The hidden layers' activation.</summary>
    public string Activation { get; init; } = ActivationOption.Default;
    /// <summary>Dropout probability after each hidden activation, in [0, 1).</summary>
    public float Dropout { get; init; } = DropoutOption.Default;
    /// <summary>Weight initialiser of the dense layers.</summary>
    public string Init { get; init; } = InitOption.Default;
    /// <summary>The loss; auto picks from the task.</summary>
    public string Loss { get; init; } = LossOption.Default;
    /// <summary>The optimizer.</summary>
    public string Optimizer { get; init; } = OptimizerOption.Default;
    /// <summary>The learning rate; null for the optimizer's own default.</summary>
    public float? Lr { get; init; }
    /// <summary>batch, minibatch or sgd (one sample per step).</summary>
    public string Mode { get; init; } = ModeOption.Default;
    /// <summary>Samples per step in minibatch mode.</summary>
    public int BatchSize { get; init; } = BatchSizeOption.Default;
    /// <summary>Passes over the training data (with the default early stopping, the most it may take).</summary>
    public int Epochs { get; init; } = TrainingDefaults.EpochCap;
    /// <summary>L1 penalty coefficient added to the loss (lambda * sum |w|).</summary>
    public float L1 { get; init; } = L1Option.Default;
    /// <summary>L2 penalty coefficient added to the loss (lambda * sum w^2).</summary>
    public float L2 { get; init; } = L2Option.Default;
    /// <summary>Weight decay handed to the optimizer (decoupled for adamw and sgd, L2-in-the-gradient for the others); null for the optimizer's default.</summary>
    public float? WeightDecay { get; init; }
    /// <summary>Clip the gradient's global L2 norm to this value; null for no clipping.</summary>
    public float? ClipNorm { get; init; }
    /// <summary>The learning-rate schedule.</summary>
    public string Schedule { get; init; } = ScheduleOption.Default;
    /// <summary>Stop after this many epochs without validation improvement; null to run every epoch. Set to
    /// <see cref="TrainingDefaults.Patience"/> when neither this nor <c>--epochs</c> is given.</summary>
    public int? EarlyStopping { get; init; } = TrainingDefaults.Patience;
    /// <summary>Fraction of the training data held out for validation.</summary>
    public float ValidationSplit { get; init; } = ValidationSplitOption.Default;
    /// <summary>Seed of every random choice (initialisation, splits, shuffling, dropout).</summary>
    public int Seed { get; init; } = SeedOption.Default;
    /// <summary>Most memory training may need, in bytes; null for the default (three quarters of the available memory).</summary>
    public long? MemoryBudget { get; init; }

    /// <summary><c>balanced</c> or <c>NAME=W,...</c>: class weights of the loss; null for none.</summary>
    public string? ClassWeight { get; init; }

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
    /// <summary>Train on a regression target as is instead of standardised (<c>--no-target-scaling</c>).</summary>
    public bool NoTargetScaling { get; init; }
    /// <summary>Imputation of missing values for every feature column (<c>--impute STRATEGY</c>); null refuses them.</summary>
    public Nabla.NN.Data.Imputation? Impute { get; init; }
    /// <summary>Per-column imputation (<c>--impute COLUMN=STRATEGY</c>).</summary>
    public IReadOnlyDictionary<string, Nabla.NN.Data.Imputation>? ImputeColumns { get; init; }
    /// <summary>error or ignore: what prediction does with a category unseen in training.</summary>
    public string UnknownCategories { get; init; } = UnknownCategoriesOption.Default;
    /// <summary>Columns left out of the features (<c>--drop</c>).</summary>
    public IReadOnlyList<string>? Drop { get; init; }
    /// <summary>expand, drop or categorical: what to do with date columns.</summary>
    public string Dates { get; init; } = DatesOption.Default;
    /// <summary>How to read the CSV file (<c>--encoding</c>, <c>--decimal</c>, <c>--header</c>); null detects everything.</summary>
    public Nabla.NN.Data.CsvOptions? Csv { get; init; }

    /// <summary>The data half of these options, as the library's <see cref="TrainingData"/> takes it.</summary>
    public TrainingDataOptions DataOptions => new()
    {
        Data = Data, Target = Target, Features = Features, Task = Task, Dataset = Dataset, DataDir = DataDir,
        ValidationSplit = ValidationSplit, Seed = (ulong)Seed, MemoryBudget = MemoryBudget,
        StandardizeTarget = !NoTargetScaling,
        Impute = Impute, ImputeColumns = ImputeColumns, Drop = Drop,
        UnknownCategories = DataPolicyRegistry.UnknownCategories[UnknownCategories].Value,
        Dates = DataPolicyRegistry.Dates[Dates].Value,
        Csv = Csv,
    };

    /// <summary>The options of <c>nabla train</c> (and of <c>nabla compare</c>, which adds its own).</summary>
    public static readonly IReadOnlyList<OptionSpec> Specs =
    [
        DataOption.Spec,
        TargetOption.Spec,
        FeaturesOption.Spec,
        TaskOption.Spec,
        DatasetOption.Spec,
        DataDirOption.Spec,
        LayersOption.Spec,
        ActivationOption.Spec,
        DropoutOption.Spec,
        InitOption.Spec,
        LossOption.Spec,
        OptimizerOption.Spec,
        LrOption.Spec,
        BatchSizeOption.Spec,
        ModeOption.Spec,
        EpochsOption.Spec,
        L1Option.Spec,
        L2Option.Spec,
        WeightDecayOption.Spec,
        ClipNormOption.Spec,
        ScheduleOption.Spec,
        EarlyStoppingOption.Spec,
        ValidationSplitOption.Spec,
        SeedOption.Spec,
        ThreadsOption.Spec,
        ClassWeightOption.Spec,
        OutOption.Spec,
        ResumeOption.Spec,
        MemoryBudgetOption.Spec,
        QuietOption.Spec,
        JsonOption.Spec,
        NoTargetScalingOption.Spec,
        ImputeOption.Spec,
        UnknownCategoriesOption.Spec,
        DropOption.Spec,
        DatesOption.Spec,
        .. CsvReadingOptions.Specs,
    ];

    /// <summary>Validates <paramref name="raw"/> and builds the options; the first mistake throws <see cref="UsageException"/>.</summary>
    public static TrainOptions From(RawOptions raw)
    {
        string? data = DataOption.Read(raw);
        string? target = TargetOption.Read(raw);
        if (data is not null && raw.Has(DatasetOption.Name))
            throw new UsageException("--data and --dataset both given; train on a CSV file (--data FILE --target COLUMN) or on a built-in data set (--dataset NAME), not both.");
        if (data is not null && string.IsNullOrWhiteSpace(target))
            throw new UsageException($"--data {data} needs --target COLUMN: the name of the column to predict.");
        if (data is null && (target is not null || raw.Has(FeaturesOption.Name)))
            throw new UsageException("--target and --features choose columns of a CSV file; give the file with --data FILE.");

        // --batch-size implies mini-batches; contradicting it with --mode batch/sgd is a mistake worth naming.
        string? mode = raw.Has(ModeOption.Name) ? ModeOption.Read(raw) : null;
        int? batchSize = raw.Has(BatchSizeOption.Name) ? BatchSizeOption.Read(raw) : null;
        if (batchSize is not null && mode is "batch" or "sgd")
            throw new UsageException($"--batch-size {batchSize} contradicts --mode {mode}: batch mode uses the whole set per step and sgd one sample; use --mode minibatch or drop --batch-size.");

        long? memoryBudget = MemoryBudgetOption.Read(raw);

        // No --epochs: train until the validation loss stops improving (TrainingDefaults); --epochs N means N epochs.
        int? epochs = EpochsOption.Read(raw);
        float validationSplit = ValidationSplitOption.Read(raw);
        bool openEnded = epochs is null && validationSplit > 0;
        Nabla.NN.Data.Imputation? impute = null;
        IReadOnlyDictionary<string, Nabla.NN.Data.Imputation>? imputeColumns = null;
        if (ImputeOption.Read(raw) is { } imputeList)
        {
            try { (impute, imputeColumns) = Nabla.NN.Data.Imputation.ParseList(imputeList); }
            catch (FormatException e) { throw new UsageException($"--impute: {e.Message}."); }
        }

        return new TrainOptions
        {
            Impute = impute,
            ImputeColumns = imputeColumns,
            UnknownCategories = UnknownCategoriesOption.Read(raw),
            Drop = DropOption.Read(raw),
            Dates = DatesOption.Read(raw),
            Csv = CsvReadingOptions.From(raw),
            MemoryBudget = memoryBudget,
            Data = data,
            Target = target,
            Features = FeaturesOption.Read(raw),
            Task = TaskOption.Read(raw),
            Dataset = DatasetOption.Read(raw),
            DataDir = DataDirOption.Read(raw),
            Layers = LayersOption.Read(raw),
            Activation = ActivationOption.Read(raw),
            Dropout = DropoutOption.Read(raw),
            Init = InitOption.Read(raw),
            Loss = LossOption.Read(raw),
            Optimizer = OptimizerOption.Read(raw),
            Lr = LrOption.Read(raw),
            Mode = mode ?? ModeOption.Default,
            BatchSize = batchSize ?? BatchSizeOption.Default,
            Epochs = epochs ?? (openEnded ? TrainingDefaults.EpochCap : TrainingDefaults.EpochsWithoutValidation),
            L1 = L1Option.Read(raw),
            L2 = L2Option.Read(raw),
            WeightDecay = WeightDecayOption.Read(raw),
            ClipNorm = ClipNormOption.Read(raw),
            Schedule = ScheduleOption.Read(raw),
            EarlyStopping = EarlyStoppingOption.Read(raw) ?? (openEnded ? TrainingDefaults.Patience : null),
            ValidationSplit = validationSplit,
            Seed = SeedOption.Read(raw),
            Threads = ThreadsOption.Read(raw),
            ClassWeight = ClassWeightOption.Read(raw),
            Out = OutOption.Read(raw),
            Resume = ResumeOption.Read(raw),
            Quiet = QuietOption.Read(raw),
            Json = JsonOption.Read(raw),
            NoTargetScaling = NoTargetScalingOption.Read(raw),
        };
    }
}
