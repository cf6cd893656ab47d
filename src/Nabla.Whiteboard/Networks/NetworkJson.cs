using System.Text.Json;
using Nabla.Whiteboard.Rendering;

namespace Nabla.Whiteboard.Networks;

/// <summary>A <see cref="NetworkExplanation"/> as JSON (Utf8JsonWriter, no reflection): every step as data.</summary>
public static class NetworkJson
{
    /// <summary>The JSON document, indented.</summary>
    public static string Render(NetworkExplanation e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return JsonDocumentText.Write(w =>
        {
            var s = e.Spec;
            w.WriteStartObject();
            w.WriteStartArray("layers");
            foreach (int l in s.Layers) w.WriteNumberValue(l);
            w.WriteEndArray();
            w.WriteString("activation", e.ActivationName);
            w.WriteBoolean("bias", s.Bias);
            w.WriteString("loss", s.Loss.ToString());
            w.WriteString("lossFormula", e.LossFormula);
            w.Number("learningRate", s.LearningRate);
            w.WriteBoolean("weightsDrawn", e.WeightsDrawn);
            if (e.WeightsDrawn) w.WriteNumber("seed", s.Seed);
            Values(w, "x", s.X);
            Values(w, "y", s.Y);

            w.WriteStartArray("weights");
            foreach (var x in e.Weights) Weight(w, x);
            w.WriteEndArray();

            w.WriteStartArray("neurons");
            foreach (var n in e.Neurons)
            {
                w.WriteStartObject();
                w.WriteString("name", n.Name);
                w.WriteNumber("layer", n.Layer);
                w.WriteNumber("index", n.Index);
                w.WriteStartArray("inputs");
                foreach (var i in n.Inputs) w.WriteStringValue(i);
                w.WriteEndArray();
                w.WriteStartArray("weights");
                foreach (var x in n.Weights) w.WriteStringValue(x.Name);
                w.WriteEndArray();
                w.Number("z", n.PreActivation);
                w.Number("a", n.Value);
                w.Number("slope", n.Slope);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.Number("lossValue", e.Loss);

            w.WriteStartArray("localDerivatives");
            foreach (var f in e.OutputDerivatives.Concat(e.NeuronDerivatives).Concat(e.WeightDerivatives)) Factor(w, f);
            w.WriteEndArray();

            w.WriteStartArray("gradients");
            foreach (var g in e.Gradients)
            {
                w.WriteStartObject();
                w.WriteString("weight", g.Weight.Name);
                w.WriteString("symbol", g.Symbol);
                w.WriteStartArray("paths");
                foreach (var p in g.Paths)
                {
                    w.WriteStartObject();
                    w.Factors(p.Factors, f => f.Symbol, f => f.Value);
                    w.Number("product", p.Product);
                    w.Number("gain", p.Gain);
                    w.WriteString("health", p.Health.ToString().ToLowerInvariant());
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                w.Number("pathSum", g.PathSum);
                w.Number("engineGradient", g.EngineGradient);
                w.WriteEndObject();
            }
            w.WriteEndArray();

            w.WriteStartArray("updates");
            foreach (var u in e.Updates)
            {
                w.WriteStartObject();
                w.WriteString("weight", u.Weight.Name);
                w.Number("old", u.Weight.Value);
                w.Number("gradient", u.Gradient);
                w.Number("new", u.New);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.Number("newLoss", e.NewLoss);
            w.WriteStartArray("newOutputs");
            foreach (var v in e.NewOutputs) w.Number(v);
            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    static void Values(Utf8JsonWriter w, string name, IReadOnlyList<double> values)
    {
        w.WriteStartArray(name);
        foreach (var v in values) w.Number(v);
        w.WriteEndArray();
    }

    static void Weight(Utf8JsonWriter w, NetWeight x)
    {
        w.WriteStartObject();
        w.WriteString("name", x.Name);
        w.WriteNumber("layer", x.Layer);
        w.WriteNumber("neuron", x.Neuron);
        w.WriteNumber("input", x.Input);
        w.Number("value", x.Value);
        w.WriteEndObject();
    }

    static void Factor(Utf8JsonWriter w, NetFactor f)
    {
        w.WriteStartObject();
        w.WriteString("symbol", f.Symbol);
        w.WriteString("formula", f.Formula);
        w.Number("value", f.Value);
        w.WriteEndObject();
    }
}
