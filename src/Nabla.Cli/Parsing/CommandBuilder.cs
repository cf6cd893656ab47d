using System.CommandLine;

namespace Nabla.Cli.Parsing;

/// <summary>
/// Turns an <see cref="ICliCommand"/> into a System.CommandLine <see cref="Command"/>. Every option is parsed
/// as text here and validated by the command's options record, so that flags and config-file keys share one
/// set of rules and one style of error message.
/// </summary>
public static class CommandBuilder
{
    // Declared like every command's options (and before the specs below, which static initialisation reads in order).
    private static readonly TypedOption<string?> ConfigOption = TypedOptions.Text("config", "FILE", "Read options from a JSON or YAML file with the same keys as the flags; flags given on the command line win.");
    private static readonly TypedOption<bool> VerboseOption = TypedOptions.Flag("verbose", "Show full error details (stack traces).");

    /// <summary>The options every command has, besides its own.</summary>
    public static readonly OptionSpec Config = ConfigOption.Spec;

    /// <summary>Show the full stack trace of an error instead of one line.</summary>
    public static readonly OptionSpec Verbose = VerboseOption.Spec;

    /// <summary>Builds the System.CommandLine command; its action parses options and calls <paramref name="run"/>.</summary>
    public static Command Build(ICliCommand definition, Func<ICliCommand, RawOptions, int> run)
    {
        var command = new Command(definition.Name, definition.Description);
        var arguments = new List<(ArgumentSpec Spec, Argument<string> Argument)>();
        foreach (var spec in definition.Arguments)
        {
            var argument = new Argument<string>(spec.Name) { Description = spec.Description };
            command.Add(argument);
            arguments.Add((spec, argument));
        }
        var options = new List<(OptionSpec Spec, Option Option)>();
        foreach (var spec in definition.Options.Append(Config).Append(Verbose))
        {
            Option option = spec.IsFlag
                ? new Option<bool>("--" + spec.Name) { Description = spec.HelpText }
                : new Option<string>("--" + spec.Name) { Description = spec.HelpText, HelpName = spec.ValueName };
            command.Add(option);
            options.Add((spec, option));
        }
        command.SetAction(parseResult =>
        {
            var raw = new RawOptions();
            foreach (var (_, argument) in arguments) raw.Arguments.Add(parseResult.GetValue(argument)!);
            // The config file first, then the command line on top of it: flags override the file.
            if (parseResult.GetValue((Option<string>)options.Single(o => o.Spec == Config).Option) is { } configPath)
                foreach (var (key, value) in ConfigFile.Read(configPath, [.. definition.Options, Verbose]))
                    raw.Set(key, value, $"config file '{configPath}', key '{key}'");
            foreach (var (spec, option) in options)
            {
                if (spec == Config || parseResult.GetResult(option) is null) continue;
                string value = option is Option<bool> flag ? (parseResult.GetValue(flag) ? "true" : "false") : parseResult.GetValue((Option<string>)option) ?? "";
                raw.Set(spec.Name, value, "--" + spec.Name);
            }
            return run(definition, raw);
        });
        return command;
    }
}
