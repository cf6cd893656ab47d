using System.Text.Json;
using System.Text.Json.Serialization;
using Nabla.NN.Models;

namespace Nabla.NN.Training;

/// <summary>
/// A saved model scored on labelled data, as <c>nabla evaluate</c> prints it. As JSON (<see cref="ToJson"/>):
/// <c>{"model", "data", "rows", &lt;metric&gt;..., "classes"}</c>, where every metric is a top-level number rounded to 6
/// decimals (null when not finite, see <see cref="ModelCard.Metric"/>) and <c>classes</c> (classification only) holds
/// precision, recall, F1 and support per class.
/// </summary>
public sealed record EvaluationSummary
{
    /// <summary>The model folder.</summary>
    public required string Model { get; init; }

    /// <summary>What was scored: a file, or the training data's held-out split.</summary>
    public required string Data { get; init; }

    /// <summary>Rows scored.</summary>
    public int Rows { get; init; }

    /// <summary>The headline metrics (<see cref="Evaluation.Summary"/>), then every other metric of the evaluation.</summary>
    public required IReadOnlyList<KeyValuePair<string, double>> Metrics { get; init; }

    /// <summary>Per-class metrics (classification), else null.</summary>
    public IReadOnlyList<ClassMetrics>? Classes { get; init; }

    /// <summary>The summary of <paramref name="evaluation"/> of <paramref name="model"/> on <paramref name="data"/>, classes named from <paramref name="classNames"/>.</summary>
    public static EvaluationSummary Of(string model, string data, int rows, Evaluation evaluation, IReadOnlyList<string>? classNames)
    {
        ArgumentNullException.ThrowIfNull(evaluation);
        var headline = evaluation.Summary();
        return new EvaluationSummary
        {
            Model = model,
            Data = data,
            Rows = rows,
            Metrics = [.. headline, .. evaluation.Metrics.Where(kv => !headline.ContainsKey(kv.Key))],
            Classes = evaluation.Predictions.Task.IsClassification ? evaluation.PerClass(classNames) : null,
        };
    }

    /// <summary>The summary as indented JSON (source generated, see <see cref="RunJsonContext"/>).</summary>
    public string ToJson()
    {
        // The metrics are named by the evaluation, so they travel as extension data, which the serializer writes after
        // the named properties and in insertion order: the metrics, then "classes".
        var json = new EvaluationSummaryJson { Model = Model, Data = Data, Rows = Rows };
        foreach (var (name, value) in Metrics)
            json.Rest[name] = JsonSerializer.SerializeToElement(ModelCard.Metric(value), RunJsonContext.Default.NullableDouble);
        if (Classes is not null) json.Rest["classes"] = JsonSerializer.SerializeToElement(Classes, SummaryJsonContext.Default.IReadOnlyListClassMetrics);
        return JsonSerializer.Serialize(json, RunJsonContext.Default.EvaluationSummaryJson);
    }
}

/// <summary>The evaluation summary as written.</summary>
internal sealed class EvaluationSummaryJson
{
    [JsonPropertyName("model")] public required string Model { get; init; }
    [JsonPropertyName("data")] public required string Data { get; init; }
    [JsonPropertyName("rows")] public int Rows { get; init; }
    [JsonExtensionData] public Dictionary<string, JsonElement> Rest { get; } = new(StringComparer.Ordinal);
}
