using System.Buffers.Binary;
using System.Text;
using Nabla.Fuzzing;
using Nabla.NN.Data;
using Nabla.NN.Optim;
using Nabla.NN.Serialization;
using Nabla.NN.Training;
using Xunit.Abstractions;

namespace Nabla.NN.Tests.Fuzz;

/// <summary>
/// Issue #8, item 1, for training checkpoints: the fuzzer mutates the safetensors <em>header</em> (tensor entries and the
/// metadata holding the optimizer state, task and history as JSON strings) and the file is rebuilt around it with the
/// seed's tensor data, so mutations reach <see cref="Checkpoint.Load"/>'s own parsing instead of failing at the length
/// field. Only <see cref="DataFormatException"/> may escape.
/// </summary>
[Collection(Nabla.NN.Tests.Reliability.ReliabilityCollection.Name)]
public class CheckpointFuzzTests(ITestOutputHelper output)
{
    private static Trainer NewTrainer(Optimizer? optimizer = null)
    {
        var model = new Sequential(new Dense(3, 4, rng: new Rng(1)), new ReLU(), new Dense(4, 2, rng: new Rng(2)));
        return new Trainer(model, new CrossEntropyLoss(), optimizer ?? new Adam(model.Parameters()), new TrainerOptions { Seed = 3 });
    }

    internal static FuzzTarget Target()
    {
        string dir = Path.Combine(Directory.Exists("/dev/shm") ? "/dev/shm" : Path.GetTempPath(), "nabla-ckpt-fuzz-" + Environment.ProcessId);
        Directory.CreateDirectory(dir);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => { try { Directory.Delete(dir, recursive: true); } catch (IOException) { } };
        string seedPath = Path.Combine(dir, "seed.safetensors"), path = Path.Combine(dir, "case.safetensors");
        var trainer = NewTrainer();
        var x = Tensor.Randn(new Rng(4), 24, 3);
        var y = Tensor.FromArray(Enumerable.Range(0, 24).Select(i => (float)(i % 2)).ToArray(), 24);
        trainer.Fit(new TensorDataset(x, y), epochs: 2, GradientDescentMode.MiniBatch(8));
        trainer.SaveCheckpoint(seedPath);
        byte[] file = File.ReadAllBytes(seedPath);
        int headerLength = (int)BinaryPrimitives.ReadUInt64LittleEndian(file);
        byte[] header = file[8..(8 + headerLength)], tensorData = file[(8 + headerLength)..];
        var target = NewTrainer();
        return new FuzzTarget("checkpoint",
            data =>
            {
                var bytes = new byte[8 + data.Length + tensorData.Length];
                BinaryPrimitives.WriteUInt64LittleEndian(bytes, (ulong)data.Length);
                data.CopyTo(bytes, 8);
                tensorData.CopyTo(bytes, 8 + data.Length);
                File.WriteAllBytes(path, bytes);
                target.LoadCheckpoint(path);
            },
            [typeof(DataFormatException)], [header],
            ["\\\"", "\\\"epoch\\\"", "\\\"step\\\"", "\\\"lr\\\"", "[", "]", "{", "}", ":", ",", "-1", "1e999", "null", "NaN", "\\\"Adam\\\"", "\\\"Sgd\\\"",
             "0000000000000000", "\"F32\"", "\"shape\"", "[3,4]"],
            AllocationBase: 4 << 20, AllocationPerByte: 400, MaxInputLength: 16 << 10);
    }

    [Fact]
    public void Load_MutatedCheckpointHeaders_OnlyDataFormatErrors()
    {
        var report = FuzzRunner.Run(Target(), FuzzSettings.Cases, FuzzSettings.Seed);
        output.WriteLine(report.ToString());
        Assert.True(report.Failures.Count == 0, report + "\n" + string.Join("\n", report.Failures.Select(f => $"case {f.Case}: {f.Problem} -> {f.SavedAs}")));
        Assert.True(report.Rejected > 0 && report.Accepted > 0, report.ToString());
    }

    [Fact]
    public void Load_RegressionCorpus_OnlyDataFormatErrors()
    {
        var report = FuzzRunner.Replay(Target(), Corpus.Load("checkpoint"));
        output.WriteLine(report.ToString());
        Assert.True(report.Failures.Count == 0, string.Join("\n", report.Failures.Select(f => f.Problem)));
    }
}
