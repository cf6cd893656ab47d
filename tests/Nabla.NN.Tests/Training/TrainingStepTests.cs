using Nabla.NN.Data;
using Nabla.NN.Optim;
using Nabla.NN.Training;

namespace Nabla.NN.Tests.Training;

/// <summary>
/// Issue #11 item 3: one training loop with a swappable step. Modules declare whether the fused path can run them
/// (a module the training code has never heard of is fused by declaring itself), and the gradient hook runs once per
/// step, between the gradients and the optimizer step, on both step kinds.
/// </summary>
public class TrainingStepTests
{
    /// <summary>A linear layer unknown to Training/: it is fused only because it declares itself a <see cref="FusedLinear"/>.</summary>
    private sealed class MyLinear : Module
    {
        public MyLinear(int inFeatures, int outFeatures, Rng rng)
        {
            Weight = RegisterParameter("weight", Tensor.Randn(rng, outFeatures, inFeatures) * 0.3f);
            Bias = RegisterParameter("bias", Tensor.Zeros(outFeatures));
        }

        public Parameter Weight { get; }
        public Parameter Bias { get; }
        public override FusedPart FusedPart => new FusedLinear(Weight, Bias);
        public override Tensor Forward(Tensor input) => input.MatMul(Weight.Value.T) + Bias.Value;
    }

    private static TensorDataset Data()
    {
        var rng = new Rng(5);
        var x = Tensor.Randn(rng, 40, 3);
        var y = Tensor.FromArray(Enumerable.Range(0, 40).Select(i => (float)(i % 2)).ToArray(), 40);
        return new TensorDataset(x, y);
    }

    [Fact]
    public void CustomModuleDeclaringFusedPart_RunsTheFusedStep_SameWeightsAsAutograd()
    {
        float[] Train(bool fused, out bool usedFused)
        {
            var model = new Sequential(new MyLinear(3, 4, new Rng(1)), new Tanh(), new MyLinear(4, 2, new Rng(2)));
            var trainer = new Trainer(model, new CrossEntropyLoss(), new Sgd(model.Parameters(), 0.1f),
                new TrainerOptions { Seed = 3, UseFusedPath = fused, Diagnostics = new() { Enabled = false } });
            trainer.Fit(Data(), 3, GradientDescentMode.MiniBatch(8));
            usedFused = trainer.UsedFusedPath;
            return model.Parameters().SelectMany(p => p.Value.ToArray()).ToArray();
        }
        var fusedWeights = Train(true, out bool usedFused);
        var graphWeights = Train(false, out bool usedGraph);
        Assert.True(usedFused);
        Assert.False(usedGraph);
        Assert.Equal(graphWeights, fusedWeights, (a, b) => Math.Abs(a - b) < 1e-5f);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void GradientHook_RunsEveryStepBeforeTheUpdate(bool fused)
    {
        var model = new Sequential(new Dense(3, 4, rng: new Rng(1)), new ReLU(), new Dense(4, 2, rng: new Rng(2)));
        var before = model.Parameters().SelectMany(p => p.Value.ToArray()).ToArray();
        int calls = 0;
        // Zeroing every gradient in the hook must leave plain SGD with nothing to do: the hook runs before the step.
        var options = new TrainerOptions
        {
            UseFusedPath = fused,
            GradientHook = parameters => { calls++; foreach (var p in parameters) p.Grad!.AsSpan().Clear(); },
        };
        var trainer = new Trainer(model, new CrossEntropyLoss(), new Sgd(model.Parameters(), 0.5f), options);
        trainer.Fit(Data(), 2, GradientDescentMode.MiniBatch(10));
        Assert.Equal(fused, trainer.UsedFusedPath);
        Assert.Equal(2 * 4, calls);
        Assert.Equal(before, model.Parameters().SelectMany(p => p.Value.ToArray()).ToArray());
    }
}
