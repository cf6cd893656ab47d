using Nabla.Cli.Options;
using Nabla.Cli.Parsing;

namespace Nabla.Cli.Commands;

/// <summary><c>nabla explain</c>: Explain an expression's forward and backward pass step by step, the way a teacher works it.</summary>
public sealed class ExplainCommand : ICliCommand
{
    /// <inheritdoc/>
    public string Name => "explain";

    /// <inheritdoc/>
    public string Description => "Explain an expression's forward and backward pass step by step, the way a teacher works it.";

    /// <inheritdoc/>
    public IReadOnlyList<ArgumentSpec> Arguments { get; } = [new("EXPR", "The expression, e.g. \"g = -2*w1; y = w2 + g; z = y*w3\".")];

    /// <inheritdoc/>
    public IReadOnlyList<OptionSpec> Options => ExplainOptions.Specs;

    /// <inheritdoc/>
    public int Execute(RawOptions options, CliContext context) => Nabla.Cli.Execution.ExplainRunner.Run(ExplainOptions.From(options), context);
}
