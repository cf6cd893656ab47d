namespace Nabla.Core.Tests;

/// <summary>Issue 11 item 9 / issue 18 "also missing": comparisons, where, indexing, integer views, statistics.</summary>
public class TensorApiTests
{
    private static Tensor T(float[] data, params int[] shape) => Tensor.FromArray(data, shape);

    [Fact]
    public void Comparisons_Broadcast_ReturnZeroOrOne_AndAccuracyIsEqMean()
    {
        var pred = T([0, 2, 1, 1], 4);
        var y = T([0, 1, 1, 2], 4);
        Assert.Equal(0.5f, pred.Eq(y).Mean().Item());
        Assert.Equal([0f, 1f, 0f, 0f], pred.Gt(y).ToArray());
        Assert.Equal([1f, 1f, 1f, 0f], pred.Ge(y).ToArray());
        Assert.Equal([0f, 0f, 0f, 1f], pred.Lt(y).ToArray());
        Assert.Equal([1f, 0f, 1f, 1f], pred.Le(y).ToArray());
        Assert.Equal([0f, 1f, 0f, 1f], pred.Ne(y).ToArray());
        Assert.Equal([1f, 0f, 0f, 0f, 0f, 1f], T([1, 2, 3], 3, 1).Eq(T([1, 3], 2)).ToArray());
        Assert.Equal([0f, 1f, 0f, 0f], pred.Eq(2f).ToArray());
        Assert.Equal([1f, 0f], T([float.NaN, 1], 2).Ne(T([float.NaN, 1], 2)).ToArray());
    }

    [Fact]
    public void Where_AndMaskedFill_PickValuesAndRouteGradients()
    {
        var a = T([1, 2, 3], 3);
        var b = T([10, 20, 30], 3);
        a.RequiresGrad = true;
        b.RequiresGrad = true;
        var r = Tensor.Where(T([1, 0, 1], 3), a, b);
        Assert.Equal([1f, 20f, 3f], r.ToArray());
        r.Sum().Backward();
        Assert.Equal([1f, 0f, 1f], a.Grad!.ToArray());
        Assert.Equal([0f, 1f, 0f], b.Grad!.ToArray());
        Assert.Equal([1f, -1f, 3f], T([1, 2, 3], 3).MaskedFill(T([0, 1, 0], 3), -1f).ToArray());
    }

    [Fact]
    public void Indexers_RowsAndRanges_SliceWithGradients()
    {
        var x = T([1, 2, 3, 4, 5, 6], 2, 3);
        x.RequiresGrad = true;
        Assert.Equal([4f, 5f, 6f], x.Row(1).ToArray());
        Assert.Equal([4f, 5f, 6f], x[^1].ToArray());
        Assert.Equal([2f, 3f, 5f, 6f], x[.., 1..3].ToArray());
        Assert.Equal([2, 2], x[.., 1..].Shape.Dims);
        Assert.Equal([5f, 6f], x[1, 1..].ToArray());
        Assert.Equal(6f, x[1, 2]); // integers only: one float, as before
        x[.., 1..3].Sum().Backward();
        Assert.Equal([0f, 1f, 1f, 0f, 1f, 1f], x.Grad!.ToArray());
        Assert.Throws<ArgumentOutOfRangeException>(() => x[.., 1..5]);
    }

    [Fact]
    public void ArgMaxArgMin_IntegerViews_AndMaxWithIndices()
    {
        var x = T([1, 5, 5, 0, -2, 3], 2, 3);
        Assert.Equal([1, 2], x.ArgMaxIndices(1));
        Assert.Equal([0, 1], x.ArgMinIndices(1));
        Assert.Equal([1f, 1f, 1f], x.ArgMin(0).ToArray());
        var (values, indices) = x.MaxWithIndices(1);
        Assert.Equal([5f, 3f], values.ToArray());
        Assert.Equal([1, 2], indices.ToInt32Array());
        var (minValues, minIndices) = x.MinWithIndices(0, keepDim: true);
        Assert.Equal([1, 3], minValues.Shape.Dims);
        Assert.Equal([1, 1, 1], minIndices.ToInt32Array());
        Assert.Throws<InvalidOperationException>(() => T([0.5f], 1).ToInt32Array());
    }

    [Fact]
    public void Statistics_MatchClosedForms()
    {
        var x = T([1, 2, 3, 4], 2, 2);
        Assert.Equal([0.5f, 0.5f], x.Var(1).ToArray());
        Assert.Equal([0.25f, 0.25f], x.Var(1, unbiased: false).ToArray());
        Assert.Equal(MathF.Sqrt(5f / 3f), x.Std().Item(), 6);
        Assert.Equal((float)Math.Log(Math.Exp(1) + Math.Exp(2)), x.LogSumExp(1).ToArray()[0], 6);
        Assert.Equal(1000f + MathF.Log(2f), T([1000, 1000], 2).LogSumExp(0).Item(), 3);
        Assert.Equal(1e-10f, T([1e-10f], 1).Log1p().Item());
        Assert.Equal(-1e-8f, T([-1e-8f], 1).Expm1().Item());
    }
}
