using Nabla.Cli.Parsing;

namespace Nabla.Cli.Commands;

/// <summary>A <c>nabla</c> subcommand built from its parts: parse the raw options into <typeparamref name="TOptions"/>,
/// then run. Every command has this one shape, so none needs a class of its own.</summary>
/// <typeparam name="TOptions">The command's options record.</typeparam>
internal sealed class CliCommand<TOptions>(
    string name, string description, IReadOnlyList<ArgumentSpec> arguments, IReadOnlyList<OptionSpec> options,
    Func<RawOptions, TOptions> parse, Func<TOptions, CliContext, int> run) : ICliCommand
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
    public int Execute(RawOptions options, CliContext context) => run(parse(options), context);
}

/// <summary>Builds <see cref="CliCommand{TOptions}"/> rows with the options type inferred.</summary>
internal static class CliCommand
{
    /// <summary>A command named <paramref name="name"/> that parses with <paramref name="parse"/> and runs <paramref name="run"/>.</summary>
    public static ICliCommand Of<TOptions>(string name, string description, IReadOnlyList<ArgumentSpec> arguments,
        IReadOnlyList<OptionSpec> options, Func<RawOptions, TOptions> parse, Func<TOptions, CliContext, int> run) =>
        new CliCommand<TOptions>(name, description, arguments, options, parse, run);
}
