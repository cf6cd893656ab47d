using System.Globalization;

namespace Nabla.Cli.Parsing;

/// <summary>
/// One option declared once with its type, default, range and help: the <see cref="Spec"/> feeds help and the config
/// keys, <see cref="Read"/> validates and converts the value, and the options record takes its initial value from
/// <see cref="Default"/>. So a default or a range is written in exactly one place.
/// </summary>
/// <typeparam name="T">The value's type in the options record.</typeparam>
/// <param name="Spec">Name, value name, help, allowed values and the default as help shows it.</param>
/// <param name="Default">The value when the option is absent.</param>
/// <param name="Parse">Reads the value from the merged flags and config file (the default when absent), validating it.</param>
/// <remarks>Build one with a <see cref="TypedOptions"/> factory: commands list only these options' specs (a test checks that
/// no command declares an <see cref="OptionSpec"/> any other way).</remarks>
public sealed record TypedOption<T>(OptionSpec Spec, T Default, Func<RawOptions, T> Parse)
{
    /// <summary>The option's value, or <see cref="Default"/> when it was not given.</summary>
    public T Read(RawOptions raw) => Parse(raw);

    /// <summary>The option's name (its flag without dashes and its config key).</summary>
    public string Name => Spec.Name;
}

/// <summary>Factories for <see cref="TypedOption{T}"/>: one call per option, with its whole contract.</summary>
public static class TypedOptions
{
    /// <summary>A whole number in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public static TypedOption<int> Int(string name, string valueName, string help, int defaultValue, int min = int.MinValue, int max = int.MaxValue) =>
        new(new OptionSpec(name, valueName, help, Default: defaultValue.ToString(CultureInfo.InvariantCulture)), defaultValue,
            raw => raw.GetInt(name, defaultValue, min, max));

    /// <summary>An optional whole number in [<paramref name="min"/>, <paramref name="max"/>]; null when absent.</summary>
    public static TypedOption<int?> OptionalInt(string name, string valueName, string help, int min = int.MinValue, int max = int.MaxValue) =>
        new(new OptionSpec(name, valueName, help), null, raw => raw.GetIntOrNull(name, min, max));

    /// <summary>A finite number in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public static TypedOption<float> Float(string name, string valueName, string help, float defaultValue, float min = float.MinValue, float max = float.MaxValue) =>
        new(new OptionSpec(name, valueName, help, Default: defaultValue.ToString(CultureInfo.InvariantCulture)), defaultValue,
            raw => raw.GetFloat(name, defaultValue, min, max));

    /// <summary>An optional finite number in [<paramref name="min"/>, <paramref name="max"/>]; null when absent.</summary>
    public static TypedOption<float?> OptionalFloat(string name, string valueName, string help, float min = float.MinValue, float max = float.MaxValue) =>
        new(new OptionSpec(name, valueName, help), null, raw => raw.GetFloatOrNull(name, min, max));

    /// <summary>One of <paramref name="allowed"/> (derive them from a registry where there is one).</summary>
    public static TypedOption<string> Choice(string name, string help, string defaultValue, IReadOnlyList<string> allowed) =>
        new(OptionSpec.Choice(name, help, defaultValue, [.. allowed]), defaultValue, raw => raw.GetChoice(name, defaultValue, allowed));

    /// <summary>
    /// One of <paramref name="allowed"/>, which form the value name in help (<c>--search &lt;random|grid&gt;</c>) instead of
    /// being listed after the description.
    /// </summary>
    public static TypedOption<string> InlineChoice(string name, string help, string defaultValue, IReadOnlyList<string> allowed) =>
        new(new OptionSpec(name, string.Join("|", allowed), help, Default: defaultValue), defaultValue, raw => raw.GetChoice(name, defaultValue, allowed));

    /// <summary>One of <paramref name="allowed"/>, or null when absent (the help says what absent means).</summary>
    public static TypedOption<string?> OptionalChoice(string name, string help, IReadOnlyList<string> allowed) =>
        new(OptionSpec.Choice(name, help, null, [.. allowed]), null, raw => raw.GetChoiceOrNull(name, allowed));

    /// <summary>Free text (a path, a column name); null when absent.</summary>
    public static TypedOption<string?> Text(string name, string valueName, string help) =>
        new(new OptionSpec(name, valueName, help), null, raw => raw.GetString(name));

    /// <summary>
    /// Comma-separated whole numbers, each in [<paramref name="min"/>, <paramref name="max"/>];
    /// <paramref name="defaultValue"/> (shown in help) when absent.
    /// </summary>
    public static TypedOption<IReadOnlyList<int>> IntList(string name, string valueName, string help, IReadOnlyList<int> defaultValue,
        int min = int.MinValue, int max = int.MaxValue) =>
        new(new OptionSpec(name, valueName, help, Default: string.Join(",", defaultValue.Select(v => v.ToString(CultureInfo.InvariantCulture)))),
            defaultValue, raw => raw.GetIntList(name, min, max) ?? defaultValue);

    /// <summary>
    /// Comma-separated whole numbers, each in [<paramref name="min"/>, <paramref name="max"/>]; null when absent (the help
    /// says what absent means). With <paramref name="allowEmpty"/> an empty value is the empty list.
    /// </summary>
    public static TypedOption<IReadOnlyList<int>?> OptionalIntList(string name, string valueName, string help,
        int min = int.MinValue, int max = int.MaxValue, bool allowEmpty = false) =>
        new(new OptionSpec(name, valueName, help), null, raw => raw.GetIntList(name, min, max, allowEmpty));

    /// <summary>
    /// Comma-separated finite numbers, each at least <paramref name="min"/>; <paramref name="defaultValue"/> (shown in help)
    /// when absent.
    /// </summary>
    public static TypedOption<IReadOnlyList<float>> FloatList(string name, string valueName, string help, IReadOnlyList<float> defaultValue, float min) =>
        new(new OptionSpec(name, valueName, help, Default: string.Join(",", defaultValue.Select(FloatText))),
            defaultValue, raw => raw.GetFloatListAtLeast(name, min) ?? defaultValue);

    /// <summary>Comma-separated finite numbers; null when absent.</summary>
    public static TypedOption<IReadOnlyList<float>?> FloatList(string name, string valueName, string help) =>
        new(new OptionSpec(name, valueName, help), null, raw => raw.GetFloatList(name));

    /// <summary>Comma-separated texts (column names, variable names); null when absent.</summary>
    public static TypedOption<IReadOnlyList<string>?> TextList(string name, string valueName, string help) =>
        new(new OptionSpec(name, valueName, help), null, raw => raw.GetStringList(name));

    /// <summary><c>name=value</c> pairs separated by commas, in the order given; empty when absent.</summary>
    public static TypedOption<IReadOnlyList<KeyValuePair<string, float>>> Assignments(string name, string valueName, string help) =>
        new(new OptionSpec(name, valueName, help), [], raw => raw.GetAssignments(name) ?? []);

    /// <summary>A size in bytes written like <c>2GB</c> or <c>512MB</c> (<see cref="Nabla.NN.Data.MemoryBudget.Parse"/>); null when absent.</summary>
    public static TypedOption<long?> Size(string name, string help) =>
        new(new OptionSpec(name, "SIZE", help), null, raw =>
        {
            if (raw.GetString(name) is not { } text) return null;
            try { return Nabla.NN.Data.MemoryBudget.Parse(text); }
            catch (FormatException e) { throw new UsageException($"--{name}: {e.Message}"); }
        });

    /// <summary>Comma-separated values, each one of <paramref name="allowed"/>; null when absent. Help lists the values.</summary>
    public static TypedOption<IReadOnlyList<string>?> ChoiceList(string name, string help, IReadOnlyList<string> allowed) =>
        new(new OptionSpec(name, "A,B,...", $"{help} ({string.Join(", ", allowed)})."), null, raw => raw.GetChoiceList(name, allowed));

    /// <summary>A flag: present means true.</summary>
    public static TypedOption<bool> Flag(string name, string help) =>
        new(OptionSpec.Flag(name, help), false, raw => raw.GetFlag(name));

    /// <summary>A number as help shows it: shortest round-trip digits, lower-case exponent (<c>1e-05</c>).</summary>
    private static string FloatText(float value) => value.ToString(CultureInfo.InvariantCulture).ToLowerInvariant();
}
