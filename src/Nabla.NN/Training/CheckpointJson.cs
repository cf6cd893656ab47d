using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Nabla.NN.Optim;

namespace Nabla.NN.Training;

// The JSON entries of a checkpoint's metadata, as records the System.Text.Json source generator reads and writes (no
// reflection, so trimming and NativeAOT keep working). Doubles travel as round-trip strings: exact, and NaN and
// Infinity, which JSON numbers cannot hold, survive. Properties are written in declaration order.

/// <summary>The <c>optimizer</c> entry.</summary>
internal sealed record OptimizerJson(
    [property: JsonPropertyName("name"), JsonRequired] string Name,
    [property: JsonPropertyName("step_count"), JsonRequired] long StepCount,
    [property: JsonPropertyName("hyper_parameters"), JsonRequired] Dictionary<string, string> HyperParameters,
    [property: JsonPropertyName("steps"), JsonRequired] Dictionary<string, long> Steps);

/// <summary>The <c>task</c> entry.</summary>
internal sealed record TaskJson(
    [property: JsonPropertyName("kind"), JsonRequired] string Kind,
    [property: JsonPropertyName("classes"), JsonRequired] int Classes,
    [property: JsonPropertyName("target_width"), JsonRequired] int TargetWidth);

/// <summary>One epoch of the <c>history</c> entry.</summary>
internal sealed record EpochJson(
    [property: JsonPropertyName("epoch"), JsonRequired] int Epoch,
    [property: JsonPropertyName("loss"), JsonRequired] string Loss,
    [property: JsonPropertyName("val_loss"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ValidationLoss,
    [property: JsonPropertyName("lr"), JsonRequired] string LearningRate,
    [property: JsonPropertyName("ticks"), JsonRequired] long Ticks,
    [property: JsonPropertyName("steps"), JsonRequired] int Steps,
    [property: JsonPropertyName("metrics"), JsonRequired] Dictionary<string, string> Metrics);

/// <summary>The <c>history</c> entry.</summary>
internal sealed record HistoryJson(
    [property: JsonPropertyName("epochs"), JsonRequired] List<EpochJson> Epochs,
    [property: JsonPropertyName("warnings"), JsonRequired] List<string> Warnings);

[JsonSerializable(typeof(OptimizerJson))]
[JsonSerializable(typeof(TaskJson))]
[JsonSerializable(typeof(HistoryJson))]
[JsonSerializable(typeof(Dictionary<string, string>))]
[JsonSourceGenerationOptions(RespectNullableAnnotations = true)]
internal sealed partial class CheckpointJsonContext : JsonSerializerContext;

/// <summary>Converts the trainer's state to and from the metadata entries.</summary>
internal static class CheckpointJson
{
    /// <summary>A double as round-trip text.</summary>
    public static string D(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Round-trip text as a double.</summary>
    public static double ParseD(string text) => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);

    private static Dictionary<string, string> Texts(IEnumerable<KeyValuePair<string, double>> values) =>
        values.ToDictionary(p => p.Key, p => D(p.Value), StringComparer.Ordinal);

    private static T Read<T>(string json, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type) =>
        JsonSerializer.Deserialize(json, type) ?? throw new JsonException("the entry is null");

    public static string WriteOptimizer(OptimizerState s) => JsonSerializer.Serialize(
        new OptimizerJson(s.Optimizer, s.StepCount, Texts(s.HyperParameters), new Dictionary<string, long>(s.Steps, StringComparer.Ordinal)),
        CheckpointJsonContext.Default.OptimizerJson);

    public static void ReadOptimizer(string json, OptimizerState s)
    {
        var o = Read(json, CheckpointJsonContext.Default.OptimizerJson);
        s.Optimizer = o.Name;
        s.StepCount = o.StepCount;
        foreach (var (k, v) in o.HyperParameters) s.HyperParameters[k] = ParseD(v);
        foreach (var (k, v) in o.Steps) s.Steps[k] = v;
    }

    public static string WriteTask(TaskSpec t) =>
        JsonSerializer.Serialize(new TaskJson(t.Kind.ToString(), t.NumClasses, t.TargetWidth), CheckpointJsonContext.Default.TaskJson);

    public static TaskSpec ReadTask(string json)
    {
        var r = Read(json, CheckpointJsonContext.Default.TaskJson);
        if (!Enum.TryParse<TaskKind>(r.Kind, out var k) || !Enum.IsDefined(k))
            throw new FormatException($"unknown task kind '{r.Kind}'");
        return new TaskSpec(k, r.Classes, r.TargetWidth);
    }

    public static string WriteHistory(History h) => JsonSerializer.Serialize(new HistoryJson(
        [.. h.Epochs.Select(e => new EpochJson(e.Epoch, D(e.TrainLoss), e.ValidationLoss is double vl ? D(vl) : null, D(e.LearningRate),
            e.Duration.Ticks, e.Steps, Texts(e.Metrics)))],
        [.. h.Warnings]), CheckpointJsonContext.Default.HistoryJson);

    public static History ReadHistory(string json)
    {
        var r = Read(json, CheckpointJsonContext.Default.HistoryJson);
        var h = new History();
        foreach (var e in r.Epochs)
        {
            h.Add(new EpochRecord
            {
                Epoch = e.Epoch,
                TrainLoss = ParseD(e.Loss),
                ValidationLoss = e.ValidationLoss is { } vl ? ParseD(vl) : null,
                LearningRate = ParseD(e.LearningRate),
                Duration = TimeSpan.FromTicks(e.Ticks),
                Steps = e.Steps,
                Metrics = e.Metrics.ToDictionary(p => p.Key, p => ParseD(p.Value), StringComparer.Ordinal),
            });
        }
        foreach (var s in r.Warnings) h.AddWarning(s);
        return h;
    }

    public static string WriteValues(IEnumerable<KeyValuePair<string, double>> values) =>
        JsonSerializer.Serialize(Texts(values), CheckpointJsonContext.Default.DictionaryStringString);

    public static IEnumerable<KeyValuePair<string, double>> ReadValues(string json) =>
        Read(json, CheckpointJsonContext.Default.DictionaryStringString).Select(p => KeyValuePair.Create(p.Key, ParseD(p.Value)));
}
