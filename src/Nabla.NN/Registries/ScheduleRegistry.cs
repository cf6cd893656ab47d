using Nabla.NN.Optim;
using Nabla.NN.Schedules;
using Nabla.NN.Training;

namespace Nabla.NN.Registries;

/// <summary>
/// A learning-rate schedule by name, with a fixed shape so a name is enough: its factory gets the optimizer, the run's
/// epochs and the base learning rate, and returns the training callback (null for a constant rate).
/// </summary>
/// <param name="Name">The name users write.</param>
/// <param name="Help">One line of help.</param>
/// <param name="Create">The schedule as a training callback, or null.</param>
public sealed record ScheduleRow(string Name, string Help, Func<Optimizer, int, float, Callback?> Create) : IRegistryRow;

/// <summary>The learning-rate schedules a training run knows by name.</summary>
public static class ScheduleRegistry
{
    /// <summary>The rows.</summary>
    public static Registry<ScheduleRow> All { get; } = new("schedule",
    [
        new("constant", "the same rate every epoch", (_, _, _) => null),
        new("step", "divide by 10 at each third of the run", (o, epochs, _) => new LearningRateScheduler(new StepLR(o, Math.Max(1, epochs / 3), 0.1f))),
        new("exponential", "multiply by 0.95 per epoch", (o, _, _) => new LearningRateScheduler(new ExponentialLR(o, 0.95f))),
        new("cosine", "anneal to 0 over the run", (o, epochs, _) => new LearningRateScheduler(new CosineAnnealingLR(o, epochs))),
        new("warmup", "rise linearly from a tenth over the first tenth of the run", (o, epochs, _) => new LearningRateScheduler(new LinearLR(o, 0.1f, 1f, Math.Max(1, epochs / 10)))),
        new("plateau", "halve after 3 epochs without validation improvement", (o, _, _) => new LearningRateScheduler(new ReduceLROnPlateau(o, factor: 0.5f, patience: 3))),
        new("one-cycle", "rise to the rate and anneal (Smith and Topin, 2017)", (o, epochs, lr) => new LearningRateScheduler(new OneCycleLR(o, lr, Math.Max(2, epochs)))),
    ]);
}
