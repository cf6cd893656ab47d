using System.Text.Json;
using System.Text.Json.Serialization;

namespace Nabla.NN.Training;

/// <summary>
/// The summary of a training run as <c>nabla train --json</c> prints it:
/// <c>{"task", "epochs", "seconds", "output", "train", "validation", "test", "classes"}</c>, where each split holds
/// <c>loss</c> and <c>accuracy</c> (classification) or <c>r2</c>, <c>rmse</c>, <c>mae</c> (regression), rounded to 6
/// decimals (null when not finite), and <c>classes</c> (classification only) the test split's per-class metrics.
/// </summary>
public sealed record TrainingSummary
{
    /// <summary>regression, binary or multiclass.</summary>
    [JsonPropertyName("task")] public required string Task { get; init; }

    /// <summary>Epochs trained.</summary>
    [JsonPropertyName("epochs")] public int Epochs { get; init; }

    /// <summary>Wall time of the training loop, rounded to milliseconds.</summary>
    [JsonPropertyName("seconds")] public double Seconds { get; init; }

    /// <summary>The output folder.</summary>
    [JsonPropertyName("output")] public required string Output { get; init; }

    /// <summary>Headline metrics on the training split.</summary>
    [JsonPropertyName("train")] public IReadOnlyDictionary<string, double?>? Train { get; init; }

    /// <summary>Headline metrics on the validation split, or null.</summary>
    [JsonPropertyName("validation")] public IReadOnlyDictionary<string, double?>? Validation { get; init; }

    /// <summary>Headline metrics on the test split, or null.</summary>
    [JsonPropertyName("test")] public IReadOnlyDictionary<string, double?>? Test { get; init; }

    /// <summary>Precision, recall, F1 and support per class on the test split (classification), else left out.</summary>
    [JsonPropertyName("classes"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<ClassMetrics>? Classes { get; init; }

    /// <summary>The values as the summary writes them: rounded to 6 decimals, null when not finite.</summary>
    public static IReadOnlyDictionary<string, double?> Numbers(IReadOnlyDictionary<string, double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var result = new Dictionary<string, double?>(StringComparer.Ordinal);
        foreach (var (k, v) in values) result[k] = double.IsFinite(v) ? Math.Round(v, 6) : null;
        return result;
    }

    /// <summary>The summary as indented JSON.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, SummaryJsonContext.Default.TrainingSummary);
}

/// <summary>Source-generated (reflection-free) JSON of the training and evaluation summaries.</summary>
[JsonSourceGenerationOptions(WriteIndented = true)]
[JsonSerializable(typeof(TrainingSummary))]
[JsonSerializable(typeof(IReadOnlyList<ClassMetrics>))]
internal sealed partial class SummaryJsonContext : JsonSerializerContext;
