using Nabla.Cli.Parsing;
using Nabla.Distributed;

namespace Nabla.Cli.Commands;

/// <summary>A <c>nabla</c> subcommand built from its parts: parse the raw options into <typeparamref name="TOptions"/>,
/// then run. Every command has this one shape, so none needs a class of its own.</summary>
/// <typeparam name="TOptions">The command's options record.</typeparam>
internal sealed class CliCommand<TOptions>(
    string name, string description, IReadOnlyList<ArgumentSpec> arguments, IReadOnlyList<OptionSpec> options,
    Func<RawOptions, TOptions> parse, Func<TOptions, CliContext, int> run, bool everyRank) : ICliCommand
{
    /// <inheritdoc/>
    public string Name => name;

    /// <inheritdoc/>
    public string Description => description;

    /// <inheritdoc/>
    public IReadOnlyList<ArgumentSpec> Arguments => arguments;

    /// <inheritdoc/>
    public IReadOnlyList<OptionSpec> Options => options;

    /// <inheritdoc/>
    public int Execute(RawOptions options, CliContext context)
    {
        TOptions parsed = parse(options); // every rank validates, so a usage error reads the same on all of them
        // Under mpirun only the commands that train through TrainRunner (which joins the ranks' group) run on every
        // rank; any other would do the same work N times and write its output files N times over: rank 0 runs it.
        if (!everyRank && DistributedEnvironment.Rank != 0) return ExitCodes.Success;
        return run(parsed, context);
    }
}

/// <summary>Builds <see cref="CliCommand{TOptions}"/> rows with the options type inferred.</summary>
internal static class CliCommand
{
    /// <summary>
    /// A command named <paramref name="name"/> that parses with <paramref name="parse"/> and runs <paramref name="run"/>;
    /// under <c>mpirun</c> it runs on rank 0 only, unless <paramref name="everyRank"/> (it trains, and the ranks train together).
    /// </summary>
    public static ICliCommand Of<TOptions>(string name, string description, IReadOnlyList<ArgumentSpec> arguments,
        IReadOnlyList<OptionSpec> options, Func<RawOptions, TOptions> parse, Func<TOptions, CliContext, int> run,
        bool everyRank = false) =>
        new CliCommand<TOptions>(name, description, arguments, options, parse, run, everyRank);
}
