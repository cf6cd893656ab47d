using System.Globalization;
using System.Text.Json;
using Nabla.NN.Models;
using Nabla.NN.Training;

namespace Nabla.Cli.Execution;

/// <summary>
/// The summary <c>nabla train</c> prints: a few lines of text, or with <c>--json</c> exactly
/// <c>{"task", "epochs", "seconds", "output", "train", "validation", "test"}</c>, where each split holds
/// <c>loss</c> and <c>accuracy</c> (classification) or <c>r2</c>, <c>rmse</c>, <c>mae</c> (regression).
/// </summary>
public static class TrainSummary
{
    /// <summary>Writes the JSON summary (one object, indented) to <paramref name="writer"/>.</summary>
    public static void WriteJson(TextWriter writer, TrainResult r)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("task", ModelCard.TaskName(r.Data.Task.Kind));
            w.WriteNumber("epochs", r.History.Epochs.Count);
            w.WriteNumber("seconds", Math.Round(r.Seconds, 3));
            w.WriteString("output", r.Output);
            foreach (var split in new[] { "train", "validation", "test" })
            {
                var found = r.Splits.FirstOrDefault(s => s.Split == split);
                if (found.Evaluation is null) { w.WriteNull(split); continue; }
                w.WriteStartObject(split);
                foreach (var (k, v) in found.Evaluation.Summary()) ModelCard.WriteNumber(w, k, v);
                w.WriteEndObject();
            }
            w.WriteEndObject();
        }
        writer.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
    }

    /// <summary>Writes the text summary: task, epochs, time, one line per split, and where the files are.</summary>
    public static void WriteText(TextWriter w, TrainResult r)
    {
        w.WriteLine($"Trained on {r.Data.Name} ({r.Data.Task}): {r.History.Epochs.Count} epochs in {r.Seconds.ToString("F1", CultureInfo.InvariantCulture)} s.");
        foreach (var (split, e) in r.Splits)
        {
            var parts = e.Summary().Select(kv => $"{kv.Key} {kv.Value.ToString("F4", CultureInfo.InvariantCulture)}");
            w.WriteLine($"  {split,-10} {string.Join("  ", parts)}");
        }
        if (r.History.StopReason is { } reason) w.WriteLine($"Stopped early: {reason}.");
        w.WriteLine($"Model, metrics and report written to {r.Output}/ (open {Path.Combine(r.Output, "report.html")}).");
    }
}
