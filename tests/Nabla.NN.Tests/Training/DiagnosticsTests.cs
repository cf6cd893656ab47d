using Nabla.NN.Data;
using Nabla.NN.Optim;
using Nabla.NN.Training;

namespace Nabla.NN.Tests.Training;

public class DiagnosticsTests
{
    private static History Train(Func<Module> activation, Initializer? init)
    {
        var data = TrainingData.Blobs(20, seed: 11);
        var model = TrainingData.Mlp(2, 16, 3, seed: 12, depth: 10, activation: activation, init: init);
        var trainer = new Trainer(model, new CrossEntropyLoss(), new Sgd(model.Parameters(), lr: 0.01f), new TrainerOptions { Seed = 13 });
        return trainer.Fit(data, 2, GradientDescentMode.MiniBatch(20));
    }

    [Fact]
    public void TenLayerSigmoid_TriggersVanishingWarningNamingFirstLayer()
    {
        var history = Train(() => new Sigmoid(), init: null);
        var first = history.Epochs[0].Diagnostics!.Layers.First(l => l.Layer == "0");
        Assert.True(first.GradientNorm < 1e-7, $"first layer gradient norm {first.GradientNorm}");
        string warning = Assert.Single(history.Warnings, w => w.Contains("layer '0'"));
        Assert.StartsWith("Vanishing gradients in epoch 1: layer '0' (Dense(2 -> 16)) has gradient norm", warning);
        Assert.Contains("Try ReLU", warning);
        // Each layer is warned about once per run, not every epoch.
        Assert.Empty(history.Epochs[1].Diagnostics!.Warnings);
        // Gradient norms shrink from the last layer towards the first.
        var norms = history.Epochs[0].Diagnostics!.Layers.Where(l => l.GradientNorm is not null).Select(l => l.GradientNorm!.Value).ToArray();
        Assert.Equal(11, norms.Length);
        Assert.True(norms[0] < norms[^1] * 1e-3);
    }

    [Fact]
    public void TenLayerReluWithHeInit_RaisesNoGradientWarning()
    {
        var history = Train(() => new ReLU(), (w, r) => Init.KaimingNormal(w, r));
        Assert.DoesNotContain(history.Warnings, w => w.Contains("gradients"));
        var layers = history.Epochs[0].Diagnostics!.Layers;
        Assert.All(layers.Where(l => l.GradientNorm is not null), l => Assert.InRange(l.GradientNorm!.Value, 1e-7, 1e3));
        // Activation rows report ReLU dead-unit fractions (null saturation).
        var relu = layers.Where(l => l.Description == "ReLU()").ToArray();
        Assert.Equal(10, relu.Length);
        Assert.All(relu, l => { Assert.NotNull(l.DeadFraction); Assert.Null(l.SaturatedFraction); });
    }

    [Fact]
    public void ExplodingGradients_LargeWeights_WarnWithClippingRemedy()
    {
        // Weights N(0, 3^2) in a 6-layer linear-ish (LeakyReLU-free, Identity activations) net multiply the gradient ~ (3 sqrt 16)^depth.
        var data = TrainingData.Linear(16, seed: 1);
        var model = TrainingData.Mlp(2, 16, 1, seed: 2, depth: 6, activation: () => new Identity(), init: (w, r) => Init.Normal(w, r, 0f, 3f));
        var trainer = new Trainer(model, new MseLoss(), new Sgd(model.Parameters(), lr: 1e-12f));
        var history = trainer.Fit(data, 1, GradientDescentMode.Batch);
        Assert.Contains(history.Warnings, w => w.StartsWith("Exploding gradients in epoch 1", StringComparison.Ordinal) && w.Contains("gradient clipping"));
    }

    [Fact]
    public void SigmoidSaturation_LargeInputs_ReportsSaturatedFraction()
    {
        // Inputs of size ~100 through a Dense with weights N(0,1): pre-activations are huge, sigmoid outputs 0 or 1.
        var f = Enumerable.Range(0, 40).Select(i => (float)(i % 2 == 0 ? 100 : -100)).ToArray();
        var data = new TensorDataset(Tensor.FromArray(f, 20, 2), Tensor.FromArray(Enumerable.Range(0, 20).Select(i => (float)(i % 2)).ToArray()));
        var model = TrainingData.Mlp(2, 8, 1, seed: 3, activation: () => new Sigmoid(), init: (w, r) => Init.Normal(w, r, 0f, 1f));
        var history = new Trainer(model, new BceWithLogitsLoss(), new Sgd(model.Parameters(), lr: 0.01f)).Fit(data, 1, GradientDescentMode.Batch);
        var sigmoid = history.Epochs[0].Diagnostics!.Layers.Single(l => l.Description == "Sigmoid()");
        Assert.True(sigmoid.SaturatedFraction > 0.9, $"saturated fraction {sigmoid.SaturatedFraction}");
    }
}
