using Nabla.Kernels;
using Nabla.NN.Data;
using Nabla.NN.Optim;
using Nabla.NN.Training;

namespace Nabla.NN.Tests.Training;

public class ReproducibilityTests
{
    // Wide enough that the hidden GEMMs (64 x 160 x 160, about 3.3 MFLOP) exceed the kernel's threading threshold.
    private static float[] Run(ulong seed)
    {
        var rng = new Rng(seed);
        var data = new TensorDataset(Tensor.Randn(rng, 256, 32), Tensor.FromArray(Enumerable.Range(0, 256).Select(i => (float)(i % 3)).ToArray()));
        var model = TrainingData.Mlp(32, 160, 3, seed, depth: 2, activation: () => new ReLU());
        var trainer = new Trainer(model, new CrossEntropyLoss(), new Adam(model.Parameters(), lr: 1e-3f), new TrainerOptions { Seed = seed });
        trainer.Fit(data, 2, GradientDescentMode.MiniBatch(64));
        return TrainingData.Weights(model);
    }

    [Fact]
    public void SameSeed_TwoRuns_BitwiseIdenticalWeights()
    {
        Assert.Equal(Run(3), Run(3));
        Assert.NotEqual(Run(3), Run(4));
    }

    [Fact]
    public void SameSeed_OneAndTwoThreads_BitwiseIdenticalWeights()
    {
        int saved = Threading.MaxThreads;
        try
        {
            Threading.MaxThreads = 1;
            var one = Run(5);
            Threading.MaxThreads = 2;
            var two = Run(5);
            Assert.Equal(one.Select(BitConverter.SingleToInt32Bits), two.Select(BitConverter.SingleToInt32Bits));
        }
        finally
        {
            Threading.MaxThreads = saved;
        }
    }
}
