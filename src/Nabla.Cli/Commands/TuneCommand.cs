using Nabla.Cli.Options;
using Nabla.Cli.Parsing;

namespace Nabla.Cli.Commands;

/// <summary><c>nabla tune</c>: Search widths, depths, learning rates, weight decays and batch sizes; write a leaderboard and the best model.</summary>
public sealed class TuneCommand : ICliCommand
{
    /// <inheritdoc/>
    public string Name => "tune";

    /// <inheritdoc/>
    public string Description => "Search widths, depths, learning rates, weight decays and batch sizes; write a leaderboard and the best model.";

    /// <inheritdoc/>
    public IReadOnlyList<ArgumentSpec> Arguments { get; } = [];

    /// <inheritdoc/>
    public IReadOnlyList<OptionSpec> Options => TuneOptions.Specs;

    /// <inheritdoc/>
    public int Execute(RawOptions options, CliContext context) => Nabla.Cli.Execution.TuneRunner.Run(TuneOptions.From(options), context);
}
