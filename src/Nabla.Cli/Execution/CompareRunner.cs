using System.Globalization;
using Nabla.Cli.Options;
using CompareOptions = Nabla.Cli.Options.CompareOptions;
using Nabla.Cli.Parsing;
using Nabla.Distributed;
using Nabla.NN.Models;
using Nabla.NN.Training;
using Nabla.Whiteboard.Charts;
using Nabla.Whiteboard.Reports;

namespace Nabla.Cli.Execution;

/// <summary>
/// Runs <c>nabla compare</c>: trains every variation on the same data split (loaded once, same seed), writes
/// each run's folder under the output folder, and one <c>report.html</c> overlaying their loss curves.
/// </summary>
public static class CompareRunner
{
    /// <summary>Trains the variations, prints a results table (or JSON) and writes the report; returns the exit code.</summary>
    public static int Run(CompareOptions o, CliContext context)
    {
        var variations = o.Variations();
        var first = variations[0].Options;
        string output = first.Out ?? Path.Combine("runs", "compare-" + DateTime.Now.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture));
        var data = TrainingData.Load(first.DataOptions);
        var results = new List<(string Label, TrainResult Result)>();
        var settings = new List<IReadOnlyList<KeyValuePair<string, string>>>();
        foreach (var (label, options) in variations)
        {
            if (context.Cancel.IsCancellationRequested) break;
            var run = options with { Out = Path.Combine(output, Slug(label)), Quiet = true, Json = false };
            var result = TrainRunner.Train(run, context, label, data);
            if (result.Interrupted) break;
            if (result.Diverged)
            {
                // A variation that diverges (e.g. too large a learning rate) is reported and left out of the comparison.
                context.Stderr.WriteLine($"{label}: {result.History.StopReason}");
                continue;
            }
            results.Add((label, result));
            settings.Add(TrainRunner.Settings(options, TrainingSetup.ResolveLoss(options.Loss, data.Task).Name));
            if (!o.Base.Json && !o.Base.Quiet) context.Stdout.WriteLine($"{label}: {Headline(result)}");
        }
        if (results.Count == 0) return ExitCodes.Interrupted;
        // Under mpirun every rank trains each variation with the others, but only rank 0 writes, as in train: another
        // rank's default folder name could even differ from rank 0's (its clock may have passed a second).
        if (DistributedEnvironment.Rank != 0) return results.Count < variations.Count ? ExitCodes.Interrupted : ExitCodes.Success;
        string report = Path.Combine(output, "report.html");
        ReportHtml.Write(report, Report(data, results, settings));
        if (o.Base.Json) context.Stdout.WriteLine(Summary(output, results).ToJson());
        else
        {
            context.Stdout.WriteLine();
            context.Stdout.WriteLine($"{"run",-28} {"epochs",6} {"seconds",8}  test");
            foreach (var (label, r) in results)
                context.Stdout.WriteLine($"{label,-28} {r.History.Epochs.Count,6} {r.Seconds.ToString("F2", CultureInfo.InvariantCulture),8}  {Headline(r)}");
            context.Stdout.WriteLine($"Comparison report written to {report}.");
        }
        return results.Count < variations.Count ? ExitCodes.Interrupted : ExitCodes.Success;
    }

    private static string Headline(TrainResult r)
    {
        var test = r.Splits.First(s => s.Split == "test").Evaluation;
        return string.Join("  ", test.Summary().Select(kv => $"{kv.Key} {kv.Value.ToString("F4", CultureInfo.InvariantCulture)}"));
    }

    /// <summary>
    /// One settings table for all runs: a setting every run shares is shown once; one that differs lists each run's
    /// value ("adam: 0.001, sgd: 0.1"), so the table never shows one run's value as if it held for all.
    /// </summary>
    private static ReportSetting[] MergedSettings(List<(string Label, TrainResult Result)> results, List<IReadOnlyList<KeyValuePair<string, string>>> settings)
    {
        var keys = settings.SelectMany(s => s.Select(kv => kv.Key)).Distinct();
        return keys.Select(key =>
        {
            var values = settings.Select(s => s.FirstOrDefault(kv => kv.Key == key).Value ?? "-").ToArray();
            string value = values.Distinct().Count() == 1 ? values[0]
                : string.Join(", ", results.Select((r, i) => $"{r.Label}: {values[i]}"));
            return new ReportSetting(key, value);
        }).ToArray();
    }

    private static TrainingReport Report(TrainingData data, List<(string Label, TrainResult Result)> results, List<IReadOnlyList<KeyValuePair<string, string>>> settings)
    {
        var curves = new List<MetricCurve>();
        string main = data.Task.IsClassification ? "accuracy" : "r2";
        curves.Add(new MetricCurve("validation " + main, results.Select((r, i) =>
            new Series(r.Label, r.Result.History.Epochs.Select(e => (double)e.Epoch).ToArray(),
                r.Result.History.Epochs.Select(e => e.Get("val_" + main) ?? e.Get(main) ?? double.NaN).ToArray(), Palette.Color(i))).ToArray()));
        return new TrainingReport
        {
            Title = $"{data.Name}: {results.Count} ways to train the same model",
            Summary = "Loss curves of every run on one chart (solid: train, dashed: validation), same data split and seed.",
            Created = DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture),
            Settings = MergedSettings(results, settings),
            Loss = results.SelectMany((r, i) => RunWriter.LossSeries(r.Result.History, r.Label + " ", Palette.Color(i))).ToArray(),
            MetricCurves = curves,
            LearningRate = results.Select((r, i) => Series.FromValues(r.Label, r.Result.History.LearningRate, Palette.Color(i))).ToArray(),
            FinalMetrics = results.Select(r => new SplitMetrics(r.Label,
                r.Result.Splits.First(s => s.Split == "test").Evaluation.Summary().ToArray())).ToArray(),
            Warnings = results.SelectMany(r => r.Result.History.Warnings.Select(w => $"{r.Label}: {w}")).Distinct().ToArray(),
        };
    }

    private static ComparisonSummary Summary(string output, List<(string Label, TrainResult Result)> results) => new(output,
        [.. results.Select(r => new ComparisonRun(r.Label, r.Result.Output, r.Result.History.Epochs.Count, Math.Round(r.Result.Seconds, 3),
            TrainingSummary.Numbers(r.Result.Splits.First(s => s.Split == "test").Evaluation.Summary())))]);

    private static string Slug(string label) => string.Join('-', label.Split(' ', StringSplitOptions.RemoveEmptyEntries));
}
