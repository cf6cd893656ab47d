using System.Globalization;
using Nabla.NN.Registries;

namespace Nabla.NN.Training;

/// <summary>
/// Collects per-layer gradient norms every step and activation statistics every epoch, and words the
/// vanishing/exploding warnings. Used by <see cref="Trainer"/>; public so custom loops can use it too.
/// </summary>
/// <remarks>
/// Why it matters: backpropagation multiplies the gradient by each layer's Jacobian. A sigmoid's derivative is
/// at most 1/4, so through L sigmoid layers the gradient reaching the first layer shrinks roughly like (w/4)^L:
/// early layers stop learning (vanishing). Weights with large gains multiply it up instead (exploding).
/// </remarks>
public sealed class GradientDiagnostics
{
    private readonly Module model;
    private readonly DiagnosticsOptions options;
    private readonly List<(string Name, Module Module, Parameter[] Parameters)> layers = [];
    private readonly double[] normSums;
    private readonly HashSet<string> warned = new(StringComparer.Ordinal);
    private int steps;

    /// <summary>Prepares diagnostics for <paramref name="model"/>: every module owning parameters is a layer.</summary>
    public GradientDiagnostics(Module model, DiagnosticsOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        this.model = model;
        this.options = options ?? new DiagnosticsOptions();
        foreach (var (name, module) in model.NamedModules())
        {
            var own = module.OwnParameters().Select(p => p.Value).ToArray();
            if (own.Length > 0) layers.Add((name.Length == 0 ? module.TypeName : name, module, own));
        }
        normSums = new double[layers.Count];
    }

    /// <summary>The settings in use.</summary>
    public DiagnosticsOptions Options => options;

    /// <summary>Adds this step's per-layer gradient norms (call after backward, before the optimizer step).</summary>
    public void RecordStep() => RecordStep(SumOfSquares);

    /// <summary>
    /// As <see cref="RecordStep()"/>, with each parameter's sum of squared gradient elements given by
    /// <paramref name="sumOfSquares"/> (data-parallel training's sharded step, where no rank holds the whole gradient).
    /// </summary>
    internal void RecordStep(Func<Parameter, double> sumOfSquares)
    {
        for (int l = 0; l < layers.Count; l++)
        {
            double sumSquares = 0;
            foreach (var p in layers[l].Parameters) sumSquares += sumOfSquares(p);
            normSums[l] += Math.Sqrt(sumSquares);
        }
        steps++;
    }

    private static double SumOfSquares(Parameter p)
    {
        if (p.Grad is not { } g) return 0;
        double sumSquares = 0;
        foreach (float v in g.AsSpan()) sumSquares += (double)v * v;
        return sumSquares;
    }

    /// <summary>
    /// Closes the epoch: averages the step norms, measures activations on <paramref name="sample"/> (a few
    /// training inputs, [B, ...]; may be null), raises new warnings, and resets for the next epoch.
    /// </summary>
    public GradientReport EndEpoch(int epoch, Tensor? sample)
    {
        var rows = new List<LayerStatistics>();
        var warnings = new List<string>();
        for (int l = 0; l < layers.Count; l++)
        {
            var (name, module, _) = layers[l];
            double? norm = steps == 0 ? null : normSums[l] / steps;
            rows.Add(new LayerStatistics(name, Describe(module), norm, null, null));
            if (norm is double n) Check(name, module, n, epoch, warnings);
        }
        if (sample is not null) rows.AddRange(MeasureActivations(sample));
        // Order rows by their position in the forward pass (NamedModules order).
        var position = model.NamedModules().Select((m, i) => (m.Key.Length == 0 ? m.Value.TypeName : m.Key, i))
            .GroupBy(x => x.Item1).ToDictionary(g => g.Key, g => g.First().i, StringComparer.Ordinal);
        rows.Sort((a, b) => position.GetValueOrDefault(a.Layer).CompareTo(position.GetValueOrDefault(b.Layer)));
        Array.Clear(normSums);
        steps = 0;
        return new GradientReport(rows, warnings);
    }

    private void Check(string name, Module module, double norm, int epoch, List<string> warnings)
    {
        string n = norm.ToString("0.0E+0", CultureInfo.InvariantCulture);
        if (norm < options.VanishingThreshold && warned.Add("vanishing:" + name))
        {
            warnings.Add(
                $"Vanishing gradients in epoch {epoch}: layer '{name}' ({Describe(module)}) has gradient norm {n} " +
                $"< {options.VanishingThreshold.ToString("0E+0", CultureInfo.InvariantCulture)}, so it barely learns. " +
                $"Try {Rectifiers} activations with He (Kaiming) initialisation, or fewer layers.");
        }
        else if (norm > options.ExplodingThreshold && warned.Add("exploding:" + name))
        {
            warnings.Add(
                $"Exploding gradients in epoch {epoch}: layer '{name}' ({Describe(module)}) has gradient norm {n} " +
                $"> {options.ExplodingThreshold.ToString("0E+0", CultureInfo.InvariantCulture)}. " +
                "Try gradient clipping, a smaller learning rate, or Xavier/He initialisation.");
        }
    }

    /// <summary>
    /// Runs <paramref name="sample"/> through the model one top-level layer at a time (when it is a
    /// <see cref="Sequential"/>) and measures each activation's output. Other models get no activation rows.
    /// </summary>
    private List<LayerStatistics> MeasureActivations(Tensor sample)
    {
        var rows = new List<LayerStatistics>();
        if (model is not Sequential sequential) return rows;
        bool wasTraining = model.Training;
        model.Eval();
        try
        {
            using var _ = GradMode.NoGrad();
            Tensor x = sample;
            int index = 0;
            foreach (var layer in sequential)
            {
                x = layer.Forward(x);
                string name = index.ToString(CultureInfo.InvariantCulture);
                switch (layer)
                {
                    case Sigmoid:
                        rows.Add(new LayerStatistics(name, Describe(layer), null, Fraction(x, y => y * (1 - y) < 0.0025f), null));
                        break;
                    case Tanh:
                        rows.Add(new LayerStatistics(name, Describe(layer), null, Fraction(x, y => 1 - y * y < 0.01f), null));
                        break;
                    case ReLU:
                        rows.Add(new LayerStatistics(name, Describe(layer), null, null, DeadUnits(x)));
                        break;
                }
                index++;
            }
        }
        finally
        {
            model.Train(wasTraining);
        }
        return rows;
    }

    private static double Fraction(Tensor t, Func<float, bool> predicate)
    {
        var span = t.AsSpan();
        if (span.Length == 0) return 0;
        int count = 0;
        foreach (float v in span) if (predicate(v)) count++;
        return (double)count / span.Length;
    }

    /// <summary>Fraction of units (features after the batch dimension) that are 0 for every sample.</summary>
    private static double DeadUnits(Tensor t)
    {
        int rows = t.Rank == 0 ? 1 : t.Shape[0];
        if (rows == 0 || t.Size == 0) return 0;
        int units = t.Size / rows;
        var span = t.AsSpan();
        int dead = 0;
        for (int u = 0; u < units; u++)
        {
            bool alive = false;
            for (int r = 0; r < rows && !alive; r++) alive = span[r * units + u] != 0;
            if (!alive) dead++;
        }
        return (double)dead / units;
    }

    // "ReLU (or ...)": the registry's rectifiers, by module class.
    private static readonly string Rectifiers = RectifierList();

    private static string RectifierList()
    {
        var names = ActivationRegistry.All.Rows.Where(r => r.Rectifier).Select(r => r.ModuleType.Name).ToList();
        return names.Count == 1 ? names[0] : $"{names[0]} (or {string.Join(", ", names.Skip(1))})";
    }

    private static string Describe(Module module)
    {
        string text = module.ToString() ?? module.TypeName;
        int newline = text.IndexOf('\n', StringComparison.Ordinal);
        return newline < 0 ? text : module.TypeName;
    }
}
