using Nabla.NN.Registries;

namespace Nabla.Whiteboard.Networks;

/// <summary>The loss of the one sample, summed over the outputs.</summary>
public enum NetLoss
{
    /// <summary>L = sum (a - y)^2; dL/da = 2 (a - y).</summary>
    Squared,
    /// <summary>L = sum (a - y)^2 / 2; dL/da = a - y (the form many lectures use).</summary>
    HalfSquared,
    /// <summary>L = sum |a - y|; dL/da = sign(a - y).</summary>
    Abs,
    /// <summary>Binary cross-entropy L = -sum (y ln a + (1 - y) ln(1 - a)); needs outputs in (0, 1), e.g. sigmoid.</summary>
    Bce,
}

/// <summary>
/// A small dense network and one sample to explain (<c>nabla explain-net</c>): layer widths from input to
/// output, one activation for every layer, biases on or off, the weights (listed or drawn from a seed), the
/// sample (x, y), the loss and the learning rate of the update shown.
/// </summary>
public sealed record NetworkSpec
{
    /// <summary>Layer widths including input and output, e.g. [3, 2, 2, 1]; at least two, each at least 1.</summary>
    public required IReadOnlyList<int> Layers { get; init; }

    /// <summary>The activation of every layer (the output layer included), a row of the activation registry.</summary>
    public ActivationRow Activation { get; init; } = ActivationRegistry.All["sigmoid"];

    /// <summary>Whether every neuron has a bias.</summary>
    public bool Bias { get; init; }

    /// <summary>
    /// Every weight in order w1, w2, ...: layer by layer, and inside a layer neuron by neuron (row-major
    /// [out, in], PyTorch's Linear layout), then, with <see cref="Bias"/>, every bias layer by layer. Null draws
    /// them from <see cref="Seed"/>.
    /// </summary>
    public IReadOnlyList<double>? Weights { get; init; }

    /// <summary>Seed of the drawn weights: uniform in [-1, 1], rounded to 2 decimals so the numbers are easy to follow.</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>The input sample, one value per input.</summary>
    public required IReadOnlyList<double> X { get; init; }

    /// <summary>The target, one value per output.</summary>
    public required IReadOnlyList<double> Y { get; init; }

    /// <summary>The loss.</summary>
    public NetLoss Loss { get; init; } = NetLoss.Squared;

    /// <summary>Learning rate of the gradient-descent update shown (w - lr * dL/dw).</summary>
    public double LearningRate { get; init; } = 0.1;

    /// <summary>Significant digits of printed numbers.</summary>
    public int Precision { get; init; } = 4;

    /// <summary>A path whose backward gain (the product of its derivative factors between the loss and the weight) is below this in size is flagged as vanishing.</summary>
    public double VanishingBelow { get; init; } = 1e-3;

    /// <summary>A path whose backward gain is above this in size is flagged as exploding.</summary>
    public double ExplodingAbove { get; init; } = 1e3;

    /// <summary>Refuses to enumerate more chain-rule paths than this (the count is the product of the later layers' widths).</summary>
    public int MaxPaths { get; init; } = 100_000;
}
