using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Nabla.NN.Data;
using Nabla.NN.Optim;

namespace Nabla.NN.Training;

/// <summary>
/// The fit loop: trains a model with a loss and an optimizer in batch, mini-batch or stochastic mode,
/// evaluates it, predicts with it, and keeps a <see cref="History"/>. Checkpoints made with
/// <see cref="Checkpoint"/> let a later Fit continue exactly where training stopped.
/// </summary>
/// <remarks>
/// One step: <c>optimizer.ZeroGrad(); out = model(x); l = loss(out, y) [+ regularisation]; l.Backward();
/// [clip]; optimizer.Step()</c>. The loss must be mean-reduced, so the step's gradient is the average of the
/// per-sample gradients of its batch (the three modes differ only in the batch size). A step whose loss is
/// NaN or infinite is not applied (the weights keep their last finite values) and, by default, stops training.
/// Batches come from a <see cref="DataLoader"/> whose two buffers are reused, so a steady-state step does not
/// allocate batch-sized arrays beyond what the forward and backward passes themselves create.
/// </remarks>
public sealed class Trainer
{
    /// <summary>Creates a trainer.</summary>
    /// <param name="model">Maps a batch of features [B, ...] to outputs [B] or [B, k].</param>
    /// <param name="loss">A mean-reduced loss taking (outputs, targets).</param>
    /// <param name="optimizer">Updates the model's parameters.</param>
    /// <param name="options">Seed, task, metrics, diagnostics; defaults when null.</param>
    public Trainer(Module model, Loss loss, Optimizer optimizer, TrainerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(loss);
        ArgumentNullException.ThrowIfNull(optimizer);
        if (loss.Reduction != Reduction.Mean)
            throw new ArgumentException(
                $"The trainer needs a mean-reduced loss (Reduction.Mean) so steps of different batch sizes are comparable; got Reduction.{loss.Reduction}.", nameof(loss));
        Model = model;
        Loss = loss;
        Optimizer = optimizer;
        Options = options ?? new TrainerOptions();
        if (Options.EvaluationBatchSize < 1)
            throw new ArgumentException($"EvaluationBatchSize must be at least 1, got {Options.EvaluationBatchSize}.", nameof(options));
        if (Options.ClipGradNorm is float c && !(c > 0))
            throw new ArgumentException($"ClipGradNorm must be positive, got {c}.", nameof(options));
        Rng = new Rng(Options.Seed);
        Task = Options.Task;
    }

    /// <summary>The model being trained.</summary>
    public Module Model { get; }

    /// <summary>The loss.</summary>
    public Loss Loss { get; }

    /// <summary>The optimizer.</summary>
    public Optimizer Optimizer { get; }

    /// <summary>The settings.</summary>
    public TrainerOptions Options { get; }

    /// <summary>The generator that shuffles the batches; its state is saved in checkpoints.</summary>
    public Rng Rng { get; }

    /// <summary>The task, once given or inferred (null before the first Fit without <see cref="TrainerOptions.Task"/>).</summary>
    public TaskSpec? Task { get; internal set; }

    /// <summary>How the model's outputs are read (known after the first Fit's output check).</summary>
    public OutputKind OutputKind { get; private set; } = OutputKind.Logits;

    /// <summary>Epochs completed so far, across Fit calls and resumed checkpoints.</summary>
    public int EpochsCompleted { get; internal set; }

    /// <summary>Whether the last <see cref="Fit"/> trained on <see cref="FusedMlp"/> (see <see cref="TrainerOptions.UseFusedPath"/>).</summary>
    public bool UsedFusedPath { get; private set; }

    /// <summary>The record of every completed epoch.</summary>
    public History History { get; } = new();

    /// <summary>Callback states read from a checkpoint, taken by their callbacks when the next Fit begins.</summary>
    internal Dictionary<string, CallbackState> ResumedCallbackStates { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Trains until <see cref="EpochsCompleted"/> reaches <paramref name="epochs"/> (so after resuming from epoch k,
    /// epochs k+1..<paramref name="epochs"/> run), or until a callback stops it.
    /// </summary>
    /// <param name="train">Training samples: features [N, ...], targets [N] or [N, k].</param>
    /// <param name="epochs">Total number of epochs to reach.</param>
    /// <param name="mode">Batch, MiniBatch(n) or Stochastic; null means MiniBatch(32).</param>
    /// <param name="validation">Samples evaluated after every epoch ("val_" entries in the history), or null.</param>
    /// <param name="callbacks">Early stopping, checkpoints, schedules, loggers, progress displays.</param>
    /// <param name="progress">Told after every batch and every epoch where training is (see <see cref="TrainingProgress"/>); null for none.</param>
    /// <param name="cancellationToken">Checked before every batch; cancelling throws <see cref="OperationCanceledException"/> and
    /// keeps the epochs completed so far in <see cref="History"/> (the model holds the weights of the last finished step).</param>
    /// <returns>The <see cref="History"/> (the same object as <see cref="History"/>).</returns>
    public History Fit(TensorDataset train, int epochs, GradientDescentMode? mode = null, TensorDataset? validation = null, IEnumerable<Callback>? callbacks = null,
        IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        ILogger logger = Options.Logger ?? NullLogger.Instance;
        ArgumentNullException.ThrowIfNull(train);
        if (epochs < 1) throw new ArgumentOutOfRangeException(nameof(epochs), $"epochs must be at least 1, got {epochs}.");
        mode ??= GradientDescentMode.MiniBatch(32);
        if (validation is not null && !SameSampleShape(train.Features, validation.Features))
            throw new ArgumentException(
                $"Validation features {validation.Features.Shape} do not match training features {train.Features.Shape} after the sample dimension.", nameof(validation));

        // NaN/Inf in the data is reported by row and column before the first step (#8), not as a NaN loss later.
        FiniteCheck.Validate(train, "training");
        if (validation is not null) FiniteCheck.Validate(validation, "validation");
        Task ??= TaskInference.Infer(train.Targets);
        OutputKind = OutputCheck.Validate(Model, Loss, Task, train);
        var metrics = ResolveMetrics(Task);

        var loader = mode.CreateLoader(train, Rng);
        var all = new List<Callback>();
        if (Options.TerminateOnNaN) all.Add(new TerminateOnNaN());
        // Checkpoint writers run last in each epoch, so they save the other callbacks' state after this epoch's update.
        if (callbacks is not null) all.AddRange(callbacks.OrderBy(c => c is PeriodicCheckpoint ? 1 : 0));
        var diagnostics = Options.Diagnostics.Enabled ? new GradientDiagnostics(Model, Options.Diagnostics) : null;
        Tensor? diagnosticSample = diagnostics is null ? null
            : train.Features.Slice(0, 0, Math.Min(Math.Max(1, Options.Diagnostics.ActivationSamples), train.Count));
        Parameter[] parameters = Model.Parameters().ToArray();   // for clipping, without a per-step enumeration
        TrainingStep step = CreateStep(train);
        UsedFusedPath = step is FusedStep;
        // Data-parallel training (TrainerOptions.Communicator): rank 0's weights everywhere, a shard of every batch per
        // rank, gradients averaged between the step and the optimizer update (see DataParallel).
        DataParallel? parallel = Options.Communicator is { Size: > 1 } communicator
            ? new DataParallel(communicator, parameters, DataParallel.Shardable(Optimizer, Options, parameters)) : null;
        (int rank, int ranks) = parallel is null ? (0, 1) : (Options.Communicator!.Rank, Options.Communicator.Size);
        parallel?.Start(train, loader.BatchSize, EpochsCompleted, Rng);

        TrainingContext context = null!;
        context = new TrainingContext(this, EpochsCompleted, epochs, loader.Count, loader.SamplesPerEpoch, validation is not null, message =>
        {
            History.AddWarning(message);
            TrainingLog.Warning(logger, message);
            foreach (var cb in all) cb.OnWarning(context, message);
        });
        context.Callbacks = all;

        // Outputs and targets of the epoch, kept for the training metrics; allocated once per Fit. Across ranks every
        // rank must agree on the output width before its first (possibly empty) shard, so it is read from the model.
        int outWidth = parallel is null ? 0 : Predict(train.Features.Slice(0, 0, 1)).Size;
        float[]? outputs = parallel is null ? null : new float[loader.SamplesPerEpoch * outWidth];
        var targets = new float[loader.SamplesPerEpoch * train.TargetSize];

        TrainingLog.Started(logger, UsedFusedPath ? "fused" : "autograd", loader.SamplesPerEpoch, loader.Count, EpochsCompleted + 1, epochs);
        var fitClock = Stopwatch.StartNew();
        foreach (var cb in all) cb.OnTrainBegin(context);
        for (int epoch = EpochsCompleted + 1; epoch <= epochs && !context.StopRequested; epoch++)
        {
            context.Epoch = epoch;
            foreach (var cb in all) cb.OnEpochBegin(context);
            double lr = Optimizer.Lr;
            var clock = Stopwatch.StartNew();
            Model.Train();
            double lossSum = 0;
            int seen = 0, steps = 0;
            if (parallel is not null) Array.Clear(outputs!);
            foreach (var (batch, shardStart, globalSize, globalTargets) in loader.Shards(rank, ranks))
            {
                cancellationToken.ThrowIfCancellationRequested();
                // One loop for every kind of step: the step computes loss and gradients (autograd or fused) on this
                // rank's rows, then the same averaging across ranks, hook, diagnostics, clipping and update run here.
                // More ranks than rows in this (last) batch leaves a rank nothing to compute; the others' gradients still arrive.
                double value = batch.Size == 0 ? 0 : step.ComputeGradients(batch);
                if (parallel is { Sharded: true }) value = parallel.ShardedStep(value, batch.Size, globalSize, diagnostics, Options.ClipGradNorm);
                else if (parallel is not null) value = parallel.AverageGradients(value, batch.Size, globalSize);
                if (double.IsFinite(value) && parallel is not { Sharded: true })
                {
                    Options.GradientHook?.Invoke(parameters);
                    diagnostics?.RecordStep();
                    if (Options.ClipGradNorm is float maxNorm) GradClip.ClipGradNorm(parameters, maxNorm);
                    Optimizer.Step();
                }
                if (batch.Size > 0)
                {
                    int row = seen + shardStart;   // where this rank's rows go in the epoch
                    outWidth = step.OutputWidth;
                    outputs ??= new float[loader.SamplesPerEpoch * outWidth];
                    step.Outputs.CopyTo(outputs.AsSpan(row * outWidth));
                }
                globalTargets.AsSpan().CopyTo(targets.AsSpan(seen * train.TargetSize));
                lossSum += value * globalSize;
                seen += globalSize;
                steps++;
                foreach (var cb in all) cb.OnBatchEnd(context, batch.Index, value);
                progress?.Report(new TrainingProgress(epoch, epochs, steps, loader.Count, seen, loader.SamplesPerEpoch, lossSum / seen, fitClock.Elapsed));
                parallel?.AgreeOnStop(context);
                if (context.StopRequested) break;
            }
            parallel?.SumOutputs(outputs.AsSpan(0, seen * outWidth));
            parallel?.GatherOptimizerState();   // whole optimizer state on every rank before callbacks checkpoint it

            var values = new Dictionary<string, double>(StringComparer.Ordinal) { ["loss"] = lossSum / seen };
            if (double.IsFinite(lossSum))
            {
                var trainSet = PredictionSet.FromOutputs(
                    Tensor.FromBuffer(outputs!, new Shape(seen, outWidth)),
                    Tensor.FromBuffer(targets, new Shape(seen, train.TargetSize)), Task, OutputKind);
                foreach (var m in metrics) values[m.Name] = m.Compute(trainSet);
            }
            double? validationLoss = null;
            if (validation is not null && double.IsFinite(lossSum))
            {
                var eval = EvaluateWith(validation, metrics, cancellationToken);
                validationLoss = eval.Loss;
                values["val_loss"] = eval.Loss;
                foreach (var (name, v) in eval.Metrics) values["val_" + name] = v;
            }
            var report = diagnostics?.EndEpoch(epoch, diagnosticSample);
            var record = new EpochRecord
            {
                Epoch = epoch, TrainLoss = lossSum / seen, ValidationLoss = validationLoss, Metrics = values,
                LearningRate = lr, Duration = clock.Elapsed, Steps = steps, Diagnostics = report,
            };
            History.Add(record);
            EpochsCompleted = epoch;
            if (report is not null) foreach (string w in report.Warnings) context.Warn(w);
            foreach (var cb in all) cb.OnEpochEnd(context, record);
            TrainingLog.EpochEnd(logger, epoch, epochs, record.TrainLoss, validationLoss, record.Duration.TotalSeconds);
            progress?.Report(new TrainingProgress(epoch, epochs, steps, loader.Count, seen, loader.SamplesPerEpoch, record.TrainLoss, fitClock.Elapsed, record));
            parallel?.AgreeOnStop(context);
        }
        if (context.StopReason is { } reason)
        {
            History.StopReason = reason;
            TrainingLog.Stopped(logger, reason);
            context.Warn(reason);
        }
        foreach (var cb in all) cb.OnTrainEnd(context);
        return History;
    }

    /// <summary>
    /// Loss and metrics on <paramref name="data"/> (evaluation mode, no gradients, model mode restored after).
    /// Before any Fit, the task is inferred from these targets and checked against the model, as Fit does.
    /// </summary>
    public Evaluation Evaluate(TensorDataset data) => EvaluateWith(data, null, CancellationToken.None);

    /// <summary>As <see cref="Evaluate(TensorDataset)"/>, stopping between prediction batches when <paramref name="cancellationToken"/> is cancelled.</summary>
    /// <param name="data">Features and targets to evaluate on.</param>
    /// <param name="cancellationToken">Checked between prediction batches; cancelling throws <see cref="OperationCanceledException"/>.</param>
    public Evaluation Evaluate(TensorDataset data, CancellationToken cancellationToken) => EvaluateWith(data, null, cancellationToken);

    /// <summary>As <see cref="Evaluate(TensorDataset)"/>, reporting each prediction batch to <paramref name="progress"/> and
    /// stopping between batches when <paramref name="cancellationToken"/> is cancelled.</summary>
    /// <param name="data">Features and targets to evaluate on.</param>
    /// <param name="progress">Told after every batch of <see cref="TrainerOptions.EvaluationBatchSize"/> samples; null for no reports.</param>
    /// <param name="cancellationToken">Checked between prediction batches; cancelling throws <see cref="OperationCanceledException"/>.</param>
    public Evaluation Evaluate(TensorDataset data, IProgress<InferenceProgress>? progress, CancellationToken cancellationToken = default) =>
        EvaluateWith(data, null, cancellationToken, progress);

    private Evaluation EvaluateWith(TensorDataset data, IReadOnlyList<Metric>? metrics, CancellationToken cancellationToken = default,
        IProgress<InferenceProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (Task is null)
        {
            // Evaluating before any Fit: infer and check now, which also tells how to read the outputs.
            Task = TaskInference.Infer(data.Targets);
            OutputKind = OutputCheck.Validate(Model, Loss, Task, data);
        }
        var task = Task;
        metrics ??= ResolveMetrics(task);
        Tensor outputs = Predict(data.Features, progress, cancellationToken);
        Tensor targets = data.Targets;
        double loss;
        using (GradMode.NoGrad())
        {
            // One loss over all samples equals the sample-weighted mean of batch losses (mean reduction).
            loss = Loss.Forward(outputs, MatchTarget(targets, outputs)).Item();
        }
        var set = PredictionSet.FromOutputs(outputs, targets, task, OutputKind);
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var m in metrics) values[m.Name] = m.Compute(set);
        return new Evaluation(loss, values, set);
    }

    /// <summary>Writes a full checkpoint (model, optimizer state, epoch, RNG state, history) to <paramref name="path"/>; see <see cref="Checkpoint"/>.</summary>
    public void SaveCheckpoint(string path) => Checkpoint.Save(this, path);

    /// <summary>Restores a checkpoint so the next <see cref="Fit"/> continues after its epoch; see <see cref="Checkpoint"/>.</summary>
    public void LoadCheckpoint(string path) => Checkpoint.Load(this, path);

    private readonly object _predictGate = new();
    private int _predictionsInFlight;
    private bool _modeBeforePredict;

    /// <summary>The model's outputs for <paramref name="features"/> [N, ...]: [N] or [N, k], computed in evaluation mode without gradients.
    /// Safe to call from many threads at once (not while <see cref="Fit"/> runs).</summary>
    public Tensor Predict(Tensor features) => Predict(features, CancellationToken.None);

    /// <summary>As <see cref="Predict(Tensor)"/>, stopping between batches when <paramref name="cancellationToken"/> is cancelled.</summary>
    /// <param name="features">Samples [N, ...].</param>
    /// <param name="cancellationToken">Checked between batches of <see cref="TrainerOptions.EvaluationBatchSize"/> samples; cancelling throws <see cref="OperationCanceledException"/>.</param>
    public Tensor Predict(Tensor features, CancellationToken cancellationToken) => Predict(features, null, cancellationToken);

    /// <summary>As <see cref="Predict(Tensor)"/>, reporting each batch to <paramref name="progress"/> and stopping between
    /// batches when <paramref name="cancellationToken"/> is cancelled.</summary>
    /// <param name="features">Samples [N, ...].</param>
    /// <param name="progress">Told after every batch of <see cref="TrainerOptions.EvaluationBatchSize"/> samples; null for no reports.</param>
    /// <param name="cancellationToken">Checked between batches; cancelling throws <see cref="OperationCanceledException"/>.</param>
    public Tensor Predict(Tensor features, IProgress<InferenceProgress>? progress, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        ArgumentNullException.ThrowIfNull(features);
        if (features.Rank == 0) throw new ArgumentException("Predict needs features with a sample dimension first, [N, ...]; got a scalar.");
        int n = features.Shape[0];
        int batchSize = Math.Min(Options.EvaluationBatchSize, Math.Max(1, n));
        // Predict may run on many threads at once (#8): the first call in flight switches the model to evaluation
        // mode and the last one restores the mode it found. Each call saving and restoring the mode on its own let one
        // thread switch Dropout back on under another's forward pass, and could leave the model in evaluation mode.
        lock (_predictGate)
        {
            if (_predictionsInFlight++ == 0) _modeBeforePredict = Model.Training;
            Model.Eval();
        }
        try
        {
            using var _ = GradMode.NoGrad();
            int batches = (n + batchSize - 1) / batchSize;
            var clock = System.Diagnostics.Stopwatch.StartNew();
            if (n <= batchSize)
            {
                Tensor whole = Model.Forward(features).Detach();
                progress?.Report(new InferenceProgress(batches, batches, n, n, clock.Elapsed));
                return whole;
            }
            float[]? result = null;
            int[]? outShape = null;
            int perSample = 0;
            for (int start = 0; start < n; start += batchSize)
            {
                cancellationToken.ThrowIfCancellationRequested();
                int size = Math.Min(batchSize, n - start);
                Tensor output = Model.Forward(features.Slice(0, start, size));
                if (result is null)
                {
                    perSample = output.Size / size;
                    outShape = output.Shape.Dims;
                    outShape[0] = n;
                    result = new float[n * perSample];
                }
                output.AsSpan().CopyTo(result.AsSpan(start * perSample));
                progress?.Report(new InferenceProgress(start / batchSize + 1, batches, start + size, n, clock.Elapsed));
            }
            return Tensor.FromBuffer(result!, outShape!);
        }
        finally
        {
            lock (_predictGate)
                if (--_predictionsInFlight == 0) Model.Train(_modeBeforePredict);
        }
    }

    /// <summary>Predicted class per sample (classification only): argmax of the logits, or the 0.5/0 threshold for one output.</summary>
    public int[] PredictClasses(Tensor features)
    {
        var task = Task ?? throw new InvalidOperationException("PredictClasses needs the task: call Fit first or set TrainerOptions.Task.");
        if (!task.IsClassification) throw new InvalidOperationException($"PredictClasses is for classification, but the task is a {task}.");
        Tensor outputs = Predict(features);
        int n = outputs.Shape[0];
        var fakeTargets = Tensor.Zeros(n);
        return PredictionSet.FromOutputs(outputs, fakeTargets, task, OutputKind).PredictedLabels;
    }

    private IReadOnlyList<Metric> ResolveMetrics(TaskSpec task)
    {
        if (Options.Metrics is null) return Metric.DefaultsFor(task);
        foreach (var m in Options.Metrics)
            if (!m.Supports(task)) throw new ArgumentException($"Metric '{m.Name}' does not apply to a {task}.");
        return Options.Metrics;
    }

    /// <summary>A [B] target against a [B, 1] output is viewed as [B, 1] (binary and single-output regression).</summary>
    /// <summary>
    /// The fused training path when <see cref="TrainerOptions.UseFusedPath"/> is on and model, loss and data fit it
    /// (features [N, in], targets one class index per sample for cross-entropy or [N, out] for MSE); else null.
    /// </summary>
    /// <summary>The fused step when the modules, loss and data allow it (and it is not switched off), else the autograd step.</summary>
    private TrainingStep CreateStep(TensorDataset train) =>
        (Options.UseFusedPath && train.Features.Rank == 2 ? FusedStep.TryCreate(Model, Loss, train.Features.Shape[1], train.TargetSize) : null)
        ?? (TrainingStep)new AutogradStep(Model, Loss, Optimizer);

    private static Tensor MatchTarget(Tensor target, Tensor output) => AutogradStep.MatchTarget(target, output);

    private static bool SameSampleShape(Tensor a, Tensor b) =>
        a.Rank == b.Rank && a.Shape.Dims.Skip(1).SequenceEqual(b.Shape.Dims.Skip(1));
}
