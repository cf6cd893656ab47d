using System.Globalization;
using Nabla.Cli.Options;
using Nabla.Cli.Parsing;
using Nabla.NN.Models;
using Nabla.NN.Training;

namespace Nabla.Cli.Execution;

/// <summary>Runs <c>nabla evaluate MODEL</c>: loss and metrics of a saved model on labelled data.</summary>
public static class EvaluateRunner
{
    /// <summary>Evaluates and prints the metrics (text or JSON); returns the exit code.</summary>
    public static int Run(EvaluateOptions o, CliContext context)
    {
        var folder = o.LoadModel();
        var (name, data) = o.Data is not null ? (o.Data, folder.LabelledData(o.Data, o.Csv)) : (folder.Card.Data + " (held-out split)", folder.HeldOutData());
        Evaluation evaluation;
        try { evaluation = folder.Evaluate(data, context.Cancel); }
        catch (OperationCanceledException) { context.Stderr.WriteLine("Interrupted: nothing was evaluated."); return ExitCodes.Interrupted; }
        var summary = EvaluationSummary.Of(folder.Folder ?? o.Model, name, data.Count, evaluation, folder.Card.ClassNames);
        if (o.Json)
        {
            context.Stdout.WriteLine(summary.ToJson());
            return ExitCodes.Success;
        }
        context.Stdout.WriteLine($"Model {summary.Model} on {name} ({data.Count} rows):");
        foreach (var (k, v) in summary.Metrics) context.Stdout.WriteLine($"  {k,-16} {v.ToString("F4", CultureInfo.InvariantCulture)}");
        if (summary.Classes is { } perClass) TrainSummary.WriteClasses(context.Stdout, "this data", perClass);
        return ExitCodes.Success;
    }
}
