using Nabla.Cli.Options;
using Nabla.Cli.Parsing;

namespace Nabla.Cli.Commands;

/// <summary><c>nabla evaluate</c>: Score a trained model on labelled data.</summary>
public sealed class EvaluateCommand : ICliCommand
{
    /// <inheritdoc/>
    public string Name => "evaluate";

    /// <inheritdoc/>
    public string Description => "Score a trained model on labelled data.";

    /// <inheritdoc/>
    public IReadOnlyList<ArgumentSpec> Arguments { get; } = [new("MODEL", "The output folder of 'nabla train' or the model file in it.")];

    /// <inheritdoc/>
    public IReadOnlyList<OptionSpec> Options => EvaluateOptions.Specs;

    /// <inheritdoc/>
    public int Execute(RawOptions options, CliContext context) => Nabla.Cli.Execution.EvaluateRunner.Run(EvaluateOptions.From(options), context);
}
