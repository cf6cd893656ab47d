using System.Globalization;
using Nabla.Cli.Options;
using Nabla.Cli.Parsing;
using Nabla.NN.Models;

namespace Nabla.Cli.Execution;

/// <summary>Runs <c>nabla inspect MODEL</c>: architecture table, parameter counts and the model card.</summary>
public static class InspectRunner
{
    /// <summary>Prints the summary (or model.json with <c>--json</c>); returns the exit code.</summary>
    public static int Run(InspectOptions o, CliContext context)
    {
        var folder = ModelPackage.Load(o.Model, o.LoadOptions);
        var w = context.Stdout;
        if (o.Json)
        {
            w.WriteLine(File.ReadAllText(Path.Combine(folder.Folder!, ModelPackage.CardFile)).TrimEnd());
            return ExitCodes.Success;
        }
        var card = folder.Card;
        w.WriteLine($"Model {folder.Folder}: {card.Spec.Shape} MLP, {ModelCard.TaskName(card.Task)} task{(card.ClassNames is { } c ? $" with {c.Count} classes ({string.Join(", ", c.Take(12))}{(c.Count > 12 ? ", ..." : "")})" : "")}.");
        w.WriteLine();
        w.WriteLine($"  {"layer",-6} {"kind",-22} {"output",-8} {"parameters",10}");
        long total = 0;
        foreach (var row in RunWriter.Architecture(folder.Model, card.Spec.Inputs))
        {
            w.WriteLine($"  {row.Name,-6} {row.Kind,-22} {row.OutputShape,-8} {row.Parameters.ToString("N0", CultureInfo.InvariantCulture),10}");
            total += row.Parameters;
        }
        w.WriteLine($"  {"total",-6} {"",-22} {"",-8} {total.ToString("N0", CultureInfo.InvariantCulture),10}");
        w.WriteLine();
        w.WriteLine($"Trained on {card.Data} (sha256 {card.DataSha256[..Math.Min(12, card.DataSha256.Length)]}...) for {card.Epochs} epochs in {card.Seconds.ToString("F1", CultureInfo.InvariantCulture)} s with nabla {card.Library}, {card.Created}.");
        w.WriteLine($"Inputs ({card.FeatureNames.Count}): {string.Join(", ", card.FeatureNames.Take(8))}{(card.FeatureNames.Count > 8 ? ", ..." : "")}");
        w.WriteLine("Settings: " + string.Join(", ", card.Settings.Select(kv => $"{kv.Key}={kv.Value}")));
        foreach (var (split, values) in card.Metrics)
            w.WriteLine($"  {split,-10} " + string.Join("  ", values.Select(kv => $"{kv.Key} {kv.Value.ToString("F4", CultureInfo.InvariantCulture)}")));
        return ExitCodes.Success;
    }
}
