namespace Nabla.Whiteboard.Networks;

/// <summary>One weight or bias of the network: its name (w7, b21), where it sits and its value.</summary>
/// <param name="Name">"w1" (numbered across the network) or "b11" (bias of neuron a11).</param>
/// <param name="Layer">1-based layer of the neuron it feeds.</param>
/// <param name="Neuron">1-based neuron in that layer.</param>
/// <param name="Input">1-based input of the neuron it multiplies; 0 for a bias.</param>
/// <param name="Value">Its value.</param>
public sealed record NetWeight(string Name, int Layer, int Neuron, int Input, double Value)
{
    /// <summary>Whether this is a bias.</summary>
    public bool IsBias => Input == 0;
}

/// <summary>
/// One neuron's forward step: <c>a11 = f(w1*x1 + w2*x2 + w3*x3) = f(0.51) = 0.6248</c>.
/// </summary>
/// <param name="Name">"a11": layer 1, neuron 1.</param>
/// <param name="Layer">1-based layer.</param>
/// <param name="Index">1-based neuron in the layer.</param>
/// <param name="Inputs">Names of its inputs (x1... or the previous layer's a's).</param>
/// <param name="InputValues">Their values.</param>
/// <param name="Weights">Its weights, one per input, then its bias if any.</param>
/// <param name="PreActivation">z = sum of weight times input (+ bias), from the engine.</param>
/// <param name="Value">a = f(z), from the engine.</param>
/// <param name="Slope">f'(z) at this neuron.</param>
public sealed record NeuronStep(string Name, int Layer, int Index, IReadOnlyList<string> Inputs, IReadOnlyList<double> InputValues,
    IReadOnlyList<NetWeight> Weights, double PreActivation, double Value, double Slope)
{
    /// <summary>dL/da at this neuron, from the engine's Backward.</summary>
    public double Gradient { get; init; }

    /// <summary>dL/dz = dL/da * f'(z): the neuron's error signal (delta).</summary>
    public double Delta => Gradient * Slope;
}

/// <summary>One factor of a chain-rule product: a symbol such as da31/da21, its formula and value.</summary>
/// <param name="Symbol">"da31/da21", "dL/da31" or "da11/dw1".</param>
/// <param name="Formula">"f'(z31) * w11", "2 * (a31 - y)", "f'(z11) * x1".</param>
/// <param name="Substituted">The formula with numbers ("0.2496 * 0.3"), at the explanation's precision.</param>
/// <param name="Value">The value at the sample.</param>
public sealed record NetFactor(string Symbol, string Formula, string Substituted, double Value);

/// <summary>How a chain-rule path's size compares with the thresholds.</summary>
public enum PathHealth
{
    /// <summary>Neither vanishing nor exploding.</summary>
    Normal,
    /// <summary>A factor is exactly zero (relu off, step): nothing flows along this path.</summary>
    Blocked,
    /// <summary>The backward gain is below <see cref="NetworkSpec.VanishingBelow"/>.</summary>
    Vanishing,
    /// <summary>The backward gain is above <see cref="NetworkSpec.ExplodingAbove"/>.</summary>
    Exploding,
}

/// <summary>
/// One path from the loss down to a weight: <c>dL/da31 * da31/da21 * da21/da11 * da11/dw1</c>.
/// <see cref="Gain"/> is the product of the factors between the loss and the weight's own neuron
/// (every factor except dL/da and the input the weight multiplies): how much the network itself shrinks
/// or amplifies the error signal on its way back.
/// </summary>
public sealed record NetPath(IReadOnlyList<NetFactor> Factors, double Product, double Gain, PathHealth Health);

/// <summary>The gradient of one weight: every path, their sum, and the engine's Backward value.</summary>
public sealed record NetGradient(NetWeight Weight, IReadOnlyList<NetPath> Paths, double PathSum, double EngineGradient)
{
    /// <summary>"dL/dw1".</summary>
    public string Symbol => $"dL/d{Weight.Name}";
}

/// <summary>One weight's gradient step: new = old - lr * gradient.</summary>
public sealed record NetUpdate(NetWeight Weight, double Gradient, double New);

/// <summary>
/// A worked backward pass through a small dense network for one sample, as data: the weights, the forward
/// pass neuron by neuron, the loss, the local derivatives (dL/da, da/da between layers, da/dw), every
/// weight's gradient as a sum over chain-rule paths next to the engine's Backward, flags for vanishing or
/// exploding paths, and one gradient-descent update with the new loss. Built by <see cref="NetworkExplainer"/>.
/// </summary>
public sealed class NetworkExplanation
{
    internal NetworkExplanation() { }

    /// <summary>What was explained.</summary>
    public required NetworkSpec Spec { get; init; }

    /// <summary>Whether the weights were drawn from the seed (rather than listed).</summary>
    public required bool WeightsDrawn { get; init; }

    /// <summary>Every weight then every bias, in the order of <see cref="NetworkSpec.Weights"/>.</summary>
    public required IReadOnlyList<NetWeight> Weights { get; init; }

    /// <summary>Input names x1, x2, ...</summary>
    public required IReadOnlyList<string> InputNames { get; init; }

    /// <summary>Target names: y for one output, else y1, y2, ...</summary>
    public required IReadOnlyList<string> TargetNames { get; init; }

    /// <summary>Every neuron, layer by layer.</summary>
    public required IReadOnlyList<NeuronStep> Neurons { get; init; }

    /// <summary>The loss formula in names ("(a31 - y)^2").</summary>
    public required string LossFormula { get; init; }

    /// <summary>The loss formula with numbers.</summary>
    public required string LossSubstituted { get; init; }

    /// <summary>The loss value from the engine.</summary>
    public required double Loss { get; init; }

    /// <summary>dL/da for every output neuron.</summary>
    public required IReadOnlyList<NetFactor> OutputDerivatives { get; init; }

    /// <summary>da(l+1,k)/da(l,j) = f'(z(l+1,k)) * w for every connection between neurons.</summary>
    public required IReadOnlyList<NetFactor> NeuronDerivatives { get; init; }

    /// <summary>da/dw = f'(z) * input for every weight (and f'(z) for a bias).</summary>
    public required IReadOnlyList<NetFactor> WeightDerivatives { get; init; }

    /// <summary>Every weight's gradient by the chain rule, in weight order.</summary>
    public required IReadOnlyList<NetGradient> Gradients { get; init; }

    /// <summary>The gradient-descent update of every weight.</summary>
    public required IReadOnlyList<NetUpdate> Updates { get; init; }

    /// <summary>The loss after the update, from the engine.</summary>
    public required double NewLoss { get; init; }

    /// <summary>The output values after the update, from the engine.</summary>
    public required IReadOnlyList<double> NewOutputs { get; init; }

    /// <summary>Paths flagged vanishing, exploding or blocked, with the weight each belongs to.</summary>
    public IEnumerable<(NetGradient Gradient, NetPath Path)> FlaggedPaths =>
        Gradients.SelectMany(g => g.Paths.Where(p => p.Health != PathHealth.Normal).Select(p => (g, p)));

    /// <summary>The activation's name as written in formulas.</summary>
    public string ActivationName => NetworkExplainer.Name(Spec.Activation);

    /// <summary>A number at the explanation's precision.</summary>
    public string Format(double value) => Explanations.NumberFormat.Format(value, Spec.Precision);
}
