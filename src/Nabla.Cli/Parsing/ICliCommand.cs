namespace Nabla.Cli.Parsing;

/// <summary>A positional argument of a command, e.g. MODEL or EXPR.</summary>
/// <param name="Name">The name shown in help, e.g. <c>MODEL</c>.</param>
/// <param name="Description">One line of help.</param>
public sealed record ArgumentSpec(string Name, string Description);

/// <summary>
/// One <c>nabla</c> subcommand: its name, help, arguments and options, and how to run it once its options
/// are parsed. Implementations parse <see cref="RawOptions"/> into their options record and call the libraries.
/// </summary>
public interface ICliCommand
{
    /// <summary>The word after <c>nabla</c>, e.g. <c>train</c>.</summary>
    string Name { get; }

    /// <summary>One line shown in <c>nabla --help</c> and at the top of the command's help.</summary>
    string Description { get; }

    /// <summary>The positional arguments, all required, in order.</summary>
    IReadOnlyList<ArgumentSpec> Arguments { get; }

    /// <summary>The options, in the order help lists them (without <c>--config</c> and <c>--verbose</c>, which every command has).</summary>
    IReadOnlyList<OptionSpec> Options { get; }

    /// <summary>Runs the command; returns the exit code. Throws <see cref="UsageException"/> or <see cref="CliException"/> for the user's mistakes.</summary>
    int Execute(RawOptions options, CliContext context);
}
