namespace Nabla.Core.Tests;

/// <summary>The lectures' worked examples, exact to the digits the lectures show.</summary>
public class LectureExampleTests
{
    private static Tensor Var(float v, string name) => Tensor.Scalar(v, requiresGrad: true, name: name);

    [Fact]
    public void Chain_W1W2W3_GradientsAndOneAscentStep()
    {
        // g = -2 w1; y = w2 + g; z = y w3. At (3, 4, 5): g = -6, y = -2, z = -10.
        // dz/dw3 = y = -2; dz/dy = w3 = 5, so dz/dw2 = 5 * 1 = 5 and dz/dw1 = 5 * 1 * -2 = -10.
        var (w1, w2, w3) = (Var(3, "w1"), Var(4, "w2"), Var(5, "w3"));
        var g = -2f * w1;
        var y = w2 + g;
        var z = y * w3;
        Assert.Equal(-10f, z.Item());
        z.Backward();
        Assert.Equal(-10f, w1.Grad!.Item());
        Assert.Equal(5f, w2.Grad!.Item());
        Assert.Equal(-2f, w3.Grad!.Item());

        // One gradient-ascent step w <- w + 0.01 dz/dw gives w1 = 2.9 exactly, w2 = 4.05, w3 = 4.98, and z = -8.715.
        float n1 = 3 + 0.01f * w1.Grad!.Item(), n2 = 4 + 0.01f * w2.Grad!.Item(), n3 = 5 + 0.01f * w3.Grad!.Item();
        Assert.Equal(2.9f, n1, 5);
        Assert.Equal(4.05f, n2, 5);
        Assert.Equal(4.98f, n3, 5);
        var z2 = (Var(n2, "w2") + -2f * Var(n1, "w1")) * Var(n3, "w3");
        Assert.Equal(-8.715f, z2.Item(), 4);
        // NOTE: the lecture writes the updated weights rounded to one decimal (2.9, 4.1, 4.9), which gives its -8.33.
        var zLecture = (Var(4.1f, "w2") + -2f * Var(2.9f, "w1")) * Var(4.9f, "w3");
        Assert.Equal(-8.33f, zLecture.Item(), 4);
    }

    [Fact]
    public void SigmoidNeuron_ForwardAndGradients()
    {
        // f = sigma(w0 x0 + w1 x1 + w2) with w = [2, -3, -3], x = [-1, -2]: the sum is -2 + 6 - 3 = 1, f = sigma(1) = 0.7311.
        // df/dsum = f (1 - f) = 0.1966; df/dw = [x0, x1, 1] * 0.1966, df/dx = [w0, w1] * 0.1966.
        var w = Tensor.FromArray([2f, -3f, -3f]); w.RequiresGrad = true;
        var x = Tensor.FromArray([-1f, -2f]); x.RequiresGrad = true;
        var f = ((w.Slice(0, 0, 2) * x).Sum() + w.Slice(0, 2, 1).Sum()).Sigmoid();
        Assert.Equal(0.7311f, f.Item(), 4);
        f.Backward();
        AssertClose([-0.1966f, -0.3932f, 0.1966f], w.Grad!.ToArray(), 4);
        AssertClose([0.3932f, -0.5898f], x.Grad!.ToArray(), 4);
    }

    [Fact]
    public void SigmoidRatio_GradientMatchesTheHandStagedBackward()
    {
        // f(x, y) = (sigma(y) + x) / (sigma(x) + (x + y)^2) at x = 3, y = -4, staged as a teacher writes it.
        double xv = 3, yv = -4;
        static double S(double v) => 1 / (1 + Math.Exp(-v));
        // forward
        double sigy = S(yv), num = xv + sigy, sigx = S(xv), xpy = xv + yv, xpysqr = xpy * xpy;
        double den = sigx + xpysqr, invden = 1 / den, f = num * invden;
        // backward, each line a local derivative times the gradient flowing in
        double dnum = invden, dinvden = num;
        double dden = -1.0 / (den * den) * dinvden;
        double dsigx = 1 * dden, dxpysqr = 1 * dden;
        double dxpy = 2 * xpy * dxpysqr;
        double dx = 1 * dxpy, dy = 1 * dxpy;
        dx += (1 - sigx) * sigx * dsigx;
        dx += 1 * dnum;
        double dsigy = 1 * dnum;
        dy += (1 - sigy) * sigy * dsigy;

        var x = Var(3, "x");
        var y = Var(-4, "y");
        var fT = (y.Sigmoid() + x) / (x.Sigmoid() + (x + y).Pow(2f));
        Assert.Equal(f, fT.Item(), 5);
        fT.Backward();
        Assert.Equal(dx, x.Grad!.Item(), 5);
        Assert.Equal(dy, y.Grad!.Item(), 5);

        var check = GradCheck.Check(t => (t[1].Sigmoid() + t[0]) / (t[0].Sigmoid() + (t[0] + t[1]).Pow(2f)), Var(3, "x"), Var(-4, "y"));
        Assert.True(check.Passed, check.Report);
    }

    [Theory]
    [InlineData(-2f)]
    [InlineData(0.5f)]
    [InlineData(3f)]
    public void Polynomial_XSquaredPlusX_DerivativeIsTwoXPlusOne(float at)
    {
        var x = Var(at, "x");
        (x.Pow(2f) + x).Backward();
        Assert.Equal(2 * at + 1, x.Grad!.Item(), 5);
    }

    [Fact]
    public void SumOfSquares_GradientIsTwoXTwoY()
    {
        var x = Var(1.5f, "x");
        var y = Var(-2f, "y");
        (x.Pow(2f) + y.Pow(2f)).Backward();
        Assert.Equal(3f, x.Grad!.Item(), 6);
        Assert.Equal(-4f, y.Grad!.Item(), 6);
    }

    internal static void AssertClose(float[] expected, float[] actual, int digits)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++) Assert.Equal(expected[i], actual[i], digits);
    }
}
