using Nabla.Whiteboard.Rendering;

namespace Nabla.Whiteboard.Networks;

/// <summary>
/// A <see cref="NetworkExplanation"/> as JSON: every step as data, written through System.Text.Json source generation
/// (<see cref="NetworkDocument"/>; no reflection), numbers as in <see cref="ExplanationJson"/>.
/// </summary>
public static class NetworkJson
{
    /// <summary>The JSON document, indented.</summary>
    public static string Render(NetworkExplanation e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var s = e.Spec;
        var document = new NetworkDocument(
            s.Layers, e.ActivationName, s.Bias, s.Loss.ToString(), e.LossFormula, s.LearningRate, e.WeightsDrawn,
            e.WeightsDrawn ? s.Seed : null, s.X, s.Y,
            [.. e.Weights.Select(w => new NetWeightJson(w.Name, w.Layer, w.Neuron, w.Input, w.Value))],
            [.. e.Neurons.Select(n => new NeuronJson(n.Name, n.Layer, n.Index, n.Inputs, [.. n.Weights.Select(w => w.Name)], n.PreActivation, n.Value, n.Slope))],
            e.Loss,
            [.. e.OutputDerivatives.Concat(e.NeuronDerivatives).Concat(e.WeightDerivatives).Select(f => new NetFactorJson(f.Symbol, f.Formula, f.Value))],
            [.. e.Gradients.Select(g => new NetGradientJson(g.Weight.Name, g.Symbol,
                [.. g.Paths.Select(p => new NetPathJson([.. p.Factors.Select(f => f.Symbol)], [.. p.Factors.Select(f => f.Value)], p.Product, p.Gain,
                    p.Health.ToString().ToLowerInvariant()))],
                g.PathSum, g.EngineGradient))],
            [.. e.Updates.Select(u => new NetUpdateJson(u.Weight.Name, u.Weight.Value, u.Gradient, u.New))],
            e.NewLoss, e.NewOutputs);
        return WhiteboardJsonContext.Text(document, WhiteboardJsonContext.Default.NetworkDocument);
    }
}
