using System.Globalization;
using Nabla.Cli.Options;
using Nabla.Cli.Parsing;
using Nabla.NN.Models;
using Nabla.NN.Serialization;
using Nabla.NN.Training;
using Nabla.NN.Tuning;
using Nabla.Whiteboard.Reports;

namespace Nabla.Cli.Execution;

/// <summary>
/// Runs <c>nabla tune</c>: searches with the library's <see cref="Tuner"/>, writes <c>leaderboard.csv</c> and
/// <c>report.html</c> (the leaderboard and the best model's curves) to the output folder, and trains the best setting
/// with <c>nabla train</c>'s own code into <c>OUT/best</c>, a model folder <c>predict</c> and <c>evaluate</c> load.
/// </summary>
public static class TuneRunner
{
    /// <summary>The leaderboard's file name in the output folder.</summary>
    public const string LeaderboardFile = "leaderboard.csv";

    /// <summary>Runs the search, prints the leaderboard's top and where the files are; returns the exit code.</summary>
    public static int Run(TuneOptions o, CliContext context)
    {
        var data = TrainingData.Load(o.Base.DataOptions);
        string output = o.Base.Out ?? Path.Combine("runs", "tune-" + DateTime.Now.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture));
        // Under mpirun the ranks share the trials, then train the best setting data-parallel; rank 0 writes the files.
        var communicator = TrainRunner.Distributed();
        var tuner = new Tuner(new TunerOptions
        {
            Space = o.Space, Strategy = o.Strategy, Trials = o.Trials, Folds = o.Folds, Seed = (ulong)o.Base.Seed,
            Parallelism = o.Parallel, Activation = o.Base.Activation, Optimizer = o.Base.Optimizer, Loss = o.Base.Loss,
            Patience = o.Base.EarlyStopping ?? TrainingDefaults.Patience, Communicator = communicator,
        });
        int count = tuner.Points().Count;
        var log = o.Base.Quiet || o.Base.Json ? TextWriter.Null : context.Stdout;
        string how = o.Folds >= 2 ? $"{o.Folds}-fold cross-validation" : "the validation split";
        log.WriteLine($"Tuning on {data.Name}: {count} trials scored by {how}, {o.Parallel} at a time.");
        int done = 0;
        var progress = new SynchronousProgress<TrialResult>(t =>
            log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  [{Interlocked.Increment(ref done)}/{count}] trial {t.Trial}: layers {string.Join(',', t.Config.Layers)} lr {t.Config.LearningRate} weight-decay {t.Config.WeightDecay} batch-size {t.Config.BatchSize} -> {(data.Task.IsClassification ? "accuracy" : "r2")} {t.Score:F4}")));
        Leaderboard board;
        try { board = tuner.Run(data.Split.Train, data.Task, data.Split.Validation, progress, context.Cancel); }
        catch (ArgumentException e) { throw new UsageException(e.Message); }
        catch (OperationCanceledException) { context.Stderr.WriteLine("Interrupted: no trial results were written."); return ExitCodes.Interrupted; }

        bool writes = communicator is null || communicator.Rank == 0;
        if (writes)
        {
            Directory.CreateDirectory(output);
            AtomicFile.WriteAllBytes(Path.Combine(output, LeaderboardFile), System.Text.Encoding.UTF8.GetBytes(board.ToCsv()));
        }
        var best = board.Best.Config;
        var bestOptions = o.Base with
        {
            Layers = best.Layers,
            Lr = best.LearningRate,
            WeightDecay = best.WeightDecay,
            BatchSize = best.BatchSize,
            Mode = "minibatch",
            Out = Path.Combine(output, "best"),
            Quiet = true,
            Json = false,
        };
        var result = TrainRunner.Train(bestOptions, context, label: "best", data);
        if (result.Interrupted || result.Diverged)
            throw new CliException($"The best setting ({Describe(best)}) did not train to the end: {result.History.StopReason}.");
        if (writes) ReportHtml.Write(Path.Combine(output, "report.html"), Report(o, data, board, result));

        var test = result.Splits.FirstOrDefault(s => s.Split == "test").Evaluation?.Summary();
        if (o.Base.Json)
        {
            context.Stdout.WriteLine(TuningSummary.Of(board, output).ToJson());
            return ExitCodes.Success;
        }
        context.Stdout.WriteLine($"Best of {board.Trials.Count} trials: {Describe(best)} ({board.Metric} {board.Best.Score.ToString("F4", CultureInfo.InvariantCulture)} on {how}).");
        if (test is not null)
            context.Stdout.WriteLine($"  retrained on the training split: test {string.Join("  ", test.Select(kv => $"{kv.Key} {kv.Value.ToString("F4", CultureInfo.InvariantCulture)}"))}");
        context.Stdout.WriteLine($"Leaderboard: {Path.Combine(output, LeaderboardFile)}; best model: {Path.Combine(output, "best")}/; report: {Path.Combine(output, "report.html")}.");
        return ExitCodes.Success;
    }

    /// <summary>The trial as the train flags that reproduce it, numbers written as help writes them (1e-05, not 1E-05).</summary>
    private static string Describe(TrialConfig c) => string.Create(CultureInfo.InvariantCulture,
        $"--layers {string.Join(',', c.Layers)} --lr {Flag(c.LearningRate)} --weight-decay {Flag(c.WeightDecay)} --batch-size {c.BatchSize}");

    private static string Flag(float value) => value.ToString(CultureInfo.InvariantCulture).ToLowerInvariant();

    private static TrainingReport Report(TuneOptions o, TrainingData data, Leaderboard board, TrainResult best) => new()
    {
        Title = $"{data.Name}: tuning",
        Summary = $"{board.Trials.Count} trials ({(o.Strategy == SearchStrategy.Grid ? "grid" : "random")} search, " +
            $"{(o.Folds >= 2 ? $"{o.Folds}-fold cross-validation" : "validation split")}); best {Describe(board.Best.Config)}, " +
            $"{board.Metric} {board.Best.Score.ToString("F4", CultureInfo.InvariantCulture)}. The best model is in best/.",
        Created = DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
        Settings = [new("seed", o.Base.Seed.ToString(CultureInfo.InvariantCulture)), new("trials", board.Trials.Count.ToString(CultureInfo.InvariantCulture))],
        Loss = RunWriter.LossSeries(best.History).ToArray(),
        FinalMetrics = best.Splits.Select(s => new SplitMetrics("best: " + s.Split, s.Evaluation.Summary().ToArray())).ToArray(),
        Tables = [new ReportTable("leaderboard", "Leaderboard", board.Columns, board.Rows().Select(r => (IReadOnlyList<string>)r).ToArray())],
        Warnings = data.Warnings,
    };

    /// <summary>An <see cref="IProgress{T}"/> that reports on the calling thread (Progress&lt;T&gt; would post to the thread pool and print out of order).</summary>
    private sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
    {
        private readonly object _gate = new();
        public void Report(T value) { lock (_gate) report(value); }
    }
}
