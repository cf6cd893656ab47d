using Nabla.Cli.Options;
using Nabla.Cli.Parsing;

namespace Nabla.Cli.Commands;

/// <summary><c>nabla explain-net</c>: Explain one sample's forward and backward pass through a small dense network, neuron by neuron.</summary>
public sealed class ExplainNetCommand : ICliCommand
{
    /// <inheritdoc/>
    public string Name => "explain-net";

    /// <inheritdoc/>
    public string Description => "Explain one sample's forward and backward pass through a small dense network, neuron by neuron.";

    /// <inheritdoc/>
    public IReadOnlyList<ArgumentSpec> Arguments { get; } = [];

    /// <inheritdoc/>
    public IReadOnlyList<OptionSpec> Options => ExplainNetOptions.Specs;

    /// <inheritdoc/>
    public int Execute(RawOptions options, CliContext context) => Nabla.Cli.Execution.ExplainNetRunner.Run(ExplainNetOptions.From(options), context);
}
