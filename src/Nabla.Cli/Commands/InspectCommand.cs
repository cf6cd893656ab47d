using Nabla.Cli.Options;
using Nabla.Cli.Parsing;

namespace Nabla.Cli.Commands;

/// <summary><c>nabla inspect</c>: Show a trained model's architecture, parameter counts and model card.</summary>
public sealed class InspectCommand : ICliCommand
{
    /// <inheritdoc/>
    public string Name => "inspect";

    /// <inheritdoc/>
    public string Description => "Show a trained model's architecture, parameter counts and model card.";

    /// <inheritdoc/>
    public IReadOnlyList<ArgumentSpec> Arguments { get; } = [new("MODEL", "The output folder of 'nabla train' or the model file in it.")];

    /// <inheritdoc/>
    public IReadOnlyList<OptionSpec> Options => InspectOptions.Specs;

    /// <inheritdoc/>
    public int Execute(RawOptions options, CliContext context) => Nabla.Cli.Execution.InspectRunner.Run(InspectOptions.From(options), context);
}
