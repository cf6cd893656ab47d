using System.Globalization;
using System.Text;

namespace Nabla;

/// <summary>Settings of a finite-difference gradient check.</summary>
/// <param name="Step">Finite-difference step h, relative to max(1, |x|).</param>
/// <param name="AbsoluteTolerance">Allowed |analytic - numeric| independent of scale.</param>
/// <param name="RelativeTolerance">Allowed |analytic - numeric| per unit of |numeric|.</param>
/// <param name="Seed">Seed of the random projection that turns a non-scalar output into a scalar.</param>
public sealed record GradCheckOptions(double Step = 1e-2, double AbsoluteTolerance = 1e-4, double RelativeTolerance = 2e-3, ulong Seed = 7);

/// <summary>How far one input's analytic gradient is from the finite-difference estimate.</summary>
/// <param name="Index">Position of the input in the argument list.</param>
/// <param name="Name">The input's name, or <c>input{Index}</c>.</param>
/// <param name="MaxAbsoluteError">Largest |analytic - numeric| over the input's elements.</param>
/// <param name="MaxRelativeError">Largest |analytic - numeric| / max(|numeric|, 1e-6).</param>
/// <param name="WorstElement">Flat index of the element with the largest excess over the tolerance.</param>
/// <param name="Analytic">The backward pass's gradient at that element.</param>
/// <param name="Numeric">The finite-difference estimate at that element.</param>
/// <param name="Passed">Whether every element was within tolerance.</param>
public sealed record InputGradError(int Index, string Name, double MaxAbsoluteError, double MaxRelativeError,
    int WorstElement, double Analytic, double Numeric, bool Passed);

/// <summary>The outcome of <see cref="GradCheck.Check(Func{Tensor[], Tensor}, Tensor[])"/>.</summary>
/// <param name="Inputs">One entry per input that requires a gradient.</param>
public sealed record GradCheckResult(IReadOnlyList<InputGradError> Inputs)
{
    /// <summary>True when every input's gradient matched.</summary>
    public bool Passed => Inputs.All(i => i.Passed);

    /// <summary>A readable table: one line per input with its errors and worst element.</summary>
    public string Report
    {
        get
        {
            var ci = CultureInfo.InvariantCulture;
            var sb = new StringBuilder(Passed ? "gradient check passed" : "gradient check FAILED").AppendLine();
            foreach (var i in Inputs)
                sb.AppendLine(string.Format(ci, "  {0,-10} {1}  max abs err {2:E2}  max rel err {3:E2}  worst element {4}: analytic {5:G7} vs numeric {6:G7}",
                    i.Name, i.Passed ? "ok  " : "FAIL", i.MaxAbsoluteError, i.MaxRelativeError, i.WorstElement, i.Analytic, i.Numeric));
            return sb.ToString();
        }
    }

    /// <inheritdoc/>
    public override string ToString() => Report;
}

/// <summary>
/// Compares the gradients that <see cref="Tensor.Backward(bool)"/> computes with central finite differences.
/// </summary>
/// <remarks>
/// A non-scalar output y is reduced to L = sum(w * y) with fixed random weights w, so every output element
/// contributes. L is accumulated in double precision, and each derivative is a Richardson-extrapolated
/// central difference, (4 D(h/2) - D(h)) / 3 with D(h) = (L(x+h) - L(x-h)) / 2h, whose truncation error is
/// O(h^4): that makes float32 checks tight enough to catch a rule that is 1% off.
/// </remarks>
public static class GradCheck
{
    /// <summary>Checks <paramref name="function"/> at <paramref name="inputs"/> with default options.</summary>
    public static GradCheckResult Check(Func<Tensor[], Tensor> function, params Tensor[] inputs) =>
        Check(function, inputs, new GradCheckOptions());

    /// <summary>Checks the gradient of <paramref name="function"/> with respect to every input that requires one.</summary>
    public static GradCheckResult Check(Func<Tensor[], Tensor> function, Tensor[] inputs, GradCheckOptions options)
    {
        ArgumentNullException.ThrowIfNull(function);
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(options);

        if (!inputs.Any(x => x.RequiresGrad))
            throw new ArgumentException("GradCheck: none of the inputs requires a gradient, so there is nothing to check. Set RequiresGrad = true on the inputs to check.");
        foreach (var x in inputs) x.Grad = null;
        var output = function(inputs);
        var weights = Tensor.Randn(new Rng(options.Seed), output.Shape.Dims);
        (output * weights).Sum().Backward();

        var results = new List<InputGradError>();
        for (int i = 0; i < inputs.Length; i++)
        {
            var x = inputs[i];
            if (!x.RequiresGrad) continue;
            var analytic = x.Grad?.ToArray() ?? new float[x.Size];
            results.Add(Compare(i, x, analytic, Numeric(function, inputs, x, weights, options), options));
        }
        return new GradCheckResult(results);
    }

    private static double[] Numeric(Func<Tensor[], Tensor> function, Tensor[] inputs, Tensor x, Tensor weights, GradCheckOptions options)
    {
        var values = x.AsSpan();
        var numeric = new double[x.Size];
        using (GradMode.NoGrad())
        {
            for (int e = 0; e < x.Size; e++)
            {
                float original = values[e];
                double h = options.Step * Math.Max(1.0, Math.Abs(original));
                double D(double step)
                {
                    double Eval(double at)
                    {
                        x.AsSpan()[e] = (float)at;
                        var y = function(inputs).AsSpan();
                        var w = weights.AsSpan();
                        double sum = 0;
                        for (int k = 0; k < y.Length; k++) sum += (double)w[k] * y[k];
                        return sum;
                    }
                    // Use the step actually representable in float32 so rounding of x does not bias the quotient.
                    double plus = (float)(original + step), minus = (float)(original - step);
                    return (Eval(plus) - Eval(minus)) / (plus - minus);
                }
                numeric[e] = (4 * D(h / 2) - D(h)) / 3;
                values[e] = original;
            }
        }
        return numeric;
    }

    private static InputGradError Compare(int index, Tensor x, float[] analytic, double[] numeric, GradCheckOptions options)
    {
        double maxAbs = 0, maxRel = 0, worstExcess = double.NegativeInfinity;
        int worst = 0;
        bool passed = true;
        for (int e = 0; e < numeric.Length; e++)
        {
            double diff = Math.Abs(analytic[e] - numeric[e]);
            double allowed = options.AbsoluteTolerance + options.RelativeTolerance * Math.Abs(numeric[e]);
            if (!(diff <= allowed)) passed = false; // also fails on NaN
            maxAbs = Math.Max(maxAbs, diff);
            maxRel = Math.Max(maxRel, diff / Math.Max(Math.Abs(numeric[e]), 1e-6));
            double excess = double.IsNaN(diff) ? double.PositiveInfinity : diff - allowed;
            if (excess > worstExcess) { worstExcess = excess; worst = e; }
        }
        return new InputGradError(index, x.Name ?? $"input{index}", maxAbs, maxRel, worst,
            numeric.Length > 0 ? analytic[worst] : 0, numeric.Length > 0 ? numeric[worst] : 0, passed);
    }
}
