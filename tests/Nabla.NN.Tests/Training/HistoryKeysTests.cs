using Nabla.NN.Data;
using Nabla.NN.Optim;
using Nabla.NN.Training;

namespace Nabla.NN.Tests.Training;

/// <summary>Issue #11 item 9: a History lists the keys it can be indexed with, and writes the run's metrics.csv.</summary>
public class HistoryKeysTests
{
    [Fact]
    public void Keys_ListEveryRecordedValue_AndTheCsvHasAColumnEach()
    {
        var x = Tensor.Randn(new Rng(1), 20, 2);
        var y = Tensor.FromArray(Enumerable.Range(0, 20).Select(i => (float)(i % 2)).ToArray(), 20);
        var model = new Sequential(new Dense(2, 2, rng: new Rng(2)));
        var trainer = new Trainer(model, new CrossEntropyLoss(), new Sgd(model.Parameters(), 0.1f));
        var history = trainer.Fit(new TensorDataset(x, y), 2, GradientDescentMode.Batch, validation: new TensorDataset(x, y));

        Assert.Equal(["loss", "accuracy"], history.Keys.Take(2));
        Assert.Contains("val_loss", history.Keys);
        Assert.Equal(history.Keys.Count(k => k.StartsWith("val_", StringComparison.Ordinal)) * 2, history.Keys.Count);
        foreach (var key in history.Keys) Assert.Equal(2, history[key].Count);
        var lines = history.ToCsv().TrimEnd('\n').Split('\n');
        Assert.Equal("epoch,lr,seconds," + string.Join(',', history.Keys), lines[0]);
        Assert.Equal(3, lines.Length);
    }
}
