using Nabla.Kernels;

namespace Nabla.Core.Tests;

/// <summary>Issue 18 defect 10 (reductions): long float32 sums stay accurate (pairwise summation) and deterministic.</summary>
public class ReductionAccuracyTests
{
    private const double Tenth = 0.100000001490116119384765625; // 0.1f exactly

    private static void Near(double exact, float actual, double relative = 2e-6) =>
        Assert.True(Math.Abs(actual - exact) <= relative * Math.Abs(exact), $"expected about {exact:R}, got {actual:R}");

    [Fact]
    public void Sum_TwoMillionTenths_IsAccurate()
    {
        // PyTorch 200000.02; a running float sum gave 199519.7.
        Near(2e6 * Tenth, Tensor.Full(0.1f, 2_000_000).Sum().Item());
    }

    [Fact]
    public void SumAndMean_OverAMillionRows_AreAccurateInEveryColumn()
    {
        // PyTorch 99999.945; the running sum over rows gave 100958.34 (the mean 1% off).
        var x = Tensor.Full(0.1f, 1_000_000, 2);
        foreach (float v in x.Sum(0).ToArray()) Near(1e6 * Tenth, v);
        foreach (float v in x.Mean(0).ToArray()) Near(Tenth, v);
        Near(2e6 * Tenth, x.Sum().Item());
    }

    [Fact]
    public void BiasGradient_OverAHugeBatch_IsAccurate()
    {
        // y = x W^T + b over 300,000 rows: dL/db is the column sum of dL/dy.
        int n = 300_000;
        var x = Tensor.Full(1f, n, 1);
        var w = Tensor.Full(1f, 2, 1);
        var b = Tensor.Zeros(2);
        b.RequiresGrad = true;
        Tensor.Linear(x, w, b).Backward(Tensor.Full(0.1f, n, 2));
        foreach (float v in b.Grad!.ToArray()) Near(n * Tenth, v);
    }

    [Fact]
    public void SumRows_AnyRowCount_MatchesDoubleAndIsRepeatable()
    {
        var rng = new Rng(5);
        foreach (int rows in new[] { 0, 1, 15, 16, 17, 33, 1000, 4097 })
        {
            int cols = 3;
            var x = new float[rows * cols];
            for (int i = 0; i < x.Length; i++) x[i] = rng.NextFloat() * 2 - 1;
            var once = new float[cols];
            var twice = new float[cols];
            Reduce.SumRows(x, rows, cols, once);
            Reduce.SumRows(x, rows, cols, twice);
            Assert.Equal(once, twice);
            for (int c = 0; c < cols; c++)
            {
                double exact = 0, magnitude = 0;
                for (int r = 0; r < rows; r++) { exact += x[r * cols + c]; magnitude += Math.Abs(x[r * cols + c]); }
                Assert.True(Math.Abs(once[c] - exact) <= 1e-6 * magnitude + 1e-7, $"rows {rows}: {once[c]} vs {exact}");
            }
        }
    }

    [Fact]
    public void PairwiseSum_LongRandomSpan_ErrorScaledByMagnitudeBelowFloatEpsilon()
    {
        var rng = new Rng(9);
        var x = new float[1_000_003];
        for (int i = 0; i < x.Length; i++) x[i] = rng.NextFloat();
        double exact = 0, magnitude = 0;
        foreach (float v in x) { exact += v; magnitude += Math.Abs(v); }
        Assert.True(Math.Abs(Reduce.PairwiseSum(x) - exact) <= 1e-6 * magnitude);
    }
}
