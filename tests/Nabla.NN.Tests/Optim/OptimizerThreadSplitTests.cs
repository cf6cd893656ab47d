using Nabla.Kernels;
using Nabla.NN.Optim;

namespace Nabla.NN.Tests;

/// <summary>Issue 12: a large parameter's update is split across the kernel workers, with identical bits, for every optimizer.</summary>
public class OptimizerThreadSplitTests
{
    /// <summary>Each optimizer with the settings that use each of its state buffers.</summary>
    public static TheoryData<string> Optimizers() =>
        ["adam", "adam-amsgrad", "adamw", "sgd", "sgd-momentum", "sgd-nesterov-decoupled", "rmsprop", "rmsprop-centered-momentum", "adagrad"];

    private static Optimizer Create(string name, Parameter p) => name switch
    {
        "adam" => new Adam([p], lr: 0.01f, weightDecay: 0.01f),
        "adam-amsgrad" => new Adam([p], lr: 0.01f, weightDecay: 0.01f, amsgrad: true),
        "adamw" => new AdamW([p], lr: 0.01f),
        "sgd" => new Sgd([p], lr: 0.1f, weightDecay: 0.01f),
        "sgd-momentum" => new Sgd([p], lr: 0.1f, momentum: 0.9f, dampening: 0.1f),
        "sgd-nesterov-decoupled" => new Sgd([p], lr: 0.1f, momentum: 0.9f, weightDecay: 0.01f, nesterov: true, decoupledWeightDecay: true),
        "rmsprop" => new RmsProp([p], lr: 0.01f, weightDecay: 0.01f),
        "rmsprop-centered-momentum" => new RmsProp([p], lr: 0.01f, momentum: 0.9f, centered: true),
        "adagrad" => new Adagrad([p], lr: 0.1f, lrDecay: 0.01f, weightDecay: 0.01f, initialAccumulatorValue: 0.1f),
        _ => throw new ArgumentException(name),
    };

    [Theory]
    [MemberData(nameof(Optimizers))]
    public void LargeParameter_SameBitsOnOneAndTwoThreads(string optimizer)
    {
        // 100,003 elements: three parts of ~32k on two threads, boundaries on 64-element lines, an odd tail.
        float[] one = Train(optimizer, 1), two = Train(optimizer, 2);
        Assert.True(one.AsSpan().SequenceEqual(two), $"{optimizer}: the split update changed a bit");
        Assert.Contains(one, v => v != 1f);
    }

    private static float[] Train(string optimizer, int threads)
    {
        const int n = 100_003;
        var rng = new Random(12);
        var p = new Parameter(Tensor.Ones(n));
        Optimizer opt = Create(optimizer, p);
        int saved = Threading.MaxThreads;
        try
        {
            Threading.MaxThreads = threads;
            for (int step = 0; step < 3; step++)
            {
                float[] g = new float[n];
                for (int i = 0; i < n; i++) g[i] = (float)(rng.NextDouble() * 2 - 1);
                p.Grad = Tensor.FromArray(g, n);
                opt.Step();
            }
        }
        finally { Threading.MaxThreads = saved; }
        return p.Value.AsSpan().ToArray();
    }
}
