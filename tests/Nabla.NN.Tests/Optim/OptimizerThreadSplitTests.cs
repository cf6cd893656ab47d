using Nabla.Kernels;
using Nabla.NN.Optim;

namespace Nabla.NN.Tests;

/// <summary>Issue 12 item 4: a large parameter's update is split across the kernel workers, with identical bits.</summary>
public class OptimizerThreadSplitTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Adam_LargeParameter_SameBitsOnOneAndTwoThreads(bool amsgrad)
    {
        // 100,003 elements: three parts of ~32k on two threads, boundaries on 64-element lines, an odd tail.
        float[] one = Train(1, amsgrad), two = Train(2, amsgrad);
        Assert.True(one.AsSpan().SequenceEqual(two), "Adam's split update changed a bit");
        Assert.Contains(one, v => v != 1f);
    }

    private static float[] Train(int threads, bool amsgrad)
    {
        const int n = 100_003;
        var rng = new Random(12);
        var p = new Parameter(Tensor.Ones(n));
        var adam = new Adam([p], lr: 0.01f, weightDecay: 0.01f, amsgrad: amsgrad);
        int saved = Threading.MaxThreads;
        try
        {
            Threading.MaxThreads = threads;
            for (int step = 0; step < 3; step++)
            {
                float[] g = new float[n];
                for (int i = 0; i < n; i++) g[i] = (float)(rng.NextDouble() * 2 - 1);
                p.Grad = Tensor.FromArray(g, n);
                adam.Step();
            }
        }
        finally { Threading.MaxThreads = saved; }
        return p.Value.AsSpan().ToArray();
    }
}
