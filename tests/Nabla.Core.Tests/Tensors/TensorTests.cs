namespace Nabla.Core.Tests;

public class TensorTests
{
    [Fact]
    public void Add_BroadcastRow_AddsToEveryRow()
    {
        var x = Tensor.FromArray([1f, 2f, 3f, 4f, 5f, 6f], 2, 3);
        var y = x + Tensor.FromArray([10f, 20f, 30f]);
        Assert.Equal(new Shape(2, 3), y.Shape);
        Assert.Equal([11f, 22f, 33f, 14f, 25f, 36f], y.ToArray());
    }

    [Fact]
    public void Mul_ColumnTimesRow_IsAnOuterProduct()
    {
        var col = Tensor.FromArray([1f, 2f], 2, 1);
        var row = Tensor.FromArray([3f, 4f, 5f], 1, 3);
        Assert.Equal([3f, 4f, 5f, 6f, 8f, 10f], (col * row).ToArray());
    }

    [Fact]
    public void Sub_FloatOnEitherSide()
    {
        var x = Tensor.FromArray([1f, 2f]);
        Assert.Equal([-1f, 0f], (x - 2f).ToArray());
        Assert.Equal([1f, 0f], (2f - x).ToArray());
        Assert.Equal([2f, 1f], (2f / x).ToArray());
    }

    [Fact]
    public void Add_IncompatibleShapes_NamesBothShapes()
    {
        var error = Assert.Throws<ArgumentException>(() => Tensor.Zeros(2, 3) + Tensor.Zeros(4));
        Assert.Contains("[2, 3]", error.Message);
        Assert.Contains("[4]", error.Message);
    }

    [Fact]
    public void SigmoidAndSoftmax_ExtremeInputs_NeitherOverflowNorNaN()
    {
        var x = Tensor.FromArray([-1000f, 0f, 1000f]);
        Assert.Equal([0f, 0.5f, 1f], x.Sigmoid().ToArray());
        Assert.Equal([0f, 0f, 1f], x.Softmax(0).ToArray());
        var logp = x.LogSoftmax(0).ToArray();
        Assert.Equal([-2000f, -1000f, 0f], logp);
        Assert.All(x.Softplus().ToArray(), v => Assert.True(float.IsFinite(v)));
    }

    [Fact]
    public void Softmax_RowsSumToOne()
    {
        var p = Tensor.Randn(new Rng(1), 4, 7).Softmax(1).Sum(1).ToArray();
        Assert.All(p, v => Assert.Equal(1f, v, 5));
    }

    [Fact]
    public void Reshape_WithMinusOne_InfersTheDimension()
    {
        var x = Tensor.Arange(12).Reshape(3, -1);
        Assert.Equal(new Shape(3, 4), x.Shape);
        var error = Assert.Throws<ArgumentException>(() => x.Reshape(5, -1));
        Assert.Contains("12", error.Message);
    }

    [Fact]
    public void Transpose_SwapsRowsAndColumns()
    {
        var x = Tensor.FromArray([1f, 2f, 3f, 4f, 5f, 6f], 2, 3);
        Assert.Equal(new Shape(3, 2), x.T.Shape);
        Assert.Equal([1f, 4f, 2f, 5f, 3f, 6f], x.T.ToArray());
    }

    [Fact]
    public void MatMul_MatchesTheDefinition()
    {
        var rng = new Rng(5);
        var a = Tensor.Randn(rng, 3, 5);
        var b = Tensor.Randn(rng, 5, 4);
        var c = a.MatMul(b);
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 4; j++)
            {
                double s = 0;
                for (int k = 0; k < 5; k++) s += a[i, k] * b[k, j];
                Assert.Equal(s, c[i, j], 4);
            }
    }

    [Fact]
    public void MatMul_Batched_EachBatchIsAProduct()
    {
        var rng = new Rng(6);
        var a = Tensor.Randn(rng, 2, 3, 4);
        var b = Tensor.Randn(rng, 2, 4, 5);
        var c = a.MatMul(b);
        Assert.Equal(new Shape(2, 3, 5), c.Shape);
        var second = a.Slice(0, 1, 1).Reshape(3, 4).MatMul(b.Slice(0, 1, 1).Reshape(4, 5));
        Assert.Equal(second.ToArray(), c.Slice(0, 1, 1).ToArray());
    }

    [Fact]
    public void MatMul_MisalignedShapes_SaysWhichDimensionsDiffer()
    {
        var error = Assert.Throws<ArgumentException>(() => Tensor.Zeros(2, 3).MatMul(Tensor.Zeros(4, 5)));
        Assert.Contains("[2, 3]", error.Message);
        Assert.Contains("[4, 5]", error.Message);
    }

    [Fact]
    public void Reductions_OverADimension()
    {
        var x = Tensor.FromArray([1f, 5f, 3f, 4f, 2f, 6f], 2, 3);
        Assert.Equal([9f, 12f], x.Sum(1).ToArray());
        Assert.Equal([5f, 7f, 9f], x.Sum(0).ToArray());
        Assert.Equal(new Shape(2, 1), x.Mean(1, keepDim: true).Shape);
        Assert.Equal([5f, 6f], x.Max(1).ToArray());
        Assert.Equal([1f, 2f], x.ArgMax(1).ToArray());
        Assert.Equal([1f, 2f, 3f], x.Min(0).ToArray());
        Assert.Equal(5f, x.ArgMax().Item());
        Assert.Equal(3.5f, x.Mean().Item());
    }

    [Fact]
    public void ShapeOps_SliceIndexSelectConcatStack()
    {
        var x = Tensor.Arange(6).Reshape(3, 2);
        Assert.Equal([2f, 3f, 4f, 5f], x.Slice(0, 1, 2).ToArray());
        Assert.Equal([4f, 5f, 0f, 1f], x.IndexSelect(0, [2, 0]).ToArray());
        Assert.Equal(new Shape(6, 2), Tensor.Concat([x, x]).Shape);
        Assert.Equal(new Shape(3, 2, 2), Tensor.Stack([x, x], 2).Shape);
        Assert.Equal(new Shape(3, 1, 2), x.Unsqueeze(1).Shape);
        Assert.Equal(new Shape(3, 2), x.Unsqueeze(1).Squeeze().Shape);
        Assert.Equal([1f, 2f], x.Gather(1, Tensor.FromArray([1f, 0f], 2, 1)).ToArray());
    }

    [Fact]
    public void Factories_ProduceTheDocumentedValues()
    {
        Assert.Equal([1f, 0f, 0f, 1f], Tensor.Eye(2).ToArray());
        Assert.Equal([0f, 0.5f, 1f, 1.5f], Tensor.Arange(0f, 2f, 0.5f).ToArray());
        Assert.Equal([7f, 7f], Tensor.Full(7f, 2).ToArray());
        Assert.Equal(0, Tensor.Scalar(3f).Rank);
        Assert.Throws<ArgumentException>(() => Tensor.FromArray([1f, 2f, 3f], 2, 2));
    }

    [Fact]
    public void Randn_LargeDraw_HasMeanZeroAndVarianceOne()
    {
        var x = Tensor.Randn(new Rng(42), 100_000);
        float mean = x.Mean().Item();
        float variance = (x - mean).Square().Mean().Item();
        Assert.InRange(mean, -0.01f, 0.01f);
        Assert.InRange(variance, 0.98f, 1.02f);
        Assert.Equal(Tensor.Randn(new Rng(42), 5).ToArray(), Tensor.Randn(new Rng(42), 5).ToArray());
    }

    [Fact]
    public void Rng_StateRoundTrip_ContinuesTheSameSequence()
    {
        var rng = new Rng(9);
        rng.NextGaussian();
        var state = rng.GetState();
        var expected = new[] { rng.NextGaussian(), rng.NextFloat(), rng.NextGaussian() };
        var restored = new Rng(0);
        restored.SetState(state);
        Assert.Equal(expected, new[] { restored.NextGaussian(), restored.NextFloat(), restored.NextGaussian() });
    }

    [Fact]
    public void ToString_PrintsLikePyTorch()
    {
        Assert.Equal("tensor([1., 2.])", Tensor.FromArray([1f, 2f]).ToString());
        Assert.Equal("tensor([[1.5000, 2.0000],\n        [3.0000, 4.2500]])".Replace("\n", Environment.NewLine),
            Tensor.FromArray([1.5f, 2f, 3f, 4.25f], 2, 2).ToString());
        Assert.Equal("tensor(3., requires_grad=True)", Tensor.Scalar(3f, requiresGrad: true).ToString());
        var y = Tensor.Scalar(3f, requiresGrad: true) * 2f;
        Assert.Equal("tensor(6., grad_fn=<MulBackward>)", y.ToString());
        Assert.Contains("...", Tensor.Zeros(2000).ToString());
    }

    [Fact]
    public void Item_OnManyElements_SaysHowMany()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Tensor.Zeros(2, 2).Item());
        Assert.Contains("[2, 2]", error.Message);
    }

    [Fact]
    public void CrossEntropyWithLogits_EqualsComposedLogSoftmaxAndGather()
    {
        var logits = Tensor.Randn(new Rng(2), 5, 4);
        var target = Tensor.FromArray([0f, 3f, 1f, 1f, 2f]);
        var composed = -logits.LogSoftmax(1).Gather(1, target.Reshape(5, 1)).Mean();
        Assert.Equal(composed.Item(), Tensor.CrossEntropyWithLogits(logits, target).Item(), 5);
    }

    [Fact]
    public void CrossEntropyWithLogits_ExtremeLogits_StayFinite()
    {
        var logits = Tensor.FromArray([1000f, -1000f, 0f, -1000f, 1000f, 0f], 2, 3);
        logits.RequiresGrad = true;
        var loss = Tensor.CrossEntropyWithLogits(logits, Tensor.FromArray([1f, 1f]));
        Assert.Equal(1000f, loss.Item(), 3); // (2000 + 0) / 2
        loss.Backward();
        Assert.All(logits.Grad!.ToArray(), v => Assert.True(float.IsFinite(v)));
    }

    [Fact]
    public void CrossEntropyWithLogits_ClassOutOfRange_NamesTheClassCount()
    {
        var error = Assert.Throws<ArgumentException>(() => Tensor.CrossEntropyWithLogits(Tensor.Zeros(2, 10), Tensor.FromArray([3f, 10f])));
        Assert.Contains("10 classes", error.Message);
        Assert.Contains("0..9", error.Message);
    }

    [Fact]
    public void Linear_EqualsMatMulWithTransposedWeightPlusBias()
    {
        var rng = new Rng(4);
        var (x, w, b) = (Tensor.Randn(rng, 6, 5), Tensor.Randn(rng, 3, 5), Tensor.Randn(rng, 3));
        var expected = (x.MatMul(w.T) + b).ToArray();
        var actual = Tensor.Linear(x, w, b).ToArray();
        for (int i = 0; i < expected.Length; i++) Assert.Equal(expected[i], actual[i], 5);
        var error = Assert.Throws<ArgumentException>(() => Tensor.Linear(Tensor.Zeros(2, 4), w));
        Assert.Contains("[2, 4]", error.Message);
    }
}
