using Nabla.Kernels;
using Nabla.NN.Data;
using Nabla.NN.Models;
using Nabla.NN.Registries;
using Nabla.NN.Training;

namespace Nabla.NN.Tuning;

/// <summary>How a <see cref="Tuner"/> picks the points it tries.</summary>
public enum SearchStrategy
{
    /// <summary><see cref="TunerOptions.Trials"/> distinct points drawn at random (seeded).</summary>
    Random,

    /// <summary>Every point of the space, in order.</summary>
    Grid,
}

/// <summary>Settings of a <see cref="Tuner"/>.</summary>
public sealed record TunerOptions
{
    /// <summary>The values to try.</summary>
    public SearchSpace Space { get; init; } = new();

    /// <summary>Random or grid search.</summary>
    public SearchStrategy Strategy { get; init; } = SearchStrategy.Random;

    /// <summary>Points a random search tries (capped at the size of the space); ignored by grid search.</summary>
    public int Trials { get; init; } = 20;

    /// <summary>k of k-fold cross-validation over the training data; below 2, the trials score on the validation data.</summary>
    public int Folds { get; init; }

    /// <summary>Seed of the search and of every trial (initialisation and shuffling derive from it and the trial number).</summary>
    public ulong Seed { get; init; }

    /// <summary>Most epochs per trial; each trial stops early on its validation loss (<see cref="TrainingDefaults"/>).</summary>
    public int MaxEpochs { get; init; } = TrainingDefaults.EpochCap;

    /// <summary>Epochs without a better validation loss before a trial stops.</summary>
    public int Patience { get; init; } = TrainingDefaults.Patience;

    /// <summary>Hidden activation of every trial.</summary>
    public string Activation { get; init; } = "relu";

    /// <summary>Optimizer of every trial.</summary>
    public string Optimizer { get; init; } = "adam";

    /// <summary>Loss of every trial (<see cref="LossRegistry.Auto"/> picks from the task).</summary>
    public string Loss { get; init; } = LossRegistry.Auto;

    /// <summary>Trials run at the same time, each on one thread; the results do not depend on it.</summary>
    public int Parallelism { get; init; } = Math.Clamp(Environment.ProcessorCount, 1, 2);

    /// <summary>
    /// The ranks of a data-parallel job (<see cref="TrainerOptions.Communicator"/>), or null: with more than one rank,
    /// rank r runs trials r, r + N, r + 2N, ... (each whole, on its own) and every rank returns the whole leaderboard,
    /// the same as one process's. Every rank must call <see cref="Tuner.Run"/> with the same data and options.
    /// </summary>
    public ICommunicator? Communicator { get; init; }
}

/// <summary>
/// Hyper-parameter search for an MLP: trains one model per point of a <see cref="SearchSpace"/> (random or grid), scores
/// it by k-fold cross-validation or on a validation set, and returns a <see cref="Leaderboard"/>.
/// </summary>
/// <remarks>
/// Trials run in parallel, each on a single kernel thread (<see cref="Threading.LimitThisThread"/>: the rest of the
/// process keeps its <see cref="Threading.MaxThreads"/>), so the two cores work on two models instead of fighting over
/// one small one. Every trial's points, initialisation and shuffling derive only from <see cref="TunerOptions.Seed"/>
/// and its trial number, and the kernels give the same result whatever the thread count, so the same seed gives the
/// same leaderboard however the trials are scheduled, also when <see cref="TunerOptions.Communicator"/> spreads them
/// over the ranks of a job.
/// </remarks>
public sealed class Tuner
{
    /// <summary>Creates a tuner.</summary>
    public Tuner(TunerOptions? options = null)
    {
        Options = options ?? new TunerOptions();
        Options.Space.Validate();
        if (Options.Trials < 1) throw new ArgumentOutOfRangeException(nameof(options), $"Trials must be at least 1, got {Options.Trials}.");
        if (Options.Parallelism < 1) throw new ArgumentOutOfRangeException(nameof(options), $"Parallelism must be at least 1, got {Options.Parallelism}.");
        if (Options.MaxEpochs < 1) throw new ArgumentOutOfRangeException(nameof(options), $"MaxEpochs must be at least 1, got {Options.MaxEpochs}.");
    }

    /// <summary>The settings.</summary>
    public TunerOptions Options { get; }

    /// <summary>The points the search tries, in trial order.</summary>
    public IReadOnlyList<TrialConfig> Points()
    {
        long count = Options.Space.Count;
        if (Options.Strategy == SearchStrategy.Grid) return Enumerable.Range(0, checked((int)count)).Select(i => Options.Space.At(i)).ToArray();
        var rng = new Rng(Options.Seed);
        var chosen = new List<long>();
        var seen = new HashSet<long>();
        long wanted = Math.Min(Options.Trials, count);
        while (chosen.Count < wanted)
        {
            long index = (long)(rng.NextDouble() * count);
            if (index < count && seen.Add(index)) chosen.Add(index);
        }
        return chosen.Select(Options.Space.At).ToArray();
    }

    /// <summary>
    /// Runs the search on <paramref name="train"/> (k-fold when <see cref="TunerOptions.Folds"/> is 2 or more, else scored
    /// on <paramref name="validation"/>) for <paramref name="task"/>.
    /// </summary>
    /// <param name="progress">Told after every finished trial; null for none.</param>
    /// <param name="cancellationToken">Stops the search between epochs (throws <see cref="OperationCanceledException"/>).</param>
    /// <exception cref="ArgumentException">No validation data without folds, or more folds than samples.</exception>
    public Leaderboard Run(TensorDataset train, TaskSpec task, TensorDataset? validation = null,
        IProgress<TrialResult>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(task);
        var folds = Folds(train, validation);
        var points = Points();
        var results = new TrialResult[points.Count];
        var ranks = Options.Communicator is { Size: > 1 } communicator ? communicator : null;
        int[] mine = [.. Enumerable.Range(0, points.Count).Where(i => ranks is null || i % ranks.Size == ranks.Rank)];
        Parallel.For(0, mine.Length, new ParallelOptions { MaxDegreeOfParallelism = Options.Parallelism, CancellationToken = cancellationToken }, j =>
        {
            int i = mine[j];
            using (Threading.LimitThisThread(1)) results[i] = RunTrial(i, points[i], folds, task, cancellationToken);
            progress?.Report(results[i]);
        });
        if (ranks is not null) ShareResults(ranks, points, results, progress);
        return new Leaderboard(task.IsClassification ? "accuracy" : "r2", results);
    }

    /// <summary>
    /// Fills in the other ranks' trials: each rank writes its trials' four numbers, each as the four 16-bit pieces of
    /// the double (exact in a float), into one buffer of zeros elsewhere, and an allreduce sums them. Reports the
    /// trials received to <paramref name="progress"/>, in trial order.
    /// </summary>
    private static void ShareResults(ICommunicator ranks, IReadOnlyList<TrialConfig> points, TrialResult?[] results, IProgress<TrialResult>? progress)
    {
        const int Numbers = 4, Pieces = 4;
        var packed = new float[points.Count * Numbers * Pieces];
        for (int i = 0; i < results.Length; i++)
        {
            if (results[i] is not { } r) continue;
            double[] numbers = [r.Score, r.ScoreStd, r.Loss, r.Epochs];
            for (int n = 0; n < Numbers; n++)
            {
                ulong bits = (ulong)BitConverter.DoubleToInt64Bits(numbers[n]);
                for (int piece = 0; piece < Pieces; piece++) packed[(i * Numbers + n) * Pieces + piece] = (ushort)(bits >> (16 * piece));
            }
        }
        ranks.AllReduceSum(packed);
        for (int i = 0; i < results.Length; i++)
        {
            if (results[i] is not null) continue;
            var numbers = new double[Numbers];
            for (int n = 0; n < Numbers; n++)
            {
                ulong bits = 0;
                for (int piece = 0; piece < Pieces; piece++) bits |= (ulong)packed[(i * Numbers + n) * Pieces + piece] << (16 * piece);
                numbers[n] = BitConverter.Int64BitsToDouble((long)bits);
            }
            results[i] = new TrialResult(i, points[i], numbers[0], numbers[1], numbers[2], numbers[3]);
            progress?.Report(results[i]!);
        }
    }

    private IReadOnlyList<(TensorDataset Train, TensorDataset Validation)> Folds(TensorDataset train, TensorDataset? validation)
    {
        int k = Options.Folds;
        if (k < 2)
        {
            if (validation is null || validation.Count == 0)
                throw new ArgumentException("Tuning without folds scores every trial on the validation data, but there is none: pass validation data or set Folds to 2 or more.");
            return [(train, validation)];
        }
        if (k > train.Count) throw new ArgumentException($"{k}-fold cross-validation needs at least {k} samples; there are {train.Count}.");
        // One shuffle for all trials: every trial sees the same folds, so their scores compare like for like.
        int[] order = new Rng(Options.Seed ^ 0x9E3779B97F4A7C15UL).Permutation(train.Count);
        var result = new List<(TensorDataset, TensorDataset)>();
        for (int f = 0; f < k; f++)
        {
            var held = new List<int>();
            var kept = new List<int>();
            for (int i = 0; i < order.Length; i++) (i % k == f ? held : kept).Add(order[i]);
            result.Add((train.Subset(kept), train.Subset(held)));
        }
        return result;
    }

    private TrialResult RunTrial(int trial, TrialConfig config, IReadOnlyList<(TensorDataset Train, TensorDataset Validation)> folds, TaskSpec task, CancellationToken cancellationToken)
    {
        var scores = new double[folds.Count];
        double loss = 0, epochs = 0;
        for (int f = 0; f < folds.Count; f++)
        {
            var (train, validation) = folds[f];
            ulong seed = Options.Seed + (ulong)trial * 1000 + (ulong)f;
            var lossRow = LossRegistry.Resolve(Options.Loss, task);
            int inputs = train.Features.Size / Math.Max(1, train.Count);
            var model = new ModelSpec(inputs, config.Layers, lossRow.OutputsFor(task), Options.Activation, 0f, "default").Build(new Rng(seed));
            var optimizer = OptimizerRegistry.All[Options.Optimizer].Create(model.Parameters(), config.LearningRate, config.WeightDecay);
            var trainer = new Trainer(model, lossRow.Create(), optimizer, new TrainerOptions
            {
                Seed = seed, Task = task, Diagnostics = new DiagnosticsOptions { Enabled = false },
            });
            var stop = new EarlyStopping(TrainingDefaults.Monitor, Options.Patience, TrainingDefaults.MinDelta, restoreBestWeights: true);
            var history = trainer.Fit(train, Options.MaxEpochs, GradientDescentMode.MiniBatch(config.BatchSize), validation, [stop], cancellationToken: cancellationToken);
            var evaluation = trainer.Evaluate(validation, cancellationToken);
            var summary = evaluation.Summary();
            scores[f] = summary[task.IsClassification ? "accuracy" : "r2"];
            loss += evaluation.Loss;
            epochs += history.Epochs.Count;
        }
        double mean = scores.Average();
        double std = Math.Sqrt(scores.Select(s => (s - mean) * (s - mean)).Sum() / scores.Length);
        return new TrialResult(trial, config, mean, std, loss / folds.Count, epochs / folds.Count);
    }
}
