using System.Text.Json.Serialization;

namespace Nabla.Whiteboard.Networks;

// The JSON of a network explanation (NetworkJson) as records the source generator writes (WhiteboardJsonContext): one
// record per object, properties in the order they appear in the document, names in camelCase.

/// <summary>The whole document; seed is left out when the weights were listed rather than drawn.</summary>
internal sealed record NetworkDocument(
    IReadOnlyList<int> Layers,
    string Activation,
    bool Bias,
    string Loss,
    string LossFormula,
    double LearningRate,
    bool WeightsDrawn,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ulong? Seed,
    IReadOnlyList<double> X,
    IReadOnlyList<double> Y,
    IReadOnlyList<NetWeightJson> Weights,
    IReadOnlyList<NeuronJson> Neurons,
    double LossValue,
    IReadOnlyList<NetFactorJson> LocalDerivatives,
    IReadOnlyList<NetGradientJson> Gradients,
    IReadOnlyList<NetUpdateJson> Updates,
    double NewLoss,
    IReadOnlyList<double> NewOutputs);

/// <summary>A weight or bias; input is 0 for a bias.</summary>
internal sealed record NetWeightJson(string Name, int Layer, int Neuron, int Input, double Value);

/// <summary>A neuron's forward step: its inputs and weights by name, z (pre-activation), a = f(z) and f'(z).</summary>
internal sealed record NeuronJson(string Name, int Layer, int Index, IReadOnlyList<string> Inputs, IReadOnlyList<string> Weights, double Z, double A, double Slope);

/// <summary>A local derivative (dL/da, da/da or da/dw).</summary>
internal sealed record NetFactorJson(string Symbol, string Formula, double Value);

/// <summary>A weight's gradient: its paths, their sum and the engine's value.</summary>
internal sealed record NetGradientJson(string Weight, string Symbol, IReadOnlyList<NetPathJson> Paths, double PathSum, double EngineGradient);

/// <summary>A path: factors and their values (as in <c>ChainPathJson</c>), product, gain and health (normal, blocked, vanishing, exploding).</summary>
internal sealed record NetPathJson(IReadOnlyList<string> Factors, IReadOnlyList<double> Values, double Product, double Gain, string Health);

/// <summary>A weight's update.</summary>
internal sealed record NetUpdateJson(string Weight, double Old, double Gradient, double New);
