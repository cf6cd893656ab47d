using Nabla.Cli.Options;
using Nabla.Cli.Parsing;
using Nabla.NN.Text;
using Nabla.Whiteboard.Explanations;
using Nabla.Whiteboard.Expressions;
using Nabla.Whiteboard.Rendering;
using LibraryOptions = Nabla.Whiteboard.Explanations.ExplainOptions;

namespace Nabla.Cli.Execution;

/// <summary>Runs <c>nabla explain</c>: the whiteboard explains, this only maps options and prints the chosen format.</summary>
public static class ExplainRunner
{
    /// <summary>Explains the expression and writes it to standard output; returns the exit code.</summary>
    public static int Run(Options.ExplainOptions o, CliContext context)
    {
        var at = new Dictionary<string, double>();
        foreach (var (name, value) in o.At)
        {
            if (!at.TryAdd(name, FloatDecimal.Shortest(value))) throw new UsageException($"--at gives '{name}' twice.");
        }
        var options = new LibraryOptions
        {
            Target = o.Output,
            Wrt = o.Wrt,
            LearningRate = o.Lr is float lr ? FloatDecimal.Shortest(lr) : null,
            Steps = o.Steps,
            Ascent = o.Ascent,
            Loss = o.Loss,
            LossTarget = o.Target is float t ? FloatDecimal.Shortest(t) : null,
            Precision = o.Precision,
        };
        Explanation explanation;
        try
        {
            explanation = Explainer.Explain(o.Expression, at, options);
        }
        catch (ExpressionSyntaxException e)
        {
            // The caret under the offending column is the useful part: print it on its own lines.
            throw new CliException($"the expression does not parse at line {e.Line}, column {e.Column}:\n  {e.Caret.Replace("\n", "\n  ", StringComparison.Ordinal)}");
        }
        context.Stdout.Write(ExplanationRenderer.Render(explanation, ExplanationRenderer.Parse(o.Format)));
        return ExitCodes.Success;
    }
}
