namespace Nabla.NN.Tests;

public class RegularizationTests
{
    private static Dense Layer()
    {
        var d = new Dense(2, 2, rng: new Rng(1));
        d.LoadStateDict(new Dictionary<string, Tensor>
        {
            ["weight"] = Tensor.FromArray([1f, -2f, 3f, -4f], 2, 2),
            ["bias"] = Tensor.FromArray([10f, 20f], 2),
        });
        return d;
    }

    [Fact]
    public void L2_OnALayer_IsStrengthTimesSumOfSquaredWeights_BiasesExcluded()
    {
        var d = Layer();
        d.Regularizer = Regularizer.L2(0.1f);
        // 0.1 * (1 + 4 + 9 + 16) = 3
        Assert.Equal(3f, d.RegularizationLoss().Item(), 5);
    }

    [Fact]
    public void L1L2_ModelWide_CoversEveryLayer()
    {
        var model = new Sequential(Layer(), new ReLU(), Layer());
        model.Regularizer = Regularizer.L1L2(0.5f, 0.1f);
        // per layer: 0.5 * 10 + 0.1 * 30 = 8; two layers
        Assert.Equal(16f, model.RegularizationLoss().Item(), 5);
    }

    [Fact]
    public void L2_IncludeBiases_AddsThem()
    {
        var d = Layer();
        d.Regularizer = new Regularizer(l2: 0.01f, includeBiases: true);
        Assert.Equal(0.01f * (30 + 500), d.RegularizationLoss().Item(), 4);
    }

    [Fact]
    public void L2_Gradient_IsTwiceStrengthTimesWeight()
    {
        var d = Layer();
        d.Regularizer = Regularizer.L2(0.1f);
        d.RegularizationLoss().Backward();
        Assert.Equal([0.2f, -0.4f, 0.6f, -0.8f], d.Weight.Grad!.ToArray().Select(v => MathF.Round(v, 5)));
        Assert.Null(d.Bias!.Grad);
    }

    [Fact]
    public void NoRegularizer_PenaltyIsZero()
    {
        Assert.Equal(0f, Layer().RegularizationLoss().Item());
    }

    [Fact]
    public void ClipGradNorm_SmallGradients_AreUntouched()
    {
        var p = new Parameter(Tensor.Zeros(2)) { Grad = Tensor.FromArray([0.3f, 0.4f], 2) };
        Assert.Equal(0.5f, GradClip.ClipGradNorm([p], 1f), 6);
        Assert.Equal([0.3f, 0.4f], p.Grad!.ToArray());
    }
}
