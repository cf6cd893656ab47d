using Nabla.Cli.Options;
using Nabla.Cli.Parsing;

namespace Nabla.Cli.Commands;

/// <summary><c>nabla train</c>: Train a neural network on a CSV file or a built-in data set and write the model and a report.</summary>
public sealed class TrainCommand : ICliCommand
{
    /// <inheritdoc/>
    public string Name => "train";

    /// <inheritdoc/>
    public string Description => "Train a neural network on a CSV file or a built-in data set and write the model and a report.";

    /// <inheritdoc/>
    public IReadOnlyList<ArgumentSpec> Arguments { get; } = [];

    /// <inheritdoc/>
    public IReadOnlyList<OptionSpec> Options => TrainOptions.Specs;

    /// <inheritdoc/>
    public int Execute(RawOptions options, CliContext context) => Nabla.Cli.Execution.TrainRunner.Run(TrainOptions.From(options), context);
}
