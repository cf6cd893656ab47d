using Nabla.NN.Data;
using Nabla.NN.Optim;
using Nabla.NN.Training;

namespace Nabla.NN.Tests.Reliability;

/// <summary>
/// Issue #8, item 6: a trained model answers many threads at once with exactly the numbers it gives one thread, and
/// grad mode belongs to the thread that set it. The model has Dropout (so a thread that saw training mode would
/// give different numbers) and layers wide enough for the multi-threaded GEMM path.
/// </summary>
[Collection(Nabla.NN.Tests.Reliability.ReliabilityCollection.Name)]
public class ConcurrencyTests
{
    private const int Features = 64, Classes = 10, Threads = 8, CallsPerThread = 25;

    private static (Trainer Trainer, Tensor[] Batches) TrainedModel()
    {
        var rng = new Rng(11);
        var model = new Sequential(new Dense(Features, 256), new ReLU(), new Dropout(0.5f, new Rng(3)), new Dense(256, Classes));
        var x = Tensor.Randn(rng, 256, Features);
        var y = Tensor.FromArray(Enumerable.Range(0, 256).Select(i => (float)(i % Classes)).ToArray(), 256);
        var trainer = new Trainer(model, new CrossEntropyLoss(), new Adam(model.Parameters(), lr: 1e-2f));
        trainer.Fit(new TensorDataset(x, y), epochs: 2, GradientDescentMode.MiniBatch(64));
        // Batches of 1 to 600 rows: the big ones take the parallel GEMM path, the small ones the single-thread one.
        int[] sizes = [1, 3, 17, 64, 128, 300, 600, 2];
        var batches = sizes.Select(n => Tensor.Randn(rng, n, Features)).ToArray();
        return (trainer, batches);
    }

    /// <summary>Runs <paramref name="call"/> on the batches from many threads at once and compares with <paramref name="expected"/>.</summary>
    private static void AssertSameFromManyThreads(Tensor[] batches, float[][] expected, Func<Tensor, Tensor> call)
    {
        var mismatches = new System.Collections.Concurrent.ConcurrentBag<string>();
        using var start = new Barrier(Threads);
        var threads = Enumerable.Range(0, Threads).Select(t => new Thread(() =>
        {
            start.SignalAndWait();
            for (int i = 0; i < CallsPerThread; i++)
            {
                int b = (t * 7 + i * 3) % batches.Length;
                float[] got = call(batches[b]).ToArray();
                if (!got.AsSpan().SequenceEqual(expected[b]))
                    mismatches.Add($"thread {t}, call {i}, batch {b} ({batches[b].Shape})");
            }
        })).ToArray();
        foreach (var th in threads) th.Start();
        foreach (var th in threads) th.Join();
        Assert.True(mismatches.IsEmpty, $"{mismatches.Count} of {Threads * CallsPerThread} parallel results differ from sequential ones, e.g. {mismatches.FirstOrDefault()}");
    }

    [Fact]
    public void TrainerPredict_ManyThreads_EqualsSequentialAndRestoresMode()
    {
        var (trainer, batches) = TrainedModel();
        trainer.Model.Train();
        var expected = batches.Select(b => trainer.Predict(b).ToArray()).ToArray();

        AssertSameFromManyThreads(batches, expected, trainer.Predict);

        Assert.True(trainer.Model.Training, "Predict left the model in evaluation mode after concurrent calls");
    }

    [Fact]
    public void ModuleForward_NoGradManyThreads_EqualsSequential()
    {
        var (trainer, batches) = TrainedModel();
        var model = trainer.Model;
        model.Eval();
        Tensor Forward(Tensor x)
        {
            using var _ = GradMode.NoGrad();
            return model.Forward(x);
        }
        var expected = batches.Select(b => Forward(b).ToArray()).ToArray();

        AssertSameFromManyThreads(batches, expected, Forward);
    }

    [Fact]
    public void GradMode_NoGradOnOneThread_DoesNotAffectAnother()
    {
        using var inNoGrad = new Barrier(2);
        using var checkedOther = new Barrier(2);
        bool otherSawEnabled = false, otherRecorded = false, mineRecorded = true;
        var w = Tensor.Scalar(2f, requiresGrad: true);

        var noGradThread = new Thread(() =>
        {
            using (GradMode.NoGrad())
            {
                inNoGrad.SignalAndWait();       // the other thread now runs while this one is inside NoGrad
                checkedOther.SignalAndWait();
                mineRecorded = (w * 3f).RequiresGrad;
            }
        });
        var gradThread = new Thread(() =>
        {
            inNoGrad.SignalAndWait();
            otherSawEnabled = GradMode.IsEnabled;
            var y = w * 3f;
            otherRecorded = y.RequiresGrad && y.GradFn is not null;
            checkedOther.SignalAndWait();
        });
        noGradThread.Start();
        gradThread.Start();
        noGradThread.Join();
        gradThread.Join();

        Assert.True(otherSawEnabled, "a NoGrad scope on one thread turned grad mode off on another");
        Assert.True(otherRecorded, "an op on the other thread was not recorded");
        Assert.False(mineRecorded, "an op inside NoGrad was recorded");
        Assert.True(GradMode.IsEnabled);
    }
}
