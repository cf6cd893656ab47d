using Nabla.Whiteboard.Explanations;

namespace Nabla.Whiteboard.Tests.Rendering;

/// <summary>The three lecture examples as explanations.</summary>
internal static class Lectures
{
    public static Explanation First(ExplainOptions? options = null) =>
        Explainer.Explain("g = -2*w1; y = w2 + g; z = y*w3",
            new Dictionary<string, double> { ["w1"] = 3, ["w2"] = 4, ["w3"] = 5 }, options ?? new ExplainOptions { LearningRate = 0.01, Ascent = true });

    public static Explanation Neuron() =>
        Explainer.Explain("f = sigmoid(w0*x0 + w1*x1 + w2)",
            new Dictionary<string, double> { ["w0"] = 2, ["x0"] = -1, ["w1"] = -3, ["x1"] = -2, ["w2"] = -3 });

    public static Explanation Staged() =>
        Explainer.Explain("num = sigmoid(y) + x; den = sigmoid(x) + (x + y)^2; invden = 1/den; f = num*invden",
            new Dictionary<string, double> { ["x"] = 3, ["y"] = -4 });
}
