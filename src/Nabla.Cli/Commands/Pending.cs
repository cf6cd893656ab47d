using Nabla.Cli.Parsing;

namespace Nabla.Cli.Commands;

/// <summary>
/// Answers for a command whose options are parsed and validated but whose library is not merged yet:
/// an honest error naming the issue that delivers it. Removed command by command as the libraries land.
/// </summary>
internal static class Pending
{
    /// <summary>Throws a <see cref="CliException"/> saying the command is not available in this build.</summary>
    public static int Run<T>(T options, string command, int issue) where T : notnull =>
        throw new CliException($"'{command}' parsed its options but is not available in this build yet (it is delivered by issue #{issue}).");
}
