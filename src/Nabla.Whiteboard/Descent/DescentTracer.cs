using Nabla.NN;
using Nabla.NN.Data;
using Nabla.NN.Optim;

namespace Nabla.Whiteboard.Descent;

/// <summary>
/// Runs gradient descent on a small table and records every step: the batch (chosen by the real
/// <see cref="DataLoader"/> for the mode), predictions, the batch's MSE, each parameter's gradient from the
/// engine's Backward and its update by <see cref="Sgd"/>, and the loss on the whole table after the step.
/// </summary>
public static class DescentTracer
{
    /// <summary>Traces <paramref name="spec"/>.</summary>
    /// <exception cref="ArgumentException">Empty or ragged data, non-finite values, or an option out of range.</exception>
    public static DescentTrace Trace(DescentSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        int n = spec.Targets.Length, f = spec.FeatureNames.Count;
        if (n == 0) throw new ArgumentException("the table has no rows");
        if (f == 0 || spec.Features.Length != n * f)
            throw new ArgumentException($"{spec.Features.Length} feature values do not make {n} rows of {f} features");
        if (spec.Features.Concat(spec.Targets).Any(v => !float.IsFinite(v))) throw new ArgumentException("every feature and target must be a finite number");
        if (!double.IsFinite(spec.LearningRate) || spec.LearningRate <= 0) throw new ArgumentException($"the learning rate must be a finite number > 0, got {spec.LearningRate}");
        if (spec.Steps < 1) throw new ArgumentException($"steps must be at least 1, got {spec.Steps}");
        if (!double.IsFinite(spec.InitialWeight) || !double.IsFinite(spec.InitialBias)) throw new ArgumentException("the starting weight and bias must be finite numbers");
        if (spec.Hidden < 1) throw new ArgumentException($"the hidden width must be at least 1, got {spec.Hidden}");

        var (inputs, scaling) = Scale(spec, n, f);
        var rng = new Rng(spec.Seed);
        var (model, names) = Build(spec, f, rng);
        var parameters = model.Parameters().ToArray();
        var optimizer = new Sgd(parameters, (float)spec.LearningRate);
        var lossFn = new MseLoss();
        var all = Tensor.FromArray(inputs, n, f);
        var allTargets = Tensor.FromArray(spec.Targets, n, 1);
        double FullLoss()
        {
            using (GradMode.NoGrad()) return lossFn.Forward(model.Forward(all), allTargets).Item();
        }

        var initial = Flatten(parameters, names).ToArray();
        double initialLoss = FullLoss();

        // The row number rides along as a second target column, so each batch says which rows the loader picked.
        var targetsWithRow = new float[2 * n];
        for (int i = 0; i < n; i++) { targetsWithRow[2 * i] = spec.Targets[i]; targetsWithRow[2 * i + 1] = i; }
        var loader = spec.Mode.CreateLoader(new TensorDataset(Tensor.FromArray(inputs, n, f), Tensor.FromArray(targetsWithRow, n, 2)), rng);

        var steps = new List<DescentStep>();
        for (int epoch = 1; steps.Count < spec.Steps; epoch++)
        {
            foreach (var batch in loader)
            {
                if (steps.Count == spec.Steps) break;
                var t = batch.Targets.ToArray();
                int b = batch.Size;
                var rows = Enumerable.Range(0, b).Select(i => (int)t[2 * i + 1]).ToArray();
                var y = Enumerable.Range(0, b).Select(i => t[2 * i]).ToArray();
                var x = Tensor.FromArray(batch.Features.ToArray(), b, f);

                optimizer.ZeroGrad();
                var prediction = model.Forward(x);
                var loss = lossFn.Forward(prediction, Tensor.FromArray(y, b, 1));
                loss.Backward();
                var before = Flatten(parameters, names).ToArray();
                var grads = parameters.SelectMany(p => p.Grad!.ToArray()).ToArray();
                optimizer.Step();
                var after = Flatten(parameters, names).ToArray();
                var updates = before.Select((p, i) => new DescentUpdate(p.Key, p.Value, grads[i], after[i].Value)).ToArray();
                steps.Add(new DescentStep(steps.Count + 1, epoch, rows, prediction.ToArray().Select(v => (double)v).ToArray(),
                    y.Select(v => (double)v).ToArray(), loss.Item(), updates, FullLoss()));
            }
        }

        return new DescentTrace
        {
            Spec = spec,
            Inputs = inputs,
            Scaling = scaling,
            Initial = initial,
            InitialLoss = initialLoss,
            Steps = steps,
        };
    }

    static (float[] Inputs, (double, double)[] Scaling) Scale(DescentSpec spec, int n, int f)
    {
        var inputs = (float[])spec.Features.Clone();
        var scaling = new (double Mean, double Std)[f];
        for (int j = 0; j < f; j++)
        {
            if (!spec.Standardize) { scaling[j] = (0, 1); continue; }
            double mean = Enumerable.Range(0, n).Average(i => (double)spec.Features[i * f + j]);
            double std = Math.Sqrt(Enumerable.Range(0, n).Average(i => Math.Pow(spec.Features[i * f + j] - mean, 2)));
            // A constant column stays as it is (centred): there is nothing to divide.
            if (std == 0) std = 1;
            scaling[j] = (mean, std);
            for (int i = 0; i < n; i++) inputs[i * f + j] = (float)((spec.Features[i * f + j] - mean) / std);
        }
        return (inputs, scaling);
    }

    // Linear: w1..wF and b from the spec (0, or the lecture's w = 1, b = 0). MLP: PyTorch's default initialisation from the seed.
    static (Module Model, string[][] Names) Build(DescentSpec spec, int f, Rng rng)
    {
        if (spec.Model == DescentModel.Linear)
        {
            var dense = new Dense(f, 1, rng: rng);
            dense.Weight.AsSpan().Fill((float)spec.InitialWeight);
            dense.Bias!.AsSpan().Fill((float)spec.InitialBias);
            return (dense, [Enumerable.Range(1, f).Select(i => "w" + i).ToArray(), ["b"]]);
        }
        int h = spec.Hidden;
        var model = new Sequential(new Dense(f, h, rng: rng), new Tanh(), new Dense(h, 1, rng: rng));
        var names = new[]
        {
            Enumerable.Range(1, h).SelectMany(j => Enumerable.Range(1, f).Select(i => $"W1[{j},{i}]")).ToArray(),
            Enumerable.Range(1, h).Select(j => $"b1[{j}]").ToArray(),
            Enumerable.Range(1, h).Select(j => $"W2[1,{j}]").ToArray(),
            ["b2"],
        };
        return (model, names);
    }

    static IEnumerable<KeyValuePair<string, double>> Flatten(Parameter[] parameters, string[][] names) =>
        parameters.SelectMany((p, k) => p.Value.ToArray().Select((v, i) => new KeyValuePair<string, double>(names[k][i], v)));
}
