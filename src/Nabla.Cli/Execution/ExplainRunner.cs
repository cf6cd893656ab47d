using Nabla.Cli.Parsing;
using Nabla.Whiteboard.Explanations;
using CliExplainOptions = Nabla.Cli.Options.ExplainOptions;

namespace Nabla.Cli.Execution;

/// <summary>Runs <c>nabla explain</c>: the whiteboard explains the expression; the CLI only picks the format.</summary>
public static class ExplainRunner
{
    /// <summary>The formats the whiteboard renders in this build.</summary>
    public static readonly string[] AvailableFormats = ["text"];

    /// <summary>Explains and prints; returns the exit code.</summary>
    public static int Run(CliExplainOptions o, CliContext context)
    {
        if (!AvailableFormats.Contains(o.Format))
            throw new CliException($"--format {o.Format} is not available in this build yet; available: {string.Join(", ", AvailableFormats)}.");
        var options = new ExplainOptions
        {
            Target = o.Output,
            Wrt = o.Wrt,
            LearningRate = o.Lr,
            Steps = o.Steps,
            Ascent = o.Ascent,
            Loss = o.Loss,
            LossTarget = o.Target,
            Precision = o.Precision,
        };
        var at = o.At.ToDictionary(p => p.Key, p => (double)p.Value);
        var explanation = Explainer.Explain(o.Expression, at, options);
        context.Stdout.Write(ExplanationText.Render(explanation));
        return ExitCodes.Success;
    }
}
