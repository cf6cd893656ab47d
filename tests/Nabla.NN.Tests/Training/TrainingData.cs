using Nabla.NN.Data;

namespace Nabla.NN.Tests.Training;

/// <summary>Tiny deterministic data sets for the training tests.</summary>
internal static class TrainingData
{
    /// <summary>XOR: 4 samples [2], targets 0/1.</summary>
    public static TensorDataset Xor() =>
        new(Tensor.FromArray([0f, 0, 0, 1, 1, 0, 1, 1], 4, 2), Tensor.FromArray([0f, 1, 1, 0]));

    /// <summary>Three Gaussian blobs in 2-d (centres on a triangle, std 0.4), <paramref name="perClass"/> samples each.</summary>
    public static TensorDataset Blobs(int perClass, ulong seed)
    {
        var rng = new Rng(seed);
        float[][] centres = [[0f, 2f], [-2f, -1f], [2f, -1f]];
        int n = 3 * perClass;
        var f = new float[n * 2];
        var t = new float[n];
        for (int i = 0; i < n; i++)
        {
            int c = i % 3;
            f[2 * i] = centres[c][0] + 0.4f * rng.NextGaussian();
            f[2 * i + 1] = centres[c][1] + 0.4f * rng.NextGaussian();
            t[i] = c;
        }
        return new TensorDataset(Tensor.FromArray(f, n, 2), Tensor.FromArray(t));
    }

    /// <summary>y = 2 x0 - x1 + 0.5 + small noise, x uniform in [-1, 1]^2.</summary>
    public static TensorDataset Linear(int n, ulong seed)
    {
        var rng = new Rng(seed);
        var f = new float[n * 2];
        var t = new float[n];
        for (int i = 0; i < n; i++)
        {
            float a = 2 * rng.NextFloat() - 1, b = 2 * rng.NextFloat() - 1;
            f[2 * i] = a; f[2 * i + 1] = b;
            t[i] = 2 * a - b + 0.5f + 0.01f * rng.NextGaussian();
        }
        return new TensorDataset(Tensor.FromArray(f, n, 2), Tensor.FromArray(t));
    }

    /// <summary>A multilayer perceptron with seeded weights: in -> hidden (x depth, with the activation) -> out.</summary>
    public static Sequential Mlp(int inputs, int hidden, int outputs, ulong seed, int depth = 1, Func<Module>? activation = null, Initializer? init = null)
    {
        var rng = new Rng(seed);
        var model = new Sequential();
        int width = inputs;
        for (int i = 0; i < depth; i++)
        {
            model.Add(new Dense(width, hidden, weightInit: init, rng: rng));
            model.Add(activation?.Invoke() ?? new Tanh());
            width = hidden;
        }
        model.Add(new Dense(width, outputs, rng: rng));
        return model;
    }

    /// <summary>All parameter values, concatenated in NamedParameters order.</summary>
    public static float[] Weights(Module model) => model.Parameters().SelectMany(p => p.Value.ToArray()).ToArray();
}
