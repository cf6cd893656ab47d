using Nabla.NN.Training;

namespace Nabla.NN.Registries;

/// <summary>A loss: its module, the tasks it fits, and how many outputs the network needs for it.</summary>
/// <param name="Name">The name users write (and model cards record).</param>
/// <param name="Help">One line of help.</param>
/// <param name="Create">A new, mean-reduced loss module.</param>
/// <param name="Fits">The tasks the loss applies to.</param>
/// <param name="OneOutput">True when the network emits one value per sample whatever the class count (BCE's single logit).</param>
public sealed record LossRow(string Name, string Help, Func<Loss> Create, IReadOnlyList<TaskKind> Fits, bool OneOutput = false) : IRegistryRow
{
    /// <summary>Network outputs for <paramref name="task"/>: its target width for regression, 1 for a one-logit loss, else the class count.</summary>
    public int OutputsFor(TaskSpec task) =>
        task.Kind == TaskKind.Regression ? task.TargetWidth : OneOutput ? 1 : task.NumClasses;
}

/// <summary>The losses a training run and a model card know by name.</summary>
public static class LossRegistry
{
    /// <summary>The name that picks the loss from the task (<see cref="Resolve"/>).</summary>
    public const string Auto = "auto";

    /// <summary>The rows. Binary cross-entropy works on logits (the stable form); the model has no final sigmoid.</summary>
    public static Registry<LossRow> All { get; } = new("loss",
    [
        new("mse", "mean squared error (regression)", () => new MseLoss(), [TaskKind.Regression]),
        new("l1", "mean absolute error (regression)", () => new L1Loss(), [TaskKind.Regression]),
        new("huber", "squared near zero, absolute far away (regression)", () => new HuberLoss(), [TaskKind.Regression]),
        new("bce", "binary cross-entropy on one logit", () => new BceWithLogitsLoss(), [TaskKind.BinaryClassification], OneOutput: true),
        new("cross-entropy", "softmax cross-entropy on one logit per class", () => new CrossEntropyLoss(), [TaskKind.BinaryClassification, TaskKind.MulticlassClassification]),
    ]);

    /// <summary><see cref="Auto"/> plus every loss name: the values a user may write.</summary>
    public static IReadOnlyList<string> Choices { get; } = [Auto, .. All.Names];

    /// <summary>The loss for <paramref name="task"/>: <paramref name="name"/>, or with <see cref="Auto"/> MSE, BCE or cross-entropy by task.</summary>
    /// <exception cref="ArgumentException">The loss does not fit the task; the message lists the ones that do.</exception>
    public static LossRow Resolve(string name, TaskSpec task)
    {
        var row = name != Auto ? All[name] : All[task.Kind switch
        {
            TaskKind.Regression => "mse",
            TaskKind.BinaryClassification => "bce",
            _ => "cross-entropy",
        }];
        if (!row.Fits.Contains(task.Kind))
            throw new ArgumentException($"--loss {name} does not fit a {task}. Losses for this task: {string.Join(", ", All.Rows.Where(r => r.Fits.Contains(task.Kind)).Select(r => r.Name))} (or auto).");
        return row;
    }
}
