using System.Globalization;
using System.Text;
using System.Text.Json;
using Nabla.NN.Data;
using Nabla.NN.Optim;
using Nabla.NN.Serialization;
using Nabla.NN.Training;

namespace Nabla.NN.Tests.Training;

/// <summary>
/// The checkpoint's JSON metadata, now source generated, is byte for byte what the hand-written Utf8JsonWriter code
/// wrote before (kept here as the reference), so checkpoints written by earlier builds and by this one are the same files.
/// </summary>
public sealed class CheckpointJsonTests : IDisposable
{
    private readonly string dir = Path.Combine(Path.GetTempPath(), "nabla-ckpt-json-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
    }

    private static string D(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    private static string Json(Action<Utf8JsonWriter> write)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream)) write(writer);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    [Fact]
    public void Save_MetadataJson_IsByteIdenticalToTheHandWrittenFormat()
    {
        var split = DatasetSplit.Split(TrainingData.Blobs(30, seed: 4), 0.2, 0, seed: 5);
        var model = TrainingData.Mlp(2, 6, 3, 1, depth: 1);
        var trainer = new Trainer(model, new CrossEntropyLoss(), new Adam(model.Parameters(), lr: 0.02f), new TrainerOptions { Seed = 21 });
        trainer.Fit(split.Train, 2, GradientDescentMode.MiniBatch(8), split.Validation);
        string path = Path.Combine(dir, "c.safetensors");
        Checkpoint.Save(trainer, path);
        var meta = SafeTensors.Load(path).Metadata;

        var opt = trainer.Optimizer.StateDict();
        Assert.Equal(Json(w =>
        {
            w.WriteStartObject();
            w.WriteString("name", opt.Optimizer);
            w.WriteNumber("step_count", opt.StepCount);
            w.WriteStartObject("hyper_parameters");
            foreach (var (k, v) in opt.HyperParameters) w.WriteString(k, D(v));
            w.WriteEndObject();
            w.WriteStartObject("steps");
            foreach (var (k, v) in opt.Steps) w.WriteNumber(k, v);
            w.WriteEndObject();
            w.WriteEndObject();
        }), meta["optimizer"]);
        Assert.Equal("{\"kind\":\"MulticlassClassification\",\"classes\":3,\"target_width\":1}", meta["task"]);
        Assert.Equal(Json(w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("epochs");
            foreach (var e in trainer.History.Epochs)
            {
                w.WriteStartObject();
                w.WriteNumber("epoch", e.Epoch);
                w.WriteString("loss", D(e.TrainLoss));
                if (e.ValidationLoss is double vl) w.WriteString("val_loss", D(vl));
                w.WriteString("lr", D(e.LearningRate));
                w.WriteNumber("ticks", e.Duration.Ticks);
                w.WriteNumber("steps", e.Steps);
                w.WriteStartObject("metrics");
                foreach (var (k, v) in e.Metrics) w.WriteString(k, D(v));
                w.WriteEndObject();
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartArray("warnings");
            foreach (string s in trainer.History.Warnings) w.WriteStringValue(s);
            w.WriteEndArray();
            w.WriteEndObject();
        }), meta["history"]);
    }
}
