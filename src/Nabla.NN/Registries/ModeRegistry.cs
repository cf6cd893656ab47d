using Nabla.NN.Data;

namespace Nabla.NN.Registries;

/// <summary>A gradient-descent mode by name: its factory gets the batch size (used by <c>minibatch</c> only).</summary>
/// <param name="Name">The name users write.</param>
/// <param name="Help">One line of help.</param>
/// <param name="Create">The mode for a batch size.</param>
public sealed record ModeRow(string Name, string Help, Func<int, GradientDescentMode> Create) : IRegistryRow;

/// <summary>The gradient-descent modes a training run (and <c>nabla descend</c>) knows by name.</summary>
public static class ModeRegistry
{
    /// <summary>The rows.</summary>
    public static Registry<ModeRow> All { get; } = new("mode",
    [
        new("batch", "the whole training set per step", _ => GradientDescentMode.Batch),
        new("minibatch", "batches of the given size, reshuffled every epoch", batchSize => GradientDescentMode.MiniBatch(batchSize)),
        new("sgd", "one sample per step, in a fresh random order every epoch", _ => GradientDescentMode.Stochastic),
    ]);
}
