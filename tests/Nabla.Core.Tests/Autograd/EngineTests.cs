namespace Nabla.Core.Tests;

public class EngineTests
{
    private static Tensor Leaf(params float[] values)
    {
        var t = Tensor.FromArray(values);
        t.RequiresGrad = true;
        return t;
    }

    [Fact]
    public void Backward_TensorUsedTwice_GradientsFromBothUsesSum()
    {
        var x = Tensor.Scalar(3f, requiresGrad: true);
        (x * x + x).Backward(); // d/dx (x^2 + x) = 2x + 1
        Assert.Equal(7f, x.Grad!.Item());
    }

    [Fact]
    public void Backward_CalledTwice_GradientsAccumulateUntilZeroed()
    {
        var x = Leaf(1f, 2f);
        (x * 3f).Sum().Backward();
        (x * 3f).Sum().Backward();
        Assert.Equal([6f, 6f], x.Grad!.ToArray());
        x.ZeroGrad();
        Assert.Null(x.Grad);
    }

    [Fact]
    public void NoGrad_OperationsAreNotRecorded()
    {
        var x = Leaf(1f, 2f);
        Tensor y;
        using (GradMode.NoGrad()) y = x * 2f;
        Assert.False(y.RequiresGrad);
        Assert.True(y.IsLeaf);
        Assert.True(GradMode.IsEnabled);
        Assert.Throws<InvalidOperationException>(() => y.Sum().Backward());
    }

    [Fact]
    public void NoGrad_EnteringAndLeavingTheScope_AllocatesNothing()
    {
        using (GradMode.NoGrad()) { } // warm up
        long allocated = long.MaxValue; // quietest of three rounds: tiered JIT may allocate while re-compiling
        for (int round = 0; round < 3; round++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 1000; i++)
                using (GradMode.NoGrad()) { }
            allocated = Math.Min(allocated, GC.GetAllocatedBytesForCurrentThread() - before);
        }
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void GradMode_IsPerThread()
    {
        using (GradMode.NoGrad())
        {
            bool otherThread = true;
            var thread = new Thread(() => otherThread = GradMode.IsEnabled);
            thread.Start();
            thread.Join();
            Assert.True(otherThread);
            Assert.False(GradMode.IsEnabled);
        }
    }

    [Fact]
    public void Detach_StopsTheGradient()
    {
        var x = Leaf(2f);
        var y = x * x.Detach(); // treated as x * const(2)
        y.Sum().Backward();
        Assert.Equal(2f, x.Grad!.Item());
    }

    [Fact]
    public void Backward_ThroughFreedGraph_FailsSayingToRetainTheGraph()
    {
        var x = Leaf(1f, 2f);
        var loss = (x * x).Sum();
        loss.Backward();
        var error = Assert.Throws<InvalidOperationException>(() => loss.Backward());
        Assert.Contains("retainGraph: true", error.Message);
    }

    [Fact]
    public void Backward_WithRetainGraph_CanRunAgainAndAccumulates()
    {
        var x = Leaf(1f, 2f);
        var loss = (x * x).Sum();
        loss.Backward(retainGraph: true);
        loss.Backward();
        Assert.Equal([4f, 8f], x.Grad!.ToArray());
    }

    [Fact]
    public void Backward_OnNonScalarWithoutGradient_ExplainsHowToReduce()
    {
        var x = Leaf(1f, 2f);
        var error = Assert.Throws<InvalidOperationException>(() => (x * 2f).Backward());
        Assert.Contains("[2]", error.Message);
        Assert.Contains("Sum()", error.Message);
    }

    [Fact]
    public void Backward_WithExplicitGradient_ScalesByIt()
    {
        var x = Leaf(1f, 2f);
        (x * 3f).Backward(Tensor.FromArray([1f, 10f]));
        Assert.Equal([3f, 30f], x.Grad!.ToArray());
    }

    [Fact]
    public void RetainGrad_KeepsAnIntermediateGradient()
    {
        var x = Tensor.Scalar(3f, requiresGrad: true);
        var y = (x * 2f).RetainGrad();
        (y * y).Backward(); // dL/dy = 2y = 12
        Assert.Equal(12f, y.Grad!.Item());
        Assert.Equal(24f, x.Grad!.Item());
    }

    [Fact]
    public void Backward_ChainOf100000Ops_DoesNotOverflowTheStack()
    {
        var x = Tensor.Scalar(1f, requiresGrad: true);
        var y = x;
        for (int i = 0; i < 100_000; i++) y = y + 1e-5f;
        y.Backward();
        Assert.Equal(1f, x.Grad!.Item());
    }

    [Fact]
    public void Backward_BroadcastOperand_GradientIsSummedToItsShape()
    {
        var bias = Leaf(0f, 0f, 0f);
        var x = Tensor.Ones(4, 3);
        (x + bias).Sum().Backward();
        Assert.Equal([4f, 4f, 4f], bias.Grad!.ToArray());
    }

    [Fact]
    public void RequiresGrad_CannotBeTurnedOffOnANonLeaf()
    {
        var y = Leaf(1f) * 2f;
        Assert.False(y.IsLeaf);
        Assert.Throws<InvalidOperationException>(() => y.RequiresGrad = false);
    }

    [Fact]
    public void CustomBackwardFunction_IsCalledWithTheIncomingGradient()
    {
        var x = Leaf(2f, 5f);
        Tensor y;
        using (GradMode.NoGrad()) y = x * 1f;
        Autograd.Record(y, new TimesTen(x));
        (y * 2f).Sum().Backward();
        Assert.Equal([20f, 20f], x.Grad!.ToArray());
        Assert.Equal("TimesTen", y.GradFn!.Name);
    }

    private sealed class TimesTen(Tensor x) : BackwardFunction(x)
    {
        public override Tensor?[] Backward(Tensor g) => [g * 10f];
    }
}
