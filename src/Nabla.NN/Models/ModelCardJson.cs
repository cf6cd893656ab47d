using System.Text.Json;
using System.Text.Json.Serialization;

namespace Nabla.NN.Models;

// model.json as records the System.Text.Json source generator writes (no reflection, so trimming and NativeAOT keep
// working). Properties are written in declaration order; the optional ones are left out when null, as before.

/// <summary>The card as written.</summary>
internal sealed record ModelCardJson(
    [property: JsonPropertyName("format")] string Format,
    [property: JsonPropertyName("format_version")] int FormatVersion,
    [property: JsonPropertyName("library")] string Library,
    [property: JsonPropertyName("created")] string Created,
    [property: JsonPropertyName("task")] string Task,
    [property: JsonPropertyName("classes"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? Classes,
    [property: JsonPropertyName("architecture")] ArchitectureJson Architecture,
    [property: JsonPropertyName("loss")] string Loss,
    [property: JsonPropertyName("data")] string Data,
    [property: JsonPropertyName("data_sha256")] string DataSha256,
    [property: JsonPropertyName("weights_sha256"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? WeightsSha256,
    [property: JsonPropertyName("features")] IReadOnlyList<string> Features,
    [property: JsonPropertyName("epochs")] int Epochs,
    [property: JsonPropertyName("seconds")] double Seconds,
    [property: JsonPropertyName("settings"), JsonConverter(typeof(OrderedPairsConverter))] IReadOnlyList<KeyValuePair<string, string>> Settings,
    [property: JsonPropertyName("metrics")] Dictionary<string, Dictionary<string, double?>> Metrics,
    [property: JsonPropertyName("preprocessing"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] JsonElement? Preprocessing);

/// <summary>The <c>architecture</c> object.</summary>
internal sealed record ArchitectureJson(
    [property: JsonPropertyName("inputs")] int Inputs,
    [property: JsonPropertyName("hidden")] IReadOnlyList<int> Hidden,
    [property: JsonPropertyName("outputs")] int Outputs,
    [property: JsonPropertyName("activation")] string Activation,
    [property: JsonPropertyName("dropout")] float Dropout,
    [property: JsonPropertyName("init")] string Init);

/// <summary>Writes name/value pairs as one JSON object in list order (settings keep their display order).</summary>
internal sealed class OrderedPairsConverter : JsonConverter<IReadOnlyList<KeyValuePair<string, string>>>
{
    /// <inheritdoc />
    public override IReadOnlyList<KeyValuePair<string, string>> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("model cards are read with ModelCard.Load");

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, IReadOnlyList<KeyValuePair<string, string>> value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        foreach (var (k, v) in value) writer.WriteString(k, v);
        writer.WriteEndObject();
    }
}

[JsonSerializable(typeof(ModelCardJson))]
[JsonSourceGenerationOptions(WriteIndented = true)]
internal sealed partial class ModelCardJsonContext : JsonSerializerContext;
