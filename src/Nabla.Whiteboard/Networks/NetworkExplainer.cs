using System.Globalization;
using Nabla.NN.Registries;
using Nabla.Whiteboard.Explanations;

namespace Nabla.Whiteboard.Networks;

/// <summary>
/// Builds a <see cref="NetworkExplanation"/>: runs the network on the engine (one weight matrix per layer,
/// a = f(a_prev W^T + b), the loss, then Backward), reads every value and gradient from the engine, and
/// independently writes each weight's gradient as the chain rule summed over all paths from the loss
/// down to it. The two agree up to float32 rounding (tests assert it for random networks).
/// </summary>
public static class NetworkExplainer
{
    /// <summary>Explains <paramref name="spec"/>.</summary>
    /// <exception cref="ArgumentException">Layer widths, sample sizes, weight count or a value out of range; the message names it.</exception>
    public static NetworkExplanation Explain(NetworkSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        Validate(spec);
        var layers = spec.Layers;
        int depth = layers.Count - 1;
        string F(double v) => NumberFormat.Format(v, spec.Precision);

        bool drawn = spec.Weights is null;
        var weights = Weights(spec);
        var (matrices, biases) = Unpack(spec, weights.Select(w => (float)w.Value).ToArray());

        // Forward and backward on the engine.
        var run = Run(spec, matrices, biases, withGrad: true);
        run.Loss.Backward();
        var engineGrad = new double[weights.Count];
        int wi = 0;
        for (int l = 0; l < depth; l++)
            foreach (float g in run.W[l].Grad!.ToArray()) engineGrad[wi++] = g;
        if (spec.Bias)
            for (int l = 0; l < depth; l++)
                foreach (float g in run.B[l]!.Grad!.ToArray()) engineGrad[wi++] = g;

        var names = NeuronNames(layers);
        var inputNames = Enumerable.Range(1, layers[0]).Select(i => "x" + I(i)).ToArray();
        var targetNames = layers[^1] == 1 ? ["y"] : Enumerable.Range(1, layers[^1]).Select(i => "y" + I(i)).ToArray();

        // Values per layer: index 0 is the input, then each layer's activations.
        var a = new double[depth + 1][];
        a[0] = spec.X.Select(v => (double)(float)v).ToArray();
        var z = new double[depth + 1][];
        for (int l = 1; l <= depth; l++)
        {
            a[l] = run.A[l - 1].Select(v => (double)v).ToArray();
            z[l] = run.Z[l - 1].Select(v => (double)v).ToArray();
        }
        double Slope(int l, int j) => Derivative(spec.Activation, z[l][j], a[l][j]);
        string NameOf(int l, int j) => l == 0 ? inputNames[j] : names[l][j];
        NetWeight W(int l, int j, int i) => weights.First(w => w.Layer == l && w.Neuron == j + 1 && w.Input == i + 1);
        NetWeight? Bias(int l, int j) => spec.Bias ? weights.First(w => w.Layer == l && w.Neuron == j + 1 && w.IsBias) : null;

        var neurons = new List<NeuronStep>();
        for (int l = 1; l <= depth; l++)
            for (int j = 0; j < layers[l]; j++)
            {
                var ws = Enumerable.Range(0, layers[l - 1]).Select(i => W(l, j, i)).ToList();
                if (Bias(l, j) is { } b) ws.Add(b);
                neurons.Add(new NeuronStep(names[l][j], l, j + 1, Enumerable.Range(0, layers[l - 1]).Select(i => NameOf(l - 1, i)).ToArray(),
                    a[l - 1], ws, z[l][j], a[l][j], Slope(l, j))
                { Gradient = run.Activations[l - 1].Grad?.ToArray()[j] ?? 0 });
            }

        // dL/da for each output.
        var y = spec.Y.Select(v => (double)(float)v).ToArray();
        var outputDerivatives = Enumerable.Range(0, layers[^1]).Select(k => LossDerivative(spec.Loss, names[depth][k], targetNames[k], a[depth][k], y[k], F)).ToArray();

        // da(l+1,k)/da(l,j) = f'(z(l+1,k)) * w(l+1, k, j).
        var neuronDerivatives = new Dictionary<(int L, int K, int J), NetFactor>();
        for (int l = 1; l < depth; l++)
            for (int k = 0; k < layers[l + 1]; k++)
                for (int j = 0; j < layers[l]; j++)
                {
                    var w = W(l + 1, k, j);
                    neuronDerivatives[(l, k, j)] = new NetFactor($"d{names[l + 1][k]}/d{names[l][j]}", $"f'(z{Suffix(names[l + 1][k])}) * {w.Name}",
                        $"{F(Slope(l + 1, k))} * {Paren(F(w.Value))}", Slope(l + 1, k) * w.Value);
                }

        // da/dw = f'(z) * input; da/db = f'(z).
        var weightDerivatives = new Dictionary<NetWeight, NetFactor>();
        foreach (var w in weights)
        {
            int l = w.Layer, j = w.Neuron - 1;
            string neuron = names[l][j], zName = "z" + Suffix(neuron);
            weightDerivatives[w] = w.IsBias
                ? new NetFactor($"d{neuron}/d{w.Name}", $"f'({zName})", F(Slope(l, j)), Slope(l, j))
                : new NetFactor($"d{neuron}/d{w.Name}", $"f'({zName}) * {NameOf(l - 1, w.Input - 1)}",
                    $"{F(Slope(l, j))} * {Paren(F(a[l - 1][w.Input - 1]))}", Slope(l, j) * a[l - 1][w.Input - 1]);
        }

        CheckPathCount(spec);
        var gradients = new List<NetGradient>();
        for (int n = 0; n < weights.Count; n++)
        {
            var w = weights[n];
            var paths = Paths(spec, w, outputDerivatives, neuronDerivatives, weightDerivatives[w], Slope(w.Layer, w.Neuron - 1));
            gradients.Add(new NetGradient(w, paths, paths.Sum(p => p.Product), engineGrad[n]));
        }

        // One plain gradient-descent step in float32, as an optimizer takes it; the new loss from the engine.
        float lr = (float)spec.LearningRate;
        var updated = weights.Select((w, n) => (float)w.Value - lr * (float)engineGrad[n]).ToArray();
        var updates = weights.Select((w, n) => new NetUpdate(w, engineGrad[n], updated[n])).ToArray();
        var (m2, b2) = Unpack(spec, updated);
        var after = Run(spec, m2, b2, withGrad: false);

        var (lossFormula, lossSubstituted) = LossText(spec.Loss, names[depth], targetNames, a[depth], y, F);
        return new NetworkExplanation
        {
            Spec = spec,
            WeightsDrawn = drawn,
            Weights = weights,
            InputNames = inputNames,
            TargetNames = targetNames,
            Neurons = neurons,
            LossFormula = lossFormula,
            LossSubstituted = lossSubstituted,
            Loss = run.Loss.Item(),
            OutputDerivatives = outputDerivatives,
            NeuronDerivatives = neuronDerivatives.OrderBy(p => p.Key.L).ThenBy(p => p.Key.K).ThenBy(p => p.Key.J).Select(p => p.Value).ToArray(),
            WeightDerivatives = weights.Select(w => weightDerivatives[w]).ToArray(),
            Gradients = gradients,
            Updates = updates,
            NewLoss = after.Loss.Item(),
            NewOutputs = after.A[^1].Select(v => (double)v).ToArray(),
        };
    }

    /// <summary>The activation's name in formulas (its row's expression name): sigmoid, tanh, relu, ...</summary>
    public static string Name(ActivationRow activation)
    {
        ArgumentNullException.ThrowIfNull(activation);
        return activation.Formulas.Expression;
    }

    /// <summary>f'(z) written in a and z, as the explanation states it: "a * (1 - a)" for sigmoid.</summary>
    public static string DerivativeFormula(ActivationRow activation)
    {
        ArgumentNullException.ThrowIfNull(activation);
        return activation.Formulas.DerivativeText;
    }

    static void Validate(NetworkSpec s)
    {
        if (s.Layers.Count < 2) throw new ArgumentException($"a network needs at least an input and an output width, e.g. 3,2,2,1; got {string.Join(",", s.Layers)}");
        if (s.Layers.Any(w => w < 1)) throw new ArgumentException($"every layer needs at least 1 neuron; got {string.Join(",", s.Layers)}");
        if (s.X.Count != s.Layers[0]) throw new ArgumentException($"x has {s.X.Count} values but the network has {s.Layers[0]} inputs");
        if (s.Y.Count != s.Layers[^1]) throw new ArgumentException($"y has {s.Y.Count} values but the network has {s.Layers[^1]} outputs");
        if (s.X.Concat(s.Y).Any(v => !double.IsFinite(v))) throw new ArgumentException("x and y must be finite numbers");
        if (!double.IsFinite(s.LearningRate) || s.LearningRate <= 0) throw new ArgumentException($"the learning rate must be a finite number > 0, got {s.LearningRate}");
        if (s.Precision is < 1 or > 17) throw new ArgumentException($"precision must be between 1 and 17 significant digits, got {s.Precision}");
        if (s.Loss == NetLoss.Bce && s.Activation != ActivationRegistry.All["sigmoid"])
            throw new ArgumentException($"the bce loss needs outputs in (0, 1): use --activation sigmoid (got {Name(s.Activation)})");
        if (s.Loss == NetLoss.Bce && s.Y.Any(v => v is < 0 or > 1)) throw new ArgumentException("the bce loss needs targets between 0 and 1");
        int count = WeightCount(s);
        if (s.Weights is { } w)
        {
            if (w.Count != count)
                throw new ArgumentException($"the network {string.Join("-", s.Layers)} {(s.Bias ? "with" : "without")} biases has {count} parameters " +
                    $"({WeightCount(s with { Bias = false })} weights{(s.Bias ? $" then {s.Layers.Skip(1).Sum()} biases" : "")}) but {w.Count} values were given");
            if (w.Any(v => !double.IsFinite(v))) throw new ArgumentException("every weight must be a finite number");
        }
    }

    static int WeightCount(NetworkSpec s) =>
        Enumerable.Range(1, s.Layers.Count - 1).Sum(l => s.Layers[l] * s.Layers[l - 1]) + (s.Bias ? s.Layers.Skip(1).Sum() : 0);

    static void CheckPathCount(NetworkSpec s)
    {
        // The first layer's weights have the most paths: the product of all later widths.
        double paths = s.Layers.Skip(2).Aggregate(1.0, (p, w) => p * w);
        if (paths > s.MaxPaths)
            throw new ArgumentException($"each first-layer weight has {paths:0} chain-rule paths, more than the {s.MaxPaths} this explanation lists; use narrower or fewer layers");
    }

    // Weights w1.. layer by layer, neuron by neuron; then biases b<layer><neuron>.
    static List<NetWeight> Weights(NetworkSpec s)
    {
        var values = s.Weights ?? Draw(s.Seed, WeightCount(s));
        var list = new List<NetWeight>();
        int n = 0;
        for (int l = 1; l < s.Layers.Count; l++)
            for (int j = 0; j < s.Layers[l]; j++)
                for (int i = 0; i < s.Layers[l - 1]; i++)
                {
                    list.Add(new NetWeight("w" + I(n + 1), l, j + 1, i + 1, (float)values[n]));
                    n++;
                }
        if (s.Bias)
        {
            var names = NeuronNames(s.Layers);
            for (int l = 1; l < s.Layers.Count; l++)
                for (int j = 0; j < s.Layers[l]; j++)
                    list.Add(new NetWeight("b" + Suffix(names[l][j]), l, j + 1, 0, (float)values[n++]));
        }
        return list;
    }

    // Uniform in [-1, 1], rounded to 2 decimals: numbers a reader can follow by hand.
    static double[] Draw(ulong seed, int count)
    {
        var rng = new Rng(seed);
        return Enumerable.Range(0, count).Select(_ => Math.Round(2 * rng.NextDouble() - 1, 2)).ToArray();
    }

    static (float[][] W, float[]?[] B) Unpack(NetworkSpec s, float[] values)
    {
        int depth = s.Layers.Count - 1, n = 0;
        var w = new float[depth][];
        var b = new float[depth][];
        for (int l = 0; l < depth; l++)
        {
            w[l] = values.AsSpan(n, s.Layers[l + 1] * s.Layers[l]).ToArray();
            n += w[l].Length;
        }
        for (int l = 0; l < depth; l++)
        {
            if (!s.Bias) break;
            b[l] = values.AsSpan(n, s.Layers[l + 1]).ToArray();
            n += s.Layers[l + 1];
        }
        return (w, b);
    }

    sealed record EngineRun(Tensor[] W, Tensor?[] B, float[][] Z, float[][] A, Tensor[] Activations, Tensor Loss);

    // a_l = f(a_(l-1) W_l^T + b_l) with a_0 = x as a [1, in] row; the loss summed over the outputs.
    static EngineRun Run(NetworkSpec s, float[][] matrices, float[]?[] biases, bool withGrad)
    {
        int depth = s.Layers.Count - 1;
        var w = new Tensor[depth];
        var b = new Tensor?[depth];
        var zs = new float[depth][];
        var acts = new float[depth][];
        var activations = new Tensor[depth];
        Tensor a = Tensor.FromArray(s.X.Select(v => (float)v).ToArray(), 1, s.Layers[0]);
        for (int l = 0; l < depth; l++)
        {
            w[l] = Tensor.FromArray(matrices[l], s.Layers[l + 1], s.Layers[l]);
            w[l].RequiresGrad = withGrad;
            w[l].Name = $"W{l + 1}";
            Tensor zl = a.MatMul(w[l].T);
            if (biases[l] is { } bl)
            {
                b[l] = Tensor.FromArray(bl, s.Layers[l + 1]);
                b[l]!.RequiresGrad = withGrad;
                zl = zl + b[l]!;
            }
            a = Activate(s.Activation, zl);
            // Keep dL/da of every layer for the drawing (the engine frees non-leaf gradients otherwise).
            if (withGrad) a.RetainGrad();
            activations[l] = a;
            zs[l] = zl.ToArray();
            acts[l] = a.ToArray();
        }
        var y = Tensor.FromArray(s.Y.Select(v => (float)v).ToArray(), 1, s.Layers[^1]);
        Tensor diff = a - y;
        Tensor loss = s.Loss switch
        {
            NetLoss.Squared => diff.Pow(2f).Sum(),
            NetLoss.HalfSquared => (0.5f * diff.Pow(2f)).Sum(),
            NetLoss.Abs => diff.Abs().Sum(),
            _ => (-(y * a.Log() + (1f - y) * (1f - a).Log())).Sum(),
        };
        return new EngineRun(w, b, zs, acts, activations, loss);
    }

    static Tensor Activate(ActivationRow f, Tensor z) => f.Apply(z, f.Parameter ?? 0f);

    // f'(z) with the engine's choices at kinks (relu'(0) = 0).
    static double Derivative(ActivationRow f, double z, double a) => f.Derivative(z, a, f.Parameter ?? 0f);

    static NetFactor LossDerivative(NetLoss loss, string a, string y, double av, double yv, Func<double, string> f) => loss switch
    {
        NetLoss.Squared => new($"dL/d{a}", $"2 * ({a} - {y})", $"2 * ({f(av)} - {Paren(f(yv))})", 2 * (av - yv)),
        NetLoss.HalfSquared => new($"dL/d{a}", $"{a} - {y}", $"{f(av)} - {Paren(f(yv))}", av - yv),
        // The engine's |x|' is sign(x) with 0 at 0.
        NetLoss.Abs => new($"dL/d{a}", $"sign({a} - {y})", $"sign({f(av)} - {Paren(f(yv))})", Math.Sign(av - yv)),
        _ => new($"dL/d{a}", $"-{y} / {a} + (1 - {y}) / (1 - {a})", $"-{Paren(f(yv))} / {f(av)} + (1 - {Paren(f(yv))}) / (1 - {f(av)})",
            -yv / av + (1 - yv) / (1 - av)),
    };

    static (string Formula, string Substituted) LossText(NetLoss loss, string[] outputs, IReadOnlyList<string> targets, double[] a, double[] y, Func<double, string> f)
    {
        string Term(int k, bool numbers)
        {
            string av = numbers ? f(a[k]) : outputs[k], yv = numbers ? Paren(f(y[k])) : targets[k];
            return loss switch
            {
                NetLoss.Squared => $"({av} - {yv})^2",
                NetLoss.HalfSquared => $"({av} - {yv})^2 / 2",
                NetLoss.Abs => $"abs({av} - {yv})",
                _ => $"-({yv} * log({av}) + (1 - {yv}) * log(1 - {av}))",
            };
        }
        var idx = Enumerable.Range(0, outputs.Length).ToArray();
        return (string.Join(" + ", idx.Select(k => Term(k, false))), string.Join(" + ", idx.Select(k => Term(k, true))));
    }

    // Every path from the loss to weight w: through one neuron per later layer, ending at an output.
    static List<NetPath> Paths(NetworkSpec s, NetWeight w, NetFactor[] outputDerivatives, Dictionary<(int L, int K, int J), NetFactor> between,
        NetFactor own, double ownSlope)
    {
        int depth = s.Layers.Count - 1;
        var result = new List<NetPath>();
        // A path is the neuron index chosen in each layer from w.Layer to the output; enumerate them like an odometer.
        int span = depth - w.Layer;
        var choice = new int[span + 1];
        choice[0] = w.Neuron - 1;
        while (true)
        {
            var factors = new List<NetFactor> { outputDerivatives[choice[span]] };
            double gain = ownSlope;
            for (int m = span; m >= 1; m--)
            {
                var factor = between[(w.Layer + m - 1, choice[m], choice[m - 1])];
                factors.Add(factor);
                gain *= factor.Value;
            }
            factors.Add(own);
            double product = factors.Aggregate(1.0, (p, x) => p * x.Value);
            var health = gain == 0 ? PathHealth.Blocked
                : Math.Abs(gain) < s.VanishingBelow ? PathHealth.Vanishing
                : Math.Abs(gain) > s.ExplodingAbove ? PathHealth.Exploding
                : PathHealth.Normal;
            result.Add(new NetPath(factors, product, gain, health));

            int pos = span;
            while (pos >= 1 && ++choice[pos] == s.Layers[w.Layer + pos]) choice[pos--] = 0;
            if (pos == 0) break;
        }
        return result;
    }

    // a11, a12, a21 ...: layer then neuron; with a width or depth of 10 or more, a1_12 keeps them unambiguous.
    static string[][] NeuronNames(IReadOnlyList<int> layers)
    {
        bool wide = layers.Count > 10 || layers.Skip(1).Any(w => w > 9);
        return Enumerable.Range(0, layers.Count)
            .Select(l => l == 0 ? [] : Enumerable.Range(1, layers[l]).Select(j => "a" + I(l) + (wide ? "_" : "") + I(j)).ToArray())
            .ToArray();
    }

    static string Suffix(string neuron) => neuron[1..];

    static string I(int i) => i.ToString(CultureInfo.InvariantCulture);

    internal static string Paren(string number) => number.StartsWith('-') ? "(" + number + ")" : number;
}
