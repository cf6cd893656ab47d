using System.Text.Json.Serialization;

namespace Nabla.NN.Training;

/// <summary>
/// Source-generated (reflection-free) JSON of what the <c>nabla</c> commands print or write beside a run: the evaluation
/// and comparison summaries and the run's config file. Indented; properties in declaration order.
/// </summary>
[JsonSourceGenerationOptions(WriteIndented = true)]
[JsonSerializable(typeof(EvaluationSummaryJson))]
[JsonSerializable(typeof(ComparisonSummary))]
[JsonSerializable(typeof(Dictionary<string, string?>))]
[JsonSerializable(typeof(double?))]
internal sealed partial class RunJsonContext : JsonSerializerContext;
