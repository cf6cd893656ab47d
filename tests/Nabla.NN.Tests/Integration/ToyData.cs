namespace Nabla.NN.Tests;

/// <summary>
/// Small seeded data sets for the learning tests. Nabla.NN.Data.BuiltInDatasets ships similar generators (one
/// test below trains on them too); these stay so that the seeds and thresholds of these tests do not move when
/// that code changes.
/// </summary>
internal static class ToyData
{
    /// <summary>The four XOR points <c>[4, 2]</c> and targets <c>[4, 1]</c>.</summary>
    public static (Tensor X, Tensor Y) Xor() =>
        (Tensor.FromArray([0, 0, 0, 1, 1, 0, 1, 1], 4, 2), Tensor.FromArray([0, 1, 1, 0], 4, 1));

    /// <summary>
    /// scikit-learn's two interleaving half circles: class 0 on (cos t, sin t), class 1 on (1 - cos t, 0.5 - sin t),
    /// t uniform in [0, pi], plus Gaussian noise. X <c>[n, 2]</c>, labels <c>[n]</c> (0 or 1, as floats).
    /// </summary>
    public static (Tensor X, Tensor Y) Moons(int n, float noise, ulong seed)
    {
        var rng = new Rng(seed);
        var x = new float[n * 2];
        var y = new float[n];
        for (int i = 0; i < n; i++)
        {
            int label = i % 2;
            float t = MathF.PI * rng.NextFloat();
            float a = label == 0 ? MathF.Cos(t) : 1 - MathF.Cos(t);
            float b = label == 0 ? MathF.Sin(t) : 0.5f - MathF.Sin(t);
            x[2 * i] = a + noise * rng.NextGaussian();
            x[2 * i + 1] = b + noise * rng.NextGaussian();
            y[i] = label;
        }
        return (Tensor.FromArray(x, n, 2), Tensor.FromArray(y, n));
    }

    /// <summary>
    /// CS231n's spiral: <paramref name="classes"/> arms of <paramref name="perClass"/> points, radius 0..1, angle
    /// growing with the radius plus noise. X <c>[classes * perClass, 2]</c>, labels <c>[classes * perClass]</c>.
    /// </summary>
    public static (Tensor X, Tensor Y) Spiral(int perClass, int classes, ulong seed)
    {
        var rng = new Rng(seed);
        int n = perClass * classes;
        var x = new float[n * 2];
        var y = new float[n];
        for (int c = 0; c < classes; c++)
        {
            for (int i = 0; i < perClass; i++)
            {
                int k = c * perClass + i;
                float r = (float)i / (perClass - 1);
                float theta = c * 4f + 4f * r + 0.2f * rng.NextGaussian();
                x[2 * k] = r * MathF.Sin(theta);
                x[2 * k + 1] = r * MathF.Cos(theta);
                y[k] = c;
            }
        }
        return (Tensor.FromArray(x, n, 2), Tensor.FromArray(y, n));
    }

    /// <summary>
    /// Height (m) and weight (kg) of <paramref name="n"/> adults and their BMI = weight / height^2 with a little
    /// measurement noise, standardised: X <c>[n, 2]</c>, y <c>[n, 1]</c>, each feature and the target with mean 0, std 1.
    /// </summary>
    public static (Tensor X, Tensor Y) Bmi(int n, ulong seed)
    {
        var rng = new Rng(seed);
        var h = new float[n];
        var w = new float[n];
        var bmi = new float[n];
        for (int i = 0; i < n; i++)
        {
            h[i] = 1.70f + 0.10f * rng.NextGaussian();
            w[i] = 72f + 14f * rng.NextGaussian();
            bmi[i] = w[i] / (h[i] * h[i]) + 0.3f * rng.NextGaussian();
        }
        Standardize(h);
        Standardize(w);
        Standardize(bmi);
        var x = new float[n * 2];
        for (int i = 0; i < n; i++)
        {
            x[2 * i] = h[i];
            x[2 * i + 1] = w[i];
        }
        return (Tensor.FromArray(x, n, 2), Tensor.FromArray(bmi, n, 1));
    }

    private static void Standardize(float[] v)
    {
        double mean = v.Average(a => (double)a);
        double std = Math.Sqrt(v.Sum(a => (a - mean) * (a - mean)) / v.Length);
        for (int i = 0; i < v.Length; i++)
        {
            v[i] = (float)((v[i] - mean) / std);
        }
    }

    /// <summary>Fraction of rows whose arg-max of <paramref name="logits"/> <c>[n, C]</c> equals the label.</summary>
    public static double Accuracy(Tensor logits, Tensor labels)
    {
        var predicted = logits.ArgMax(1).ToArray();
        var y = labels.ToArray();
        return predicted.Zip(y).Count(p => p.First == p.Second) / (double)y.Length;
    }
}
