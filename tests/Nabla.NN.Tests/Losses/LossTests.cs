namespace Nabla.NN.Tests;

public class LossTests
{
    private static Tensor T(float[] data, params int[] shape) => Tensor.FromArray(data, shape);

    // Inputs are kept away from kinks (|x - y| not near 0 or delta) so finite differences are valid.
    private static readonly float[] Pred = [0.3f, -1.2f, 2.5f, 0.9f, -0.4f, 1.7f];
    private static readonly float[] Goal = [1.0f, 0.1f, -0.5f, 0.2f, 0.6f, 1.1f];
    private static readonly float[] Probs = [0.2f, 0.7f, 0.45f, 0.9f, 0.1f, 0.6f];
    private static readonly float[] Bits = [0f, 1f, 1f, 1f, 0f, 0.3f];

    public static TheoryData<string> GradCases => new()
    {
        "mse", "l1", "huber", "bce", "bce_with_logits", "bce_with_logits_pos_weight", "cross_entropy", "cross_entropy_weight",
        "cross_entropy_smoothing", "cross_entropy_probs", "nll_weight", "mse_none", "cross_entropy_none",
    };

    private static Func<Tensor[], Tensor> LossOf(string name) => name switch
    {
        "mse" => a => new MseLoss().Forward(a[0], T(Goal, 2, 3)),
        "mse_none" => a => new MseLoss(Reduction.None).Forward(a[0], T(Goal, 2, 3)),
        "l1" => a => new L1Loss(Reduction.Sum).Forward(a[0], T(Goal, 2, 3)),
        "huber" => a => new HuberLoss(0.8f).Forward(a[0], T(Goal, 2, 3)),
        "bce" => a => new BceLoss().Forward(a[0], T(Bits, 2, 3)),
        "bce_with_logits" => a => new BceWithLogitsLoss().Forward(a[0], T(Bits, 2, 3)),
        "bce_with_logits_pos_weight" => a => new BceWithLogitsLoss(T([2f, 0.5f, 3f], 3)).Forward(a[0], T(Bits, 2, 3)),
        "cross_entropy" => a => new CrossEntropyLoss().Forward(a[0], T([2f, 0f], 2)),
        "cross_entropy_weight" => a => new CrossEntropyLoss(T([0.5f, 2f, 1f], 3)).Forward(a[0], T([2f, 1f], 2)),
        "cross_entropy_smoothing" => a => new CrossEntropyLoss(labelSmoothing: 0.2f).Forward(a[0], T([1f, 0f], 2)),
        "cross_entropy_probs" => a => new CrossEntropyLoss().Forward(a[0], T([0.1f, 0.6f, 0.3f, 1f, 0f, 0f], 2, 3)),
        "cross_entropy_none" => a => new CrossEntropyLoss(reduction: Reduction.None).Forward(a[0], T([2f, 0f], 2)),
        "nll_weight" => a => new NllLoss(T([0.5f, 2f, 1f], 3)).Forward(a[0].LogSoftmax(1), T([2f, 1f], 2)),
        _ => throw new ArgumentException(name),
    };

    [Theory]
    [MemberData(nameof(GradCases))]
    public void Loss_GradCheck_MatchesFiniteDifferences(string name)
    {
        var input = T(name == "bce" ? Probs : Pred, 2, 3);
        input.RequiresGrad = true;
        var result = GradCheck.Check(LossOf(name), input);
        Assert.True(result.Passed, result.Report);
    }

    [Fact]
    public void MseLoss_HandExample_IsMeanOfSquares()
    {
        // ((1 - 0)^2 + (2 - 4)^2) / 2 = 2.5; d/dx = 2 (x - y) / n = [1, -2]
        var x = T([1f, 2f], 2);
        x.RequiresGrad = true;
        var loss = new MseLoss().Forward(x, T([0f, 4f], 2));
        Assert.Equal(2.5f, loss.Item());
        loss.Backward();
        Assert.Equal([1f, -2f], x.Grad!.ToArray());
    }

    [Fact]
    public void CrossEntropy_HugeLogits_StaysFinite()
    {
        var x = T([1000f, -1000f, 0f, 0f, 500f, -500f], 2, 3);
        x.RequiresGrad = true;
        var loss = new CrossEntropyLoss(labelSmoothing: 0.1f).Forward(x, T([1f, 2f], 2));
        loss.Backward();
        Assert.True(float.IsFinite(loss.Item()));
        Assert.All(x.Grad!.ToArray(), g => Assert.True(float.IsFinite(g)));
    }

    [Fact]
    public void BceLoss_SaturatedSigmoid_GivesFiniteLossAndGradient()
    {
        // sigmoid(40) is exactly 1f: log(1 - p) would be -inf; it is clamped to -100 and the gradient stays finite.
        // sigmoid(-40) = 4.2e-18 is still a normal float, so its term is -log p = 40: the mean is (100 + 40) / 2.
        var z = T([40f, -40f], 2);
        z.RequiresGrad = true;
        var loss = new BceLoss().Forward(z.Sigmoid(), T([0f, 1f], 2));
        loss.Backward();
        Assert.Equal(70f, loss.Item(), 3);
        Assert.All(z.Grad!.ToArray(), g => Assert.True(float.IsFinite(g)));
    }

    [Fact]
    public void CrossEntropy_ClassOutOfRange_SuggestsTheFix()
    {
        var ex = Assert.Throws<ArgumentException>(() => new CrossEntropyLoss().Forward(Tensor.Zeros(2, 10), T([3f, 10f], 2)));
        Assert.Contains("targets contain class 10 but the model has 10 outputs (classes 0..9)", ex.Message, StringComparison.Ordinal);
        Assert.Contains("numbered from 1", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CrossEntropy_FractionalTarget_SaysItIsNotAClassIndex()
    {
        var ex = Assert.Throws<ArgumentException>(() => new CrossEntropyLoss().Forward(Tensor.Zeros(2, 3), T([0.5f, 1f], 2)));
        Assert.Contains("target[0] = 0.5 is not a class index (a whole number 0..2)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CrossEntropy_ColumnTargets_SuggestsReshape()
    {
        var ex = Assert.Throws<ArgumentException>(() => new CrossEntropyLoss().Forward(Tensor.Zeros(4, 3), Tensor.Zeros(4, 1)));
        Assert.Contains("class-index targets must have shape [4]", ex.Message, StringComparison.Ordinal);
        Assert.Contains("target.Reshape(-1)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MseLoss_ColumnVersusVector_SuggestsReshape()
    {
        var ex = Assert.Throws<ArgumentException>(() => new MseLoss().Forward(Tensor.Zeros(64, 1), Tensor.Zeros(64)));
        Assert.Contains("MseLoss got input of shape [64, 1] and target of shape [64]", ex.Message, StringComparison.Ordinal);
        Assert.Contains("target.Reshape(-1, 1)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BceLoss_InputOutsideZeroOne_SuggestsSigmoidOrLogits()
    {
        var ex = Assert.Throws<ArgumentException>(() => new BceLoss().Forward(T([0.5f, 1.3f], 2), T([0f, 1f], 2)));
        Assert.Contains("input[1] (flat index) is 1.3", ex.Message, StringComparison.Ordinal);
        Assert.Contains("BceWithLogitsLoss", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CrossEntropy_WrongWeightLength_SaysExpectedShape()
    {
        var ex = Assert.Throws<ArgumentException>(() => new CrossEntropyLoss(T([1f, 2f], 2)).Forward(Tensor.Zeros(2, 3), T([0f, 1f], 2)));
        Assert.Contains("class weights must have shape [3]", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LogSoftmaxThenNll_EqualsCrossEntropy()
    {
        var x = T(Pred, 2, 3);
        var y = T([1f, 2f], 2);
        Assert.Equal(new CrossEntropyLoss().Forward(x, y).Item(), new NllLoss().Forward(new LogSoftmax().Forward(x), y).Item(), 6);
    }

    [Fact]
    public void Loss_ToString_ShowsOptions()
    {
        Assert.Equal("CrossEntropyLoss(labelSmoothing=0.1, reduction=Mean)", new CrossEntropyLoss(labelSmoothing: 0.1f).ToString());
        Assert.Equal("HuberLoss(delta=2, reduction=Sum)", new HuberLoss(2f, Reduction.Sum).ToString());
    }
}
