using Nabla.NN.Registries;

namespace Nabla.Cli.Options;

/// <summary>The allowed values of the choice options, shared by the commands that take them.</summary>
public static class Choices
{
    /// <summary>Values of <c>--task</c>.</summary>
    public static readonly string[] Tasks = [.. Nabla.NN.Models.TrainingDataOptions.Tasks];
    /// <summary>Values of <c>--dataset</c>: the built-in data sets and the IDX image sets read from <c>--data-dir</c>.</summary>
    public static readonly string[] Datasets = [.. Nabla.NN.Models.TrainingData.Datasets];
    /// <summary>Values of <c>--activation</c>.</summary>
    public static readonly string[] Activations = [.. ActivationRegistry.All.Names];
    /// <summary>Values of <c>--init</c>: <c>default</c> is PyTorch's <c>nn.Linear</c> default (Kaiming-uniform with a = sqrt(5)).</summary>
    public static readonly string[] Inits = [.. InitRegistry.All.Names];
    /// <summary>Values of <c>--loss</c>: <c>auto</c> picks cross-entropy, BCE-with-logits or MSE from the task.</summary>
    public static readonly string[] Losses = [.. LossRegistry.Choices];
    /// <summary>Values of <c>--optimizer</c>: <c>momentum</c> and <c>nesterov</c> are SGD with momentum 0.9 (Nesterov's form for the latter).</summary>
    public static readonly string[] Optimizers = [.. OptimizerRegistry.All.Names];
    /// <summary>Values of <c>--mode</c>: whole set per step, mini-batches, one sample per step.</summary>
    public static readonly string[] Modes = [.. ModeRegistry.All.Names];
    /// <summary>Values of <c>--schedule</c>.</summary>
    public static readonly string[] Schedules = [.. ScheduleRegistry.All.Names];
}
