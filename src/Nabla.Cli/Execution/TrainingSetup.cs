using Nabla.Cli.Options;
using Nabla.Cli.Parsing;
using Nabla.NN;
using Nabla.NN.Optim;
using Nabla.NN.Schedules;
using Nabla.NN.Training;

namespace Nabla.Cli.Execution;

/// <summary>
/// Turns the names in <see cref="TrainOptions"/> into library objects: the loss and output width for the task,
/// the optimizer with its learning rate, and the learning-rate schedule callback.
/// </summary>
public static class TrainingSetup
{
    /// <summary>The loss name actually used: <c>auto</c> resolved from the task, and checked against it.</summary>
    public static string ResolveLoss(string loss, TaskSpec task)
    {
        string resolved = loss != "auto" ? loss : task.Kind switch
        {
            TaskKind.Regression => "mse",
            TaskKind.BinaryClassification => "bce",
            _ => "cross-entropy",
        };
        bool fits = task.Kind switch
        {
            TaskKind.Regression => resolved is "mse" or "l1" or "huber",
            TaskKind.BinaryClassification => resolved is "bce" or "cross-entropy",
            _ => resolved is "cross-entropy",
        };
        if (!fits)
        {
            string allowed = task.Kind switch
            {
                TaskKind.Regression => "mse, l1, huber",
                TaskKind.BinaryClassification => "bce, cross-entropy",
                _ => "cross-entropy",
            };
            throw new UsageException($"--loss {loss} does not fit a {task}. Losses for this task: {allowed} (or auto).");
        }
        return resolved;
    }

    /// <summary>Model outputs for the task and loss: 1 for regression and BCE, the class count for cross-entropy.</summary>
    public static int OutputsFor(TaskSpec task, string resolvedLoss) =>
        task.Kind == TaskKind.Regression ? task.TargetWidth : resolvedLoss == "bce" ? 1 : task.NumClasses;

    /// <summary>The loss module. Binary cross-entropy works on logits (the stable form); the model has no final sigmoid.</summary>
    public static Loss CreateLoss(string resolvedLoss) => resolvedLoss switch
    {
        "mse" => new MseLoss(),
        "l1" => new L1Loss(),
        "huber" => new HuberLoss(),
        "bce" => new BceWithLogitsLoss(),
        "cross-entropy" => new CrossEntropyLoss(),
        _ => throw new ArgumentException($"Unknown loss '{resolvedLoss}'."),
    };

    /// <summary>The learning rate used: the flag, or the optimizer's usual default.</summary>
    public static float LearningRate(TrainOptions o) => o.Lr ?? o.Optimizer switch
    {
        "sgd" => 0.1f,
        "momentum" or "nesterov" => 0.01f,
        "adagrad" or "rmsprop" => 0.01f,
        _ => 0.001f,
    };

    /// <summary>The optimizer over <paramref name="parameters"/>.</summary>
    public static Optimizer CreateOptimizer(TrainOptions o, IEnumerable<Parameter> parameters)
    {
        float lr = LearningRate(o);
        float wd = o.WeightDecay ?? 0f;
        return o.Optimizer switch
        {
            // SGD family: decoupled decay (SGDW), p -= lr * wd * p outside the gradient, as AdamW does for Adam.
            "sgd" => new Sgd(parameters, lr, weightDecay: wd, decoupledWeightDecay: true),
            "momentum" => new Sgd(parameters, lr, momentum: 0.9f, weightDecay: wd, decoupledWeightDecay: true),
            "nesterov" => new Sgd(parameters, lr, momentum: 0.9f, weightDecay: wd, nesterov: true, decoupledWeightDecay: true),
            "adagrad" => new Adagrad(parameters, lr, weightDecay: wd),
            "rmsprop" => new RmsProp(parameters, lr, weightDecay: wd),
            "adam" => new Adam(parameters, lr, weightDecay: wd),
            "adamw" => new AdamW(parameters, lr, weightDecay: o.WeightDecay ?? 1e-2f),
            _ => throw new ArgumentException($"Unknown optimizer '{o.Optimizer}'."),
        };
    }

    /// <summary>The schedule as a training callback, or null for a constant learning rate.</summary>
    /// <remarks>
    /// Fixed shapes chosen so a name is enough on the command line: step divides the rate by 10 at each third
    /// of the run; exponential multiplies it by 0.95 per epoch; cosine anneals to 0 over the run; warmup rises
    /// linearly from a tenth over the first tenth of the run; plateau halves it after 3 epochs without
    /// validation improvement; one-cycle rises to the rate and anneals (Smith and Topin, 2017).
    /// </remarks>
    public static Callback? CreateSchedule(TrainOptions o, Optimizer optimizer) => o.Schedule switch
    {
        "constant" => null,
        "step" => new LearningRateScheduler(new StepLR(optimizer, Math.Max(1, o.Epochs / 3), 0.1f)),
        "exponential" => new LearningRateScheduler(new ExponentialLR(optimizer, 0.95f)),
        "cosine" => new LearningRateScheduler(new CosineAnnealingLR(optimizer, o.Epochs)),
        "warmup" => new LearningRateScheduler(new LinearLR(optimizer, 0.1f, 1f, Math.Max(1, o.Epochs / 10))),
        "plateau" => new LearningRateScheduler(new ReduceLROnPlateau(optimizer, factor: 0.5f, patience: 3)),
        "one-cycle" => new LearningRateScheduler(new OneCycleLR(optimizer, LearningRate(o), Math.Max(2, o.Epochs))),
        _ => throw new ArgumentException($"Unknown schedule '{o.Schedule}'."),
    };

    /// <summary>The gradient-descent mode: whole set, mini-batches of the given size, or one sample per step.</summary>
    public static Nabla.NN.Data.GradientDescentMode Mode(TrainOptions o) => o.Mode switch
    {
        "batch" => Nabla.NN.Data.GradientDescentMode.Batch,
        "sgd" => Nabla.NN.Data.GradientDescentMode.Stochastic,
        _ => Nabla.NN.Data.GradientDescentMode.MiniBatch(o.BatchSize),
    };
}
