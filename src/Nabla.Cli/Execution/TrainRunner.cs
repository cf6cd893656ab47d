using System.Diagnostics;
using System.Globalization;
using Nabla.Cli.Options;
using Nabla.Cli.Parsing;
using Nabla.NN;
using Nabla.NN.Models;
using Nabla.NN.Training;
using Nabla.Whiteboard.Reports;

namespace Nabla.Cli.Execution;

/// <summary>The outcome of one training run, as the summary and the comparison report need it.</summary>
/// <param name="Output">The output folder.</param>
/// <param name="Data">The data that was used.</param>
/// <param name="History">Per-epoch record.</param>
/// <param name="Splits">Final evaluation per split, "train", "validation", "test" (test is the validation data when there is no test split).</param>
/// <param name="Seconds">Wall time of the training loop.</param>
/// <param name="Interrupted">True when Ctrl-C stopped training (a checkpoint was saved instead of a final model).</param>
/// <param name="Diverged">True when the loss became NaN/Inf or grew a million-fold (no final model; the last good checkpoint is kept).</param>
public sealed record TrainResult(string Output, TrainingData Data, History History, IReadOnlyList<(string Split, Evaluation Evaluation)> Splits, double Seconds, bool Interrupted, bool Diverged = false);

/// <summary>Runs <c>nabla train</c>: load data, build the model, fit, evaluate, write the output folder.</summary>
public static class TrainRunner
{
    /// <summary>Name of the checkpoint file written on Ctrl-C (and read by <c>--resume</c>).</summary>
    public const string CheckpointFile = "checkpoint.safetensors";

    /// <summary>The effective options, written as a config file so <c>--config</c> reproduces or resumes the run.</summary>
    public const string ConfigFile = "config.json";

    /// <summary>Runs the command and prints the summary; returns the exit code.</summary>
    public static int Run(TrainOptions o, CliContext context)
    {
        var result = Train(o, context, label: null, data: null);
        if (result.Diverged)
        {
            string checkpoint = Path.Combine(result.Output, CheckpointFile);
            context.Stderr.WriteLine(result.History.StopReason);
            if (File.Exists(checkpoint))
            {
                float smaller = TrainingSetup.LearningRate(o) / 10;
                context.Stderr.WriteLine($"The last good checkpoint is kept at {checkpoint}. Resume from it with a smaller learning rate: " +
                    $"nabla train --config {ShellText.Quote(Path.Combine(result.Output, ConfigFile))} --resume {ShellText.Quote(checkpoint)} --lr {smaller.ToString("G4", CultureInfo.InvariantCulture)}");
            }
            return ExitCodes.Failure;
        }
        if (result.Interrupted)
        {
            string checkpoint = Path.Combine(result.Output, CheckpointFile);
            context.Stderr.WriteLine($"Interrupted after epoch {result.History.Epochs.Count}. Checkpoint saved to {checkpoint}.");
            context.Stderr.WriteLine($"Resume with: nabla train --config {ShellText.Quote(Path.Combine(result.Output, ConfigFile))} --resume {ShellText.Quote(checkpoint)}");
            return ExitCodes.Interrupted;
        }
        if (o.Json) TrainSummary.WriteJson(context.Stdout, result);
        else TrainSummary.WriteText(context.Stdout, result);
        return ExitCodes.Success;
    }

    /// <summary>Trains one model; <paramref name="label"/> prefixes progress lines (for <c>compare</c>); <paramref name="data"/> reuses loaded data.</summary>
    public static TrainResult Train(TrainOptions o, CliContext context, string? label, TrainingData? data)
    {
        if (o.Threads is int threads) Nabla.Kernels.Threading.MaxThreads = threads;
        data ??= TrainingData.Load(o.DataOptions);
        // No --layers: size the hidden layers from the training rows; the resolved widths go into config and card.
        o = o with { Layers = o.Layers ?? TrainingDefaults.HiddenLayers(data.Split.Train.Count, data.Task.Kind == TaskKind.Regression) };
        var loss = TrainingSetup.ResolveLoss(o.Loss, data.Task);
        string lossName = loss.Name;
        var spec = new ModelSpec(data.FeatureNames.Count, o.Layers, loss.OutputsFor(data.Task), o.Activation, o.Dropout, o.Init);
        var model = spec.Build(new Rng((ulong)o.Seed));
        if (o.L1 > 0 || o.L2 > 0) model.Regularizer = new Regularizer(o.L1, o.L2);
        var optimizer = TrainingSetup.CreateOptimizer(o, model.Parameters());
        // Under mpirun this process is one rank of a data-parallel run; only rank 0 writes files (docs/DISTRIBUTED.md).
        var communicator = Distributed();
        bool writes = communicator is null || communicator.Rank == 0;
        var trainer = new Trainer(model, TrainingSetup.WeightClasses(o, loss.Create(), data), optimizer,
            new TrainerOptions { Seed = (ulong)o.Seed, Task = data.Task, ClipGradNorm = o.ClipNorm, TerminateOnNaN = false, Communicator = communicator });

        string output = OutputFolder(o);
        // Held for the whole run: a second run on the same --out is refused instead of mixing files (#15 item 3).
        using var claim = writes ? ModelFolderLock.AcquireOrReuse(output) : null;
        if (writes) WriteConfig(Path.Combine(output, ConfigFile), o with { Out = output, Resume = null });
        if (o.Resume is not null)
        {
            if (!File.Exists(o.Resume)) throw new CliException($"Checkpoint '{o.Resume}' does not exist.");
            Checkpoint.Load(trainer, o.Resume);
        }

        var log = o.Quiet || o.Json ? TextWriter.Null : context.Stdout;
        if (!o.Quiet && !o.Json)
            foreach (var w in data.Warnings) context.Stderr.WriteLine("warning: " + w);
        var stop = new StopOnCancel(context.Cancel, context.Stderr);
        // Divergence is watched here (not by the trainer's default) to know it happened; every completed good epoch
        // is checkpointed atomically, so a kill at any moment loses at most one epoch and --resume continues (#8).
        var divergence = new TerminateOnNaN();
        var callbacks = new List<Callback> { stop, divergence };
        if (writes) callbacks.Add(new PeriodicCheckpoint(Path.Combine(output, CheckpointFile)));
        if (!o.Quiet && !o.Json)
            callbacks.Add(context.IsTerminal && label is null ? new LiveProgress() : new TextProgress(label is null ? log : new PrefixWriter(log, label + ": ")));
        // The report is rewritten (atomically) while training runs, so it can be watched in a browser.
        if (writes) callbacks.Add(new LiveReport(Path.Combine(output, "report.html"), o, lossName, data, model, spec));
        bool hasValidation = data.Split.Validation is not null;
        if (o.EarlyStopping is int patience)
            callbacks.Add(new EarlyStopping(hasValidation ? "val_loss" : "loss", patience, TrainingDefaults.MinDelta, restoreBestWeights: true));
        if (TrainingSetup.CreateSchedule(o, optimizer) is { } schedule) callbacks.Add(schedule);

        var clock = Stopwatch.StartNew();
        var history = trainer.Fit(data.Split.Train, o.Epochs, TrainingSetup.Mode(o), data.Split.Validation, callbacks);
        double seconds = clock.Elapsed.TotalSeconds;
        if (stop.Stopped)
        {
            if (writes) Checkpoint.Save(trainer, Path.Combine(output, CheckpointFile));
            return new TrainResult(output, data, history, [], seconds, Interrupted: true);
        }

        if (divergence.Triggered)
            return new TrainResult(output, data, history, [], seconds, Interrupted: false, Diverged: true);

        // Final scores in the target's own units (a standardised regression target is decoded first).
        Evaluation Score(Nabla.NN.Data.TensorDataset part) => data.InTargetUnits(trainer.Evaluate(part), trainer.Loss, trainer.Options.Metrics);
        var splits = new List<(string, Evaluation)> { ("train", Score(data.Split.Train)) };
        if (data.Split.Validation is { } validation) splits.Add(("validation", Score(validation)));
        if ((data.Split.Test ?? data.Split.Validation) is { } test) splits.Add(("test", data.Split.Test is null ? splits[^1].Item2 : Score(test)));
        var result = new TrainResult(output, data, history, splits, seconds, Interrupted: false);
        if (writes) WriteOutputs(o, result, model, spec, lossName);
        return result;
    }

    /// <summary>The ranks of the mpirun job this process is part of, or null outside mpirun.</summary>
    internal static ICommunicator? Distributed()
    {
        try { return Nabla.Distributed.DistributedEnvironment.Detect(); }
        catch (DllNotFoundException e) { throw new CliException(e.Message, e); }
    }

    private static void WriteOutputs(TrainOptions o, TrainResult r, Sequential model, ModelSpec spec, string lossName)
    {
        var card = new ModelCard
        {
            Spec = spec,
            Task = r.Data.Task.Kind,
            ClassNames = r.Data.ClassNames,
            Loss = lossName,
            Data = r.Data.Name,
            DataSha256 = r.Data.Sha256,
            FeatureNames = r.Data.FeatureNames,
            Settings = Settings(o, lossName),
            Metrics = r.Splits.ToDictionary(s => s.Split, s => s.Evaluation.Summary()),
            Epochs = r.History.Epochs.Count,
            Seconds = r.Seconds,
            Created = DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
            Preprocessor = r.Data.Preprocessor,
        };
        card = new ModelPackage(card, model).Save(r.Output).Card;
        RunWriter.WriteMetricsCsv(Path.Combine(r.Output, "metrics.csv"), r.History);
        ReportHtml.Write(Path.Combine(r.Output, "report.html"), Report(r, model, spec, card.Created, card.Settings));
    }

    /// <summary>The HTML report of a run; while training runs (<see cref="TrainResult.Splits"/> empty) it shows the epochs so far.</summary>
    internal static TrainingReport Report(TrainResult r, Sequential model, ModelSpec spec, string created, IReadOnlyList<KeyValuePair<string, string>> settings)
    {
        var test = r.Splits.FirstOrDefault(s => s.Split == "test").Evaluation;
        string summary;
        if (r.Splits.Count == 0)
            summary = $"{ModelCard.TaskName(r.Data.Task.Kind)} task, training: {r.History.Epochs.Count} epochs so far in {r.Seconds:F1} s (this page is rewritten after every epoch).";
        else
        {
            var headline = (test ?? r.Splits[0].Evaluation).Summary();
            string outcome = string.Join(", ", headline.Select(kv => $"{kv.Key} {kv.Value.ToString("G4", CultureInfo.InvariantCulture)}"));
            summary = $"{ModelCard.TaskName(r.Data.Task.Kind)} task, {r.History.Epochs.Count} epochs in {r.Seconds:F1} s; test {outcome}.";
        }
        return new TrainingReport
        {
            Title = $"{r.Data.Name}: {spec.Shape} MLP",
            Summary = summary,
            Created = created,
            Settings = settings.Select(kv => new ReportSetting(kv.Key, kv.Value)).ToArray(),
            Architecture = RunWriter.Architecture(model, spec.Inputs),
            Loss = RunWriter.LossSeries(r.History).ToArray(),
            MetricCurves = RunWriter.MetricCurves(r.History),
            LearningRate = [Nabla.Whiteboard.Charts.Series.FromValues("lr", r.History.LearningRate)],
            GradientNorms = RunWriter.GradientNorms(r.History),
            FinalMetrics = r.Splits.Select(s => new SplitMetrics(s.Split, s.Evaluation.Summary().ToArray())).ToArray(),
            Confusion = test is null ? null : RunWriter.Confusion("test", test, r.Data.ClassNames),
            Predictions = test is null || r.Data.Task.IsClassification ? null
                : new PredictionSample("test", test.Predictions.ActualValues.Select(v => (double)v).ToArray(), test.Predictions.PredictedValues.Select(v => (double)v).ToArray()),
            Warnings = r.Data.Warnings.Concat(r.History.Warnings).Distinct().ToArray(),
            Tables = TrainSummary.PerClass(r) is { } classes
                ? [new ReportTable("per-class", "Per-class metrics (test)", ["class", "precision", "recall", "f1", "support"],
                    classes.Select(c => (IReadOnlyList<string>)[c.Class, c.Precision.ToString("F4", CultureInfo.InvariantCulture),
                        c.Recall.ToString("F4", CultureInfo.InvariantCulture), c.F1.ToString("F4", CultureInfo.InvariantCulture),
                        c.Support.ToString(CultureInfo.InvariantCulture)]).ToArray())]
                : [],
        };
    }

    /// <summary>The settings shown in the report and saved in the model card, in display order.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Settings(TrainOptions o, string lossName)
    {
        var list = new List<KeyValuePair<string, string>>();
        void Add(string k, object? v) { if (v is not null) list.Add(new(k, Convert.ToString(v, CultureInfo.InvariantCulture)!)); }
        Add("data", o.Data ?? o.Dataset);
        Add("target", o.Target);
        if (o.Layers is not null) Add("layers", string.Join(',', o.Layers));
        Add("activation", o.Activation);
        Add("dropout", o.Dropout);
        Add("init", o.Init);
        Add("loss", lossName);
        Add("optimizer", o.Optimizer);
        Add("lr", TrainingSetup.LearningRate(o));
        Add("mode", o.Mode);
        if (o.Mode == "minibatch") Add("batch-size", o.BatchSize);
        Add("epochs", o.Epochs);
        if (o.L1 > 0) Add("l1", o.L1);
        if (o.L2 > 0) Add("l2", o.L2);
        Add("weight-decay", o.WeightDecay);
        Add("clip-norm", o.ClipNorm);
        Add("schedule", o.Schedule);
        Add("early-stopping", o.EarlyStopping);
        Add("class-weight", o.ClassWeight);
        Add("validation-split", o.ValidationSplit);
        Add("seed", o.Seed);
        // The data flags, when not their defaults, so config.json (and --resume) reads the data the same way.
        if (o.NoTargetScaling) Add("no-target-scaling", true);
        if (o.Impute is not null || o.ImputeColumns is not null)
            Add("impute", string.Join(',', new[] { o.Impute?.Spelling }.OfType<string>().Concat((o.ImputeColumns ?? new Dictionary<string, Nabla.NN.Data.Imputation>()).Select(kv => kv.Key + "=" + kv.Value.Spelling))));
        if (o.UnknownCategories != "error") Add("unknown-categories", o.UnknownCategories);
        if (o.Drop is { Count: > 0 }) Add("drop", string.Join(',', o.Drop));
        if (o.Dates != "expand") Add("dates", o.Dates);
        if (o.Csv?.Encoding is { } encoding) Add("encoding", encoding.WebName);
        if (o.Csv?.DecimalSeparator is char separator) Add("decimal", separator);
        if (o.Csv?.HasHeader is bool header) Add("header", header ? "yes" : "no");
        return list;
    }

    private static string OutputFolder(TrainOptions o)
    {
        if (o.Out is not null) return o.Out;
        if (o.Resume is not null) return Path.GetDirectoryName(Path.GetFullPath(o.Resume))!;
        string stamp = DateTime.Now.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
        string path = Path.Combine("runs", stamp);
        for (int i = 2; Directory.Exists(path); i++) path = Path.Combine("runs", $"{stamp}-{i}");
        return path;
    }

    // The options that reproduce the run, as option names and text: the data first, then the settings, task and output.
    private static void WriteConfig(string path, TrainOptions o)
    {
        var options = new List<KeyValuePair<string, string?>>();
        if (o.Data is not null) { options.Add(new("data", o.Data)); options.Add(new("target", o.Target)); }
        else options.Add(new("dataset", o.Dataset));
        if (o.Features is not null) options.Add(new("features", string.Join(',', o.Features)));
        if (o.DataDir is not null) options.Add(new("data-dir", o.DataDir));
        foreach (var (k, v) in Settings(o, o.Loss).Where(kv => kv.Key is not "data" and not "target")) options.Add(new(k, v));
        options.Add(new("task", o.Task));
        options.Add(new("out", o.Out));
        RunConfig.Save(path, options);
    }
}

/// <summary>Prefixes every line written through it (labels the progress of one run in a comparison).</summary>
internal sealed class PrefixWriter(TextWriter inner, string prefix) : TextWriter
{
    public override System.Text.Encoding Encoding => inner.Encoding;
    public override void WriteLine(string? value) => inner.WriteLine(prefix + value);
    public override void Write(char value) => inner.Write(value);
}
