namespace Nabla.Core.Tests;

/// <summary>
/// Issue 18 defects 2, 4, 5, 8, 9 (and issue 15 item 9): derivative rules at base 0, at NaN and far in the tails,
/// against the float32 numbers PyTorch 1.13 printed.
/// </summary>
public class EdgeGradientTests
{
    private static Tensor Leaf(params float[] values)
    {
        var t = Tensor.FromArray(values, values.Length);
        t.RequiresGrad = true;
        return t;
    }

    private static void Same(float[] expected, float[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            bool ok = float.IsNaN(expected[i]) ? float.IsNaN(actual[i])
                : expected[i] == actual[i] || Math.Abs(expected[i] - actual[i]) <= 1e-5 * Math.Abs(expected[i]);
            Assert.True(ok, $"element {i}: expected {expected[i]:R}, got {actual[i]:R}");
        }
    }

    [Fact]
    public void PowScalar_ExponentZeroAtBaseZero_GradientIsZero()
    {
        var x = Leaf(0f, 2f);
        x.Pow(0f).Sum().Backward();
        Same([0f, 0f], x.Grad!.ToArray());
    }

    [Fact]
    public void PowTensor_BaseZeroAndExponentZero_FollowPyTorchsLimits()
    {
        var a = Leaf(0f, 0f, 2f, -2f, 0f);
        var b = Leaf(0f, 2f, 0f, 0.5f, -1f);
        a.Pow(b).Sum().Backward();
        Same([0f, 0f, 0f, float.NaN, float.NegativeInfinity], a.Grad!.ToArray());
        Same([0f, 0f, 0.6931472f, float.NaN, float.NegativeInfinity], b.Grad!.ToArray());
    }

    [Fact]
    public void Abs_AtNaN_DoesNotThrowAndGivesPyTorchsSign()
    {
        var x = Leaf(float.NaN, -1f, 0f, 2f);
        x.Abs().Sum().Backward();
        Same([0f, -1f, 0f, 1f], x.Grad!.ToArray());
    }

    [Fact]
    public void AbsOfSqrt_AtMinusOne_GradientIsNaN()
    {
        // Issue 15 item 9: z = abs(sqrt(x)) at x = -1 crashed Backward(); PyTorch gives NaN.
        var x = Leaf(-1f);
        x.Sqrt().Abs().Sum().Backward();
        Assert.True(float.IsNaN(x.Grad!.Item()));
    }

    [Theory]
    [InlineData(3)]
    [InlineData(40)] // the vector lanes
    public void Relu_AtNaN_PassesTheGradient(int length)
    {
        var values = new float[length];
        for (int i = 0; i < length; i++) values[i] = (i % 4) switch { 0 => float.NaN, 1 => -1f, 2 => 0f, _ => 2f };
        var x = Leaf(values);
        x.Relu().Sum().Backward();
        var g = x.Grad!.ToArray();
        for (int i = 0; i < length; i++) Assert.Equal(i % 4 is 0 or 3 ? 1f : 0f, g[i]);
    }

    [Fact]
    public void MaximumMinimum_NaNSendsGradientToBoth_TiesToTheFirstOperand()
    {
        var a = Leaf(float.NaN, 1f, 2f, 3f);
        var b = Leaf(1f, float.NaN, 2f, 1f);
        Tensor.Maximum(a, b).Sum().Backward();
        Same([1f, 1f, 1f, 1f], a.Grad!.ToArray()); // PyTorch gives the tie (element 2) 0.5 to each: documented deviation
        Same([1f, 1f, 0f, 0f], b.Grad!.ToArray());
        a.ZeroGrad(); b.ZeroGrad();
        Tensor.Minimum(a, b).Sum().Backward();
        Same([1f, 1f, 1f, 0f], a.Grad!.ToArray());
        Same([1f, 1f, 0f, 1f], b.Grad!.ToArray());
    }

    [Fact]
    public void Softplus_VeryNegative_IsAboutEToTheX()
    {
        var x = Leaf(-100f, -40f, -20f, 0f, 30f);
        var y = x.Softplus();
        y.Sum().Backward();
        Same([3.783505853677006e-44f, 4.24835413113866e-18f, 2.06115369216775e-09f, 0.6931471824645996f, 30f], y.ToArray());
        Same([3.783505853677006e-44f, 4.24835413113866e-18f, 2.06115369216775e-09f, 0.5f, 1f], x.Grad!.ToArray());
    }

    [Fact]
    public void Elu_FarBelowZero_GradientIsAlphaEToTheX()
    {
        var x = Leaf(-30f, -20f, -7f, -1e-3f, float.NaN, 0.5f);
        var y = x.Elu(0.7f);
        y.Sum().Backward();
        // At -1e-3 the value is float64 PyTorch's (-0.00069965014): float32 PyTorch rounds e^x before subtracting 1 (-0.00069965719).
        Same([-0.699999988079071f, -0.699999988079071f, -0.6993616819381714f, -0.0006996501469984651f, float.NaN, 0.5f], y.ToArray());
        Same([6.550336174079158e-14f, 1.4428075401085039e-09f, 0.0006383173749782145f, 0.6993003487586975f, 1f, 1f], x.Grad!.ToArray());
    }

    [Fact]
    public void EveryCatalogueOp_WithANaNInput_BackpropagatesWithoutThrowing()
    {
        foreach (var row in OpCatalogue.Rows)
        {
            var rng = new Rng(3);
            var inputs = row.Shapes.Select(s =>
            {
                var t = Tensor.Randn(rng, s);
                if (t.Size > 0) t.AsSpan()[0] = float.NaN;
                t.RequiresGrad = true;
                return t;
            }).ToArray();
            var output = row.Op(inputs);
            output.Sum().Backward();
            Assert.All(inputs, t => Assert.NotNull(t.Grad));
        }
    }
}
