using Nabla.Cli.Options;
using Nabla.Cli.Parsing;

namespace Nabla.Cli.Commands;

/// <summary><c>nabla predict</c>: Predict new rows of a CSV file with a trained model.</summary>
public sealed class PredictCommand : ICliCommand
{
    /// <inheritdoc/>
    public string Name => "predict";

    /// <inheritdoc/>
    public string Description => "Predict new rows of a CSV file with a trained model.";

    /// <inheritdoc/>
    public IReadOnlyList<ArgumentSpec> Arguments { get; } = [new("MODEL", "The output folder of 'nabla train' or the model file in it.")];

    /// <inheritdoc/>
    public IReadOnlyList<OptionSpec> Options => PredictOptions.Specs;

    /// <inheritdoc/>
    public int Execute(RawOptions options, CliContext context) => Nabla.Cli.Execution.PredictRunner.Run(PredictOptions.From(options), context);
}
