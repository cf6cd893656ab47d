namespace Nabla.Cli.Parsing;

/// <summary>
/// One option of a command, declared once and used three times: to build the System.CommandLine option
/// (with its help text), to accept the same key from a <c>--config</c> file, and to validate the value.
/// </summary>
/// <param name="Name">The option's name without dashes, e.g. <c>batch-size</c>; also its key in a config file.</param>
/// <param name="ValueName">What the value looks like in help, e.g. <c>N</c> or <c>FILE</c>; null for a flag.</param>
/// <param name="Description">One line of help.</param>
/// <param name="Allowed">The allowed values, when the option is a choice; they are listed in help and in errors.</param>
/// <param name="Default">The default shown in help, if any.</param>
public sealed record OptionSpec(string Name, string? ValueName, string Description, IReadOnlyList<string>? Allowed = null, string? Default = null)
{
    /// <summary>True when the option takes no value (<c>--quiet</c>).</summary>
    public bool IsFlag => ValueName is null;

    /// <summary>A flag: present means true.</summary>
    public static OptionSpec Flag(string name, string description) => new(name, null, description);

    /// <summary>An option whose value is one of <paramref name="allowed"/>.</summary>
    public static OptionSpec Choice(string name, string description, string? defaultValue, params string[] allowed) =>
        new(name, "VALUE", description, allowed, defaultValue);

    /// <summary>The help line: description, then the allowed values and the default.</summary>
    public string HelpText
    {
        get
        {
            var text = Description;
            if (Allowed is not null) text += $" One of: {string.Join(", ", Allowed)}.";
            if (Default is not null) text += $" [default: {Default}]";
            return text;
        }
    }
}
