using System.Globalization;
using Nabla.NN.Models;
using Nabla.NN.Training;

namespace Nabla.Cli.Execution;

/// <summary>
/// The summary <c>nabla train</c> prints: a few lines of text (with a per-class table for classification), or with
/// <c>--json</c> the library's <see cref="TrainingSummary"/>.
/// </summary>
public static class TrainSummary
{
    /// <summary>Writes the JSON summary (one object, indented) to <paramref name="writer"/>.</summary>
    public static void WriteJson(TextWriter writer, TrainResult r)
    {
        IReadOnlyDictionary<string, double?>? Split(string name) =>
            r.Splits.FirstOrDefault(s => s.Split == name).Evaluation is { } e ? TrainingSummary.Numbers(e.Summary()) : null;
        var summary = new TrainingSummary
        {
            Task = ModelCard.TaskName(r.Data.Task.Kind),
            Epochs = r.History.Epochs.Count,
            Seconds = Math.Round(r.Seconds, 3),
            Output = r.Output,
            Train = Split("train"),
            Validation = Split("validation"),
            Test = Split("test"),
            Classes = PerClass(r),
        };
        writer.WriteLine(summary.ToJson());
    }

    /// <summary>Writes the text summary: task, epochs, time, one line per split, per-class metrics, and where the files are.</summary>
    public static void WriteText(TextWriter w, TrainResult r)
    {
        w.WriteLine($"Trained on {r.Data.Name} ({r.Data.Task}): {r.History.Epochs.Count} epochs in {r.Seconds.ToString("F1", CultureInfo.InvariantCulture)} s.");
        foreach (var (split, e) in r.Splits)
        {
            var parts = e.Summary().Select(kv => $"{kv.Key} {kv.Value.ToString("F4", CultureInfo.InvariantCulture)}");
            w.WriteLine($"  {split,-10} {string.Join("  ", parts)}");
        }
        if (PerClass(r) is { } classes) WriteClasses(w, "test", classes);
        if (r.History.StopReason is { } reason) w.WriteLine($"Stopped early: {reason.TrimEnd('.')}.");
        w.WriteLine($"Model, metrics and report written to {r.Output}/ (open {Path.Combine(r.Output, "report.html")}).");
    }

    /// <summary>A per-class table: precision, recall, F1 and support of every class on <paramref name="split"/>.</summary>
    public static void WriteClasses(TextWriter w, string split, IReadOnlyList<ClassMetrics> classes)
    {
        int width = Math.Max(5, classes.Max(c => c.Class.Length));
        w.WriteLine($"  per class ({split}):");
        w.WriteLine($"    {"class".PadRight(width)}  precision  recall  f1      support");
        foreach (var c in classes)
            w.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    {c.Class.PadRight(width)}  {c.Precision,-9:F4}  {c.Recall,-6:F4}  {c.F1,-6:F4}  {c.Support}"));
    }

    /// <summary>The test split's per-class metrics for classification, else null.</summary>
    public static IReadOnlyList<ClassMetrics>? PerClass(TrainResult r) =>
        r.Data.Task.IsClassification && r.Splits.FirstOrDefault(s => s.Split == "test").Evaluation is { } test
            ? test.PerClass(TrainingSetup.ClassNames(r.Data))
            : null;
}
