using Nabla.Cli.Options;
using Nabla.Cli.Parsing;
using Nabla.NN.Registries;
using Nabla.NN.Text;
using Nabla.Whiteboard.Networks;

namespace Nabla.Cli.Execution;

/// <summary>Runs <c>nabla explain-net</c>: maps the options to a <see cref="NetworkSpec"/> and prints the explanation.</summary>
public static class ExplainNetRunner
{
    /// <summary>Explains the network and writes it to standard output; returns the exit code.</summary>
    public static int Run(ExplainNetOptions o, CliContext context)
    {
        var spec = new NetworkSpec
        {
            Layers = o.Layers,
            // The whiteboard's activations carry the registry's names without the hyphen (a-b -> AB).
            Activation = ActivationRegistry.All[o.Activation],
            Bias = o.Bias,
            Weights = o.Weights?.Select(FloatDecimal.Shortest).ToArray(),
            Seed = (ulong)o.Seed,
            X = o.X.Select(FloatDecimal.Shortest).ToArray(),
            Y = o.Y.Select(FloatDecimal.Shortest).ToArray(),
            Loss = NetLossRegistry.All[o.Loss].Value,
            LearningRate = FloatDecimal.Shortest(o.Lr),
            Precision = o.Precision,
        };
        var e = NetworkExplainer.Explain(spec);
        if (o.Matrix)
        {
            context.Stdout.Write(NetworkMatrix.Render(e));
            return ExitCodes.Success;
        }
        NetworkDrawing Drawing()
        {
            try { return NetworkDrawing.Of(e, o.Highlight); }
            catch (ArgumentException x) { throw new UsageException($"--highlight {o.Highlight}: {x.Message}."); }
        }
        context.Stdout.Write(o.Format switch
        {
            "markdown" => NetworkMarkdown.Render(e),
            "json" => NetworkJson.Render(e),
            "svg" => Drawing().ToSvg(),
            "dot" => Drawing().ToDot(),
            "mermaid" => Drawing().ToMermaid(),
            "html" => Nabla.Whiteboard.Rendering.InteractivePage.Of(e, Drawing()),
            _ => NetworkText.Render(e),
        });
        return ExitCodes.Success;
    }
}
