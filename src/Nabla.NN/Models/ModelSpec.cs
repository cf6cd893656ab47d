using Nabla.NN.Registries;

namespace Nabla.NN.Models;

/// <summary>
/// The architecture of a multi-layer perceptron as a model package stores it, enough to rebuild it from <c>model.json</c> before loading its weights:
/// <c>[N, Inputs] -> Dense -> activation (-> Dropout) ... -> Dense -> [N, Outputs]</c>. The output layer emits
/// logits (classification) or values (regression); the loss applies the sigmoid/softmax.
/// </summary>
/// <param name="Inputs">Features per sample.</param>
/// <param name="Hidden">Hidden layer widths (empty: a linear or logistic model).</param>
/// <param name="Outputs">1 for regression and binary classification, the class count for multiclass.</param>
/// <param name="Activation">Hidden activation, by its <see cref="ActivationRegistry"/> name.</param>
/// <param name="Dropout">Dropout probability after each hidden activation (0 for none).</param>
/// <param name="Init">Weight initialiser, by its <see cref="InitRegistry"/> name.</param>
public sealed record ModelSpec(int Inputs, IReadOnlyList<int> Hidden, int Outputs, string Activation, float Dropout, string Init)
{
    /// <summary>Builds the model with weights drawn from <paramref name="rng"/>.</summary>
    public Sequential Build(Rng rng)
    {
        var model = new Sequential();
        int width = Inputs;
        foreach (int h in Hidden)
        {
            model.Add(Dense(width, h, rng));
            model.Add(ActivationLayer());
            if (Dropout > 0) model.Add(new Dropout(Dropout, rng));
            width = h;
        }
        model.Add(Dense(width, Outputs, rng));
        return model;
    }

    /// <summary>Layer sizes as people write them, e.g. <c>64-32-10</c>.</summary>
    public string Shape => string.Join('-', Hidden.Prepend(Inputs).Append(Outputs));

    private Dense Dense(int fanIn, int fanOut, Rng rng)
    {
        var init = InitRegistry.All[Init];
        return new Dense(fanIn, fanOut, bias: true, weightInit: init.Weight(ActivationRegistry.All[Activation]), biasInit: init.Bias, rng: rng);
    }

    private Module ActivationLayer() => ActivationRegistry.All[Activation].Create();
}
