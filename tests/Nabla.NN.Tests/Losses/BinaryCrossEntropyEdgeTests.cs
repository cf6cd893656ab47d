namespace Nabla.NN.Tests;

/// <summary>
/// Issue 18 defects 1 and 3: binary cross-entropy gradients at kinks and for the target, against numbers PyTorch
/// 1.13 printed (float32) for the cases in the issue.
/// </summary>
public class BinaryCrossEntropyEdgeTests
{
    private static readonly float[] Logits = [0f, 0f, 100f, -100f, 0.001f, -0.001f];
    private static readonly float[] Targets = [1f, 0f, 0f, 1f, 0.5f, 0.5f];

    public static TheoryData<bool, Reduction, float, float[], float[]> WithLogitsCases => new()
    {
        { false, Reduction.Mean, 33.79542922973633f,
            [-0.0833333358f, 0.0833333358f, 0.166666672f, -0.166666672f, 4.16636467e-05f, -4.16636467e-05f],
            [-0f, -0f, -16.666666f, 16.666666f, -0.000166666679f, 0.000166666679f] },
        { false, Reduction.Sum, 202.7725830078125f,
            [-0.5f, 0.5f, 1f, -1f, 0.000249981880f, -0.000249981880f],
            [-0f, -0f, -100f, 100f, -0.00100000005f, 0.00100000005f] },
        { true, Reduction.Mean, 25.779685974121094f,
            [-0.25f, 0.0833333358f, 0.166666672f, -0.0833333358f, -0.0832500085f, 0.0208020862f],
            [0.231049061f, -0.0577622652f, -16.666666f, 8.33333302f, 0.230715767f, -0.0576372743f] },
        { true, Reduction.Sum, 154.67811584472656f,
            [-1.5f, 0.5f, 1f, -0.5f, -0.499500036f, 0.124812514f],
            [1.38629436f, -0.346573591f, -100f, 50f, 1.38429463f, -0.345823646f] },
    };

    [Theory]
    [MemberData(nameof(WithLogitsCases))]
    public void BceWithLogits_KinksAndSaturation_MatchPyTorchForInputAndTarget(bool posWeight, Reduction reduction, float loss, float[] dx, float[] dy)
    {
        var x = Tensor.FromArray(Logits, 3, 2);
        var y = Tensor.FromArray(Targets, 3, 2);
        x.RequiresGrad = true;
        y.RequiresGrad = true;
        var weight = posWeight ? Tensor.FromArray([3f, 0.5f], 2) : null;
        var l = new BceWithLogitsLoss(weight, reduction).Forward(x, y);
        l.Backward();
        Close(loss, l.Item());
        Close(dx, x.Grad!.ToArray());
        Close(dy, y.Grad!.ToArray());
    }

    [Fact]
    public void BceWithLogits_ZeroInitialisedClassifier_FirstStepLeavesBalancedBiasAtZero()
    {
        // Two samples with targets 1 and 0 and all-zero weights: the logits are 0, sigma(0) - y = [-0.5, 0.5],
        // so the bias gradient is their mean, 0 (it was -0.25 when relu'(0) and sign(0) dropped the -1/2).
        var layer = new Dense(2, 1);
        using (GradMode.NoGrad())
        {
            layer.Weight.Value.AsSpan().Clear();
            layer.Bias!.Value.AsSpan().Clear();
        }
        var opt = new Nabla.NN.Optim.Sgd(layer.Parameters(), lr: 1f);
        var loss = new BceWithLogitsLoss().Forward(layer.Forward(Tensor.FromArray([1f, 2f, 3f, 4f], 2, 2)), Tensor.FromArray([1f, 0f], 2, 1));
        loss.Backward();
        opt.Step();
        Assert.Equal(0f, layer.Bias!.Value.Item());
    }

    [Fact]
    public void Bce_Target_GetsGradientMinusLogitOfP()
    {
        // PyTorch 1.13: p = 0.3, y = 0.2 gives dL/dp = 0.47619051, dL/dy = log(0.7 / 0.3) = 0.84729785.
        var p = Tensor.FromArray([0.3f], 1);
        var y = Tensor.FromArray([0.2f], 1);
        p.RequiresGrad = true;
        y.RequiresGrad = true;
        new BceLoss().Forward(p, y).Backward();
        Close(0.4761905074119568f, p.Grad!.Item());
        Close(0.8472978472709656f, y.Grad!.Item());
    }

    private static void Close(float expected, float actual) =>
        Assert.True(Math.Abs(expected - actual) <= 1e-5 * Math.Abs(expected) + 1e-7, $"expected {expected:R}, got {actual:R}");

    private static void Close(float[] expected, float[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++) Close(expected[i], actual[i]);
    }
}
