using System.Text.Json.Serialization;

namespace Nabla.NN.Data;

// The preprocessor's JSON shape, (de)serialised by System.Text.Json source generation (no reflection: NativeAOT- and
// trimming-safe). Every field is nullable so a missing one is reported by name in Preprocessor.FromJson, not as a
// serializer exception; "fill" and "target" are written even when null, as version 1 wrote them.

internal sealed class PreprocessorJson
{
    public string? Format { get; set; }
    public int? Version { get; set; }
    public string[]? Columns { get; set; }
    public bool? HasHeader { get; set; }
    public bool? Standardize { get; set; }
    public string? MissingValues { get; set; }
    public string? UnknownCategories { get; set; }
    public string[]? MissingMarkers { get; set; }
    public FeatureJson[]? Features { get; set; }
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public TargetJson? Target { get; set; }
    public string[]? Warnings { get; set; }
}

internal sealed class FeatureJson
{
    public string? Name { get; set; }
    public int? Index { get; set; }
    public string? Kind { get; set; }
    public double? Mean { get; set; }
    public double? Std { get; set; }
    public string[]? Categories { get; set; }
    public DatePartJson[]? Parts { get; set; }
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? Fill { get; set; }
}

internal sealed class DatePartJson
{
    public string? Name { get; set; }
    public double? Mean { get; set; }
    public double? Std { get; set; }
}

internal sealed class TargetJson
{
    public string? Name { get; set; }
    public int? Index { get; set; }
    public string? Kind { get; set; }
    public string[]? Labels { get; set; }
    public ScaleJson? Scale { get; set; }
}

internal sealed class ScaleJson
{
    public double? Mean { get; set; }
    public double? Std { get; set; }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(PreprocessorJson))]
internal sealed partial class PreprocessorJsonContext : JsonSerializerContext;
