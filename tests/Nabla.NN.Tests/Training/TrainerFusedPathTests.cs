using Nabla.NN.Data;
using Nabla.NN.Optim;
using Nabla.NN.Training;

namespace Nabla.NN.Tests.Training;

/// <summary>The trainer's automatic use of <see cref="FusedMlp"/>: taken when eligible, and it trains as the autograd path does.</summary>
public class TrainerFusedPathTests
{
    private static (Trainer Trainer, Sequential Model) Fit(bool useFused, Loss loss, TensorDataset data, Module? extra = null)
    {
        var rng = new Rng(17);
        var layers = new List<Module> { new Dense(2, 12, rng: rng), new Tanh() };
        if (extra is not null) layers.Add(extra);
        layers.Add(new Dense(12, loss is MseLoss ? 1 : 3, rng: rng));
        var model = new Sequential([.. layers]);
        var trainer = new Trainer(model, loss, new Adam(model.Parameters(), lr: 1e-2f),
            new TrainerOptions { Seed = 5, UseFusedPath = useFused });
        trainer.Fit(data, 4, GradientDescentMode.MiniBatch(10));
        return (trainer, model);
    }

    private static TensorDataset Data(bool regression)
    {
        var rng = new Rng(3);
        const int n = 45;   // 5 batches of 10 with a last batch of 5
        var x = Tensor.Randn(rng, n, 2);
        var y = new float[n];
        for (int i = 0; i < n; i++) y[i] = regression ? x[i, 0] - 2 * x[i, 1] : (x[i, 0] > 0 ? 1 : 0) + (x[i, 1] > 0.5f ? 1 : 0);
        return new TensorDataset(x, regression ? Tensor.FromArray(y, n, 1) : Tensor.FromArray(y, n));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Fit_EligibleMlp_UsesTheFusedPathAndMatchesAutograd(bool regression)
    {
        Loss loss = regression ? new MseLoss() : new CrossEntropyLoss();
        var data = Data(regression);
        var (fusedTrainer, fusedModel) = Fit(true, loss, data);
        var (autoTrainer, autoModel) = Fit(false, loss, data);
        Assert.True(fusedTrainer.UsedFusedPath);
        Assert.False(autoTrainer.UsedFusedPath);
        for (int e = 0; e < 4; e++)
            Assert.Equal(autoTrainer.History.Epochs[e].TrainLoss, fusedTrainer.History.Epochs[e].TrainLoss, 1e-4);
        var expected = autoModel.Parameters().ToArray();
        var actual = fusedModel.Parameters().ToArray();
        for (int p = 0; p < expected.Length; p++)
            for (int i = 0; i < expected[p].Size; i++)
                Assert.Equal(expected[p].Value.AsSpan()[i], actual[p].Value.AsSpan()[i], 1e-4f);
    }

    [Fact]
    public void Fit_ModelWithSoftplus_FallsBackToAutograd()
    {
        var (trainer, _) = Fit(true, new CrossEntropyLoss(), Data(false), new Softplus());
        Assert.False(trainer.UsedFusedPath);
    }
}
