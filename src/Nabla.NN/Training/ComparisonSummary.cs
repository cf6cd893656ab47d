using System.Text.Json;
using System.Text.Json.Serialization;

namespace Nabla.NN.Training;

/// <summary>
/// The result of training several variations of one model on the same data, as <c>nabla compare --json</c> prints it:
/// <c>{"output", "runs": [{"label", "output", "epochs", "seconds", "test"}]}</c>.
/// </summary>
/// <param name="Output">The folder holding every run's folder and the comparison report.</param>
/// <param name="Runs">The runs that finished, in the order they ran.</param>
public sealed record ComparisonSummary(
    [property: JsonPropertyName("output")] string Output,
    [property: JsonPropertyName("runs")] IReadOnlyList<ComparisonRun> Runs)
{
    /// <summary>The summary as indented JSON (source generated, see <see cref="RunJsonContext"/>).</summary>
    public string ToJson() => JsonSerializer.Serialize(this, RunJsonContext.Default.ComparisonSummary);
}

/// <summary>One run of a comparison.</summary>
/// <param name="Label">The variation, e.g. "adam minibatch".</param>
/// <param name="Output">The run's own folder.</param>
/// <param name="Epochs">Epochs trained.</param>
/// <param name="Seconds">Wall time of the training loop, rounded to milliseconds.</param>
/// <param name="Test">Headline metrics on the test split, as <see cref="TrainingSummary.Numbers"/> writes them.</param>
public sealed record ComparisonRun(
    [property: JsonPropertyName("label")] string Label,
    [property: JsonPropertyName("output")] string Output,
    [property: JsonPropertyName("epochs")] int Epochs,
    [property: JsonPropertyName("seconds")] double Seconds,
    [property: JsonPropertyName("test")] IReadOnlyDictionary<string, double?> Test);
