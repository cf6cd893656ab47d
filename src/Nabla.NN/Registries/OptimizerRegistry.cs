using Nabla.NN.Optim;

namespace Nabla.NN.Registries;

/// <summary>An optimizer by name, with the learning rate it uses when none is given.</summary>
/// <param name="Name">The name users write.</param>
/// <param name="Help">One line of help.</param>
/// <param name="DefaultLr">The learning rate used when none is given.</param>
/// <param name="Create">A new optimizer over the parameters with the learning rate and weight decay (null: the optimizer's default decay).</param>
public sealed record OptimizerRow(string Name, string Help, float DefaultLr, Func<IEnumerable<Parameter>, float, float?, Optimizer> Create) : IRegistryRow;

/// <summary>The optimizers a training run knows by name.</summary>
/// <remarks>The SGD family uses decoupled weight decay (SGDW: p -= lr * wd * p outside the gradient), as AdamW does for Adam.</remarks>
public static class OptimizerRegistry
{
    /// <summary>The rows.</summary>
    public static Registry<OptimizerRow> All { get; } = new("optimizer",
    [
        new("sgd", "plain gradient descent", 0.1f, (p, lr, wd) => new Sgd(p, lr, weightDecay: wd ?? 0f, decoupledWeightDecay: true)),
        new("momentum", "SGD with momentum 0.9", 0.01f, (p, lr, wd) => new Sgd(p, lr, momentum: 0.9f, weightDecay: wd ?? 0f, decoupledWeightDecay: true)),
        new("nesterov", "SGD with Nesterov momentum 0.9", 0.01f, (p, lr, wd) => new Sgd(p, lr, momentum: 0.9f, weightDecay: wd ?? 0f, nesterov: true, decoupledWeightDecay: true)),
        new("adagrad", "per-weight rates from accumulated squared gradients", 0.01f, (p, lr, wd) => new Adagrad(p, lr, weightDecay: wd ?? 0f)),
        new("rmsprop", "per-weight rates from a moving average of squared gradients", 0.01f, (p, lr, wd) => new RmsProp(p, lr, weightDecay: wd ?? 0f)),
        new("adam", "momentum plus RMSprop with bias correction", 0.001f, (p, lr, wd) => new Adam(p, lr, weightDecay: wd ?? 0f)),
        new("adamw", "Adam with decoupled weight decay (default 0.01)", 0.001f, (p, lr, wd) => new AdamW(p, lr, weightDecay: wd ?? 1e-2f)),
    ]);
}
