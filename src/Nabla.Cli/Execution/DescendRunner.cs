using Nabla.Cli.Options;
using Nabla.Cli.Parsing;
using Nabla.NN.Registries;
using Nabla.NN.Text;
using Nabla.Whiteboard.Descent;

namespace Nabla.Cli.Execution;

/// <summary>Runs <c>nabla descend</c>: reads the table, traces gradient descent with the whiteboard, prints it and writes the plot.</summary>
public static class DescendRunner
{
    /// <summary>Traces descent and writes it to standard output (and the SVG plot with --plot); returns the exit code.</summary>
    public static int Run(DescendOptions o, CliContext context)
    {
        var model = o.Model == "mlp" ? DescentModel.Mlp : DescentModel.Linear;
        var spec = o.Data is null ? DescentSpec.Lecture() : DescentSpec.FromCsv(o.Data, o.Target ?? throw new UsageException($"--data {o.Data} needs --target COLUMN: the name of the column to predict."));
        // The lecture's raw units suit its linear start; an MLP's tanh needs standardised inputs and the usual rate.
        if (o.Data is null && model == DescentModel.Mlp) spec = spec with { Standardize = true, LearningRate = DescendOptions.DefaultLr };
        spec = spec with
        {
            Model = model,
            Mode = ModeRegistry.All[o.Mode].Create(o.BatchSize),
            LearningRate = o.Lr is float lr ? FloatDecimal.Shortest(lr) : spec.LearningRate,
            Steps = o.Steps,
            Seed = (ulong)o.Seed,
            Precision = o.Precision,
        };
        var trace = DescentTracer.Trace(spec);
        context.Stdout.Write(o.Format == "html" ? DescentPage.Of(trace) : DescentText.Render(trace));
        if (o.Plot is { } plot)
        {
            File.WriteAllText(plot, DescentText.LossChart(trace) + "\n");
            // The page is the whole of standard output with --format html: the note would land after </html>.
            if (o.Format != "html") context.Stdout.WriteLine($"\nLoss chart written to {plot}");
        }
        return ExitCodes.Success;
    }
}
