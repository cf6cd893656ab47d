namespace Nabla.NN.Models;

/// <summary>
/// The architecture of a multi-layer perceptron as a model package stores it, enough to rebuild it from <c>model.json</c> before loading its weights:
/// <c>[N, Inputs] -> Dense -> activation (-> Dropout) ... -> Dense -> [N, Outputs]</c>. The output layer emits
/// logits (classification) or values (regression); the loss applies the sigmoid/softmax.
/// </summary>
/// <param name="Inputs">Features per sample.</param>
/// <param name="Hidden">Hidden layer widths (empty: a linear or logistic model).</param>
/// <param name="Outputs">1 for regression and binary classification, the class count for multiclass.</param>
/// <param name="Activation">Hidden activation, by its registry name (relu, sigmoid, tanh, leaky-relu, step, linear).</param>
/// <param name="Dropout">Dropout probability after each hidden activation (0 for none).</param>
/// <param name="Init">Weight initialiser, by its registry name (default, zeros, normal, uniform, xavier-normal, ...).</param>
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
        // Biases start at zero except with the default initialiser, which follows PyTorch's nn.Linear.
        Initializer? weight = WeightInit();
        Initializer? bias = Init is "default" ? null : (t, _) => NN.Init.Zeros(t);
        return new Dense(fanIn, fanOut, bias: true, weightInit: weight, biasInit: bias, rng: rng);
    }

    private Initializer? WeightInit()
    {
        var nonlinearity = Activation switch
        {
            "relu" => Nonlinearity.ReLU,
            "leaky-relu" => Nonlinearity.LeakyReLU,
            "tanh" => Nonlinearity.Tanh,
            "sigmoid" => Nonlinearity.Sigmoid,
            _ => Nonlinearity.Linear,
        };
        float gain = NN.Init.CalculateGain(nonlinearity, nonlinearity == Nonlinearity.LeakyReLU ? 0.01f : null);
        return Init switch
        {
            "default" => null,
            "zeros" => (t, _) => NN.Init.Zeros(t),
            "normal" => (t, r) => NN.Init.Normal(t, r, 0f, 0.01f),
            "uniform" => (t, r) => NN.Init.Uniform(t, r, -0.05f, 0.05f),
            "xavier-normal" => (t, r) => NN.Init.XavierNormal(t, r, gain),
            "xavier-uniform" => (t, r) => NN.Init.XavierUniform(t, r, gain),
            "he-normal" => (t, r) => NN.Init.KaimingNormal(t, r, 0f, FanMode.FanIn, nonlinearity == Nonlinearity.LeakyReLU ? Nonlinearity.LeakyReLU : Nonlinearity.ReLU),
            "he-uniform" => (t, r) => NN.Init.KaimingUniform(t, r, 0f, FanMode.FanIn, nonlinearity == Nonlinearity.LeakyReLU ? Nonlinearity.LeakyReLU : Nonlinearity.ReLU),
            "lecun-normal" => (t, r) => NN.Init.LecunNormal(t, r),
            _ => throw new ArgumentException($"Unknown initialiser '{Init}'."),
        };
    }

    private Module ActivationLayer() => Activation switch
    {
        "relu" => new ReLU(),
        "sigmoid" => new Sigmoid(),
        "tanh" => new Tanh(),
        "leaky-relu" => new LeakyReLU(0.01f),
        "step" => new Step(),
        "linear" => new Identity(),
        _ => throw new ArgumentException($"Unknown activation '{Activation}'."),
    };
}
