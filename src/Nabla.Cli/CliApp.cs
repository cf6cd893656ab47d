using System.Reflection;

namespace Nabla.Cli;

/// <summary>Entry point of the <c>nabla</c> tool: parses arguments and dispatches to a command.</summary>
public static class CliApp
{
    /// <summary>The tool's version, from the assembly's informational version.</summary>
    public static string Version =>
        typeof(CliApp).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? "0.0.0";

    /// <summary>Runs the tool with <paramref name="args"/>, writing to the given writers; returns the exit code.</summary>
    public static int Run(string[] args, TextWriter? stdout = null, TextWriter? stderr = null)
    {
        stdout ??= Console.Out;
        stderr ??= Console.Error;
        if (args.Length == 0 || args[0] is "--help" or "-h" or "help")
        {
            stdout.WriteLine(HelpText);
            return 0;
        }
        if (args[0] is "--version")
        {
            stdout.WriteLine($"nabla {Version}");
            return 0;
        }
        stderr.WriteLine($"nabla: unknown command '{args[0]}'. Run 'nabla --help' for the list of commands.");
        return 2;
    }

    private const string HelpText = """
        nabla: backpropagation done properly and visibly.

        Usage: nabla <command> [options]

        Options:
          --help       Show this help.
          --version    Show the version.
        """;
}
