using Nabla.NN.Data;
using Nabla.NN.Optim;
using Nabla.NN.Serialization;
using Nabla.NN.Training;

namespace Nabla.NN.Tests.Reliability;

/// <summary>Issue #15, item 8: every checkpoint field is range-checked before the trainer continues from it.</summary>
public class CheckpointRangeTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("nabla-ckpt-range-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static Trainer NewTrainer()
    {
        var model = new Sequential(new Dense(3, 4, rng: new Rng(1)), new ReLU(), new Dense(4, 2, rng: new Rng(2)));
        return new Trainer(model, new CrossEntropyLoss(), new Adam(model.Parameters()), new TrainerOptions { Seed = 3 });
    }

    // A real two-epoch checkpoint with one metadata entry rewritten.
    private string Edited(string key, Func<string, string> edit)
    {
        var trainer = NewTrainer();
        var x = Tensor.Randn(new Rng(4), 16, 3);
        var y = Tensor.FromArray(Enumerable.Range(0, 16).Select(i => (float)(i % 2)).ToArray(), 16);
        trainer.Fit(new TensorDataset(x, y), epochs: 2, GradientDescentMode.MiniBatch(8));
        string path = Path.Combine(_dir, key + ".safetensors");
        trainer.SaveCheckpoint(path);
        var file = SafeTensors.Load(path);
        var metadata = file.Metadata.ToDictionary();
        metadata[key] = edit(metadata[key]);
        SafeTensors.Save(path, file.Tensors, metadata);
        return path;
    }

    [Theory]
    [InlineData("epoch", "2147483647", "more than 100,000,000 epochs")]
    [InlineData("epoch", "1", "history has 2 epochs")]
    public void Load_OutOfRangeField_RefusedBeforeTraining(string key, string value, string expected)
    {
        string path = Edited(key, _ => value);
        var trainer = NewTrainer();
        var e = Assert.Throws<DataFormatException>(() => trainer.LoadCheckpoint(path));
        Assert.Contains(expected, e.Message);
        Assert.Equal(0, trainer.EpochsCompleted);
    }

    [Theory]
    [InlineData("optimizer", "\"step_count\":", "\"step_count\":-5,\"was\":", "step_count -5 is negative")]
    [InlineData("history", "\"steps\":", "\"steps\":-1,\"was\":", "has -1 steps")]
    [InlineData("history", "\"epoch\":2", "\"epoch\":9", "history epoch 9 is outside 1..2")]
    public void Load_OutOfRangeJsonField_Refused(string key, string find, string replace, string expected)
    {
        string path = Edited(key, json => json.Replace(find, replace, StringComparison.Ordinal));
        var e = Assert.Throws<DataFormatException>(() => NewTrainer().LoadCheckpoint(path));
        Assert.Contains(expected, e.Message);
    }
}
