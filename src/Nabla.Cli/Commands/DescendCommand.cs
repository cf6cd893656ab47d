using Nabla.Cli.Options;
using Nabla.Cli.Parsing;

namespace Nabla.Cli.Commands;

/// <summary><c>nabla descend</c>: Trace gradient descent on data step by step: batch, predictions, loss and updates.</summary>
public sealed class DescendCommand : ICliCommand
{
    /// <inheritdoc/>
    public string Name => "descend";

    /// <inheritdoc/>
    public string Description => "Trace gradient descent on data step by step: batch, predictions, loss and updates.";

    /// <inheritdoc/>
    public IReadOnlyList<ArgumentSpec> Arguments { get; } = [];

    /// <inheritdoc/>
    public IReadOnlyList<OptionSpec> Options => DescendOptions.Specs;

    /// <inheritdoc/>
    public int Execute(RawOptions options, CliContext context) => Nabla.Cli.Execution.DescendRunner.Run(DescendOptions.From(options), context);
}
