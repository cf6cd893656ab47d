using Nabla.Cli.Options;
using Nabla.Cli.Parsing;

namespace Nabla.Cli.Commands;

/// <summary><c>nabla compare</c>: Train the same model several ways and overlay their loss curves in one report.</summary>
public sealed class CompareCommand : ICliCommand
{
    /// <inheritdoc/>
    public string Name => "compare";

    /// <inheritdoc/>
    public string Description => "Train the same model several ways and overlay their loss curves in one report.";

    /// <inheritdoc/>
    public IReadOnlyList<ArgumentSpec> Arguments { get; } = [];

    /// <inheritdoc/>
    public IReadOnlyList<OptionSpec> Options => CompareOptions.Specs;

    /// <inheritdoc/>
    public int Execute(RawOptions options, CliContext context) => Nabla.Cli.Execution.CompareRunner.Run(CompareOptions.From(options), context);
}
