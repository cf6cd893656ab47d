using System.CommandLine;
using System.CommandLine.Invocation;
using System.Reflection;
using Nabla.Cli.Commands;
using Nabla.Cli.Parsing;

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
        if (stdout is not null) return Run(args, stdout, stderr, CancellationToken.None);
        // Writing to the real console: Ctrl-C asks a running command to stop cleanly.
        using var ctrlC = new CtrlC();
        return Run(args, stdout, stderr, ctrlC.Token);
    }

    /// <summary>
    /// Runs the tool with <paramref name="args"/>; <paramref name="cancel"/> is Ctrl-C. Errors the user can fix
    /// print one line (a stack trace only with <c>--verbose</c>); returns the exit code (see <see cref="ExitCodes"/>).
    /// </summary>
    public static int Run(string[] args, TextWriter? stdout, TextWriter? stderr, CancellationToken cancel)
    {
        bool console = stdout is null;
        // Class labels, column names and paths may be any Unicode (an emoji, not '?'), whatever the locale says.
        if (console) Console.OutputEncoding = new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
        stdout ??= Console.Out;
        stderr ??= Console.Error;
        bool verbose = args.Contains("--verbose");
        var context = new CliContext(stdout, stderr, cancel, IsTerminal: console && !Console.IsOutputRedirected);
        var root = BuildRoot(context);
        // Bare 'nabla' shows the overview rather than an error: it is how people discover the tool.
        var parse = root.Parse(args.Length == 0 ? ["--help"] : args);
        var invocation = new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null };
        try
        {
            if (parse.Action is ParseErrorAction)
            {
                string command = parse.CommandResult.Command is RootCommand ? "nabla" : "nabla " + parse.CommandResult.Command.Name;
                foreach (var error in parse.Errors) stderr.WriteLine($"{command}: {error.Message}");
                stderr.WriteLine($"Run '{command} --help' to see the options.");
                return ExitCodes.Usage;
            }
            return parse.Invoke(invocation);
        }
        catch (UsageException e)
        {
            return Fail(stderr, parse, e, ExitCodes.Usage, verbose);
        }
        catch (CliException e)
        {
            return Fail(stderr, parse, e, ExitCodes.Failure, verbose);
        }
        catch (Exception e) when (UserErrors.Translate(e) is { } message)
        {
            return Fail(stderr, parse, new CliException(message, e), ExitCodes.Failure, verbose);
        }
        catch (Exception e) when (!verbose)
        {
            stderr.WriteLine($"nabla: internal error: {e.GetType().Name}: {ShellText.Cap(e.Message)}");
            stderr.WriteLine("This is a bug in nabla. Run again with --verbose for the full details and report them.");
            return ExitCodes.Failure;
        }
    }

    private static int Fail(TextWriter stderr, ParseResult parse, Exception e, int code, bool verbose)
    {
        string command = parse.CommandResult.Command is RootCommand ? "nabla" : "nabla " + parse.CommandResult.Command.Name;
        stderr.WriteLine($"{command}: {(verbose ? e.Message : ShellText.Cap(e.Message))}");
        if (verbose) stderr.WriteLine((e.InnerException ?? e).ToString());
        return code;
    }

    private static RootCommand BuildRoot(CliContext context)
    {
        var root = new RootCommand("nabla: train, evaluate, predict and explain neural networks; backpropagation done properly and visibly.");
        foreach (var definition in CommandCatalog.All)
            root.Add(CommandBuilder.Build(definition, (d, raw) => d.Execute(raw, context)));
        foreach (var option in root.Options)
            if (option is VersionOption) option.Action = new VersionAction();
        return root;
    }

    /// <summary>Prints <c>nabla X.Y.Z</c> (without the source revision System.CommandLine would add).</summary>
    private sealed class VersionAction : SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parseResult)
        {
            parseResult.InvocationConfiguration.Output.WriteLine($"nabla {Version}");
            return ExitCodes.Success;
        }
    }
}
