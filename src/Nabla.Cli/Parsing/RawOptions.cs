using System.Globalization;
using Nabla.NN.Text;

namespace Nabla.Cli.Parsing;

/// <summary>
/// The option values of one command as text, merged from a <c>--config</c> file and the command line
/// (flags override the file), with typed getters that validate and name the bad value and where it came from.
/// Options records (<c>TrainOptions</c>, ...) are built from this; commands never read raw text themselves.
/// </summary>
public sealed class RawOptions
{
    private readonly Dictionary<string, (string Value, string Source)> _values = new(StringComparer.Ordinal);

    /// <summary>The positional arguments (e.g. MODEL, EXPR), in order.</summary>
    public List<string> Arguments { get; } = [];

    /// <summary>Sets <paramref name="name"/> to <paramref name="value"/>, replacing an earlier value; <paramref name="source"/> is how errors refer to it.</summary>
    public void Set(string name, string value, string source) => _values[name] = (value, source);

    /// <summary>True when the option was given on the command line or in the config file.</summary>
    public bool Has(string name) => _values.ContainsKey(name);

    /// <summary>The names of the options that were given.</summary>
    public IEnumerable<string> Names => _values.Keys;

    /// <summary>Where the option's value came from, e.g. <c>--epochs</c> or <c>config file run.yaml, key 'epochs'</c>.</summary>
    public string SourceOf(string name) => _values.TryGetValue(name, out var v) ? v.Source : "--" + name;

    /// <summary>The option's text, or <paramref name="defaultValue"/> when absent.</summary>
    public string? GetString(string name, string? defaultValue = null) =>
        _values.TryGetValue(name, out var v) ? v.Value : defaultValue;

    /// <summary>A flag: absent is false; present is true unless the config file says false/no/0.</summary>
    public bool GetFlag(string name)
    {
        if (!_values.TryGetValue(name, out var v)) return false;
        return v.Value.Trim().ToLowerInvariant() switch
        {
            "" or "true" or "yes" or "on" or "1" => true,
            "false" or "no" or "off" or "0" => false,
            _ => throw Bad(name, v, "is not true or false"),
        };
    }

    /// <summary>A whole number in [<paramref name="min"/>, <paramref name="max"/>], or <paramref name="defaultValue"/> when absent.</summary>
    public int GetInt(string name, int defaultValue, int min = int.MinValue, int max = int.MaxValue) =>
        GetIntOrNull(name, min, max) ?? defaultValue;

    /// <summary>A whole number in [<paramref name="min"/>, <paramref name="max"/>], or null when absent.</summary>
    public int? GetIntOrNull(string name, int min = int.MinValue, int max = int.MaxValue)
    {
        if (!_values.TryGetValue(name, out var v)) return null;
        if (!int.TryParse(v.Value.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out int n))
            throw Bad(name, v, "is not a whole number");
        if (n < min || n > max) throw Bad(name, v, "is out of range: it " + RangeRule(Num(min), Num(max), min != int.MinValue, max != int.MaxValue));
        return n;
    }

    /// <summary>A finite number in [<paramref name="min"/>, <paramref name="max"/>], or <paramref name="defaultValue"/> when absent.</summary>
    public float GetFloat(string name, float defaultValue, float min = float.MinValue, float max = float.MaxValue) =>
        GetFloatOrNull(name, min, max) ?? defaultValue;

    /// <summary>A finite number in [<paramref name="min"/>, <paramref name="max"/>], or null when absent.</summary>
    public float? GetFloatOrNull(string name, float min = float.MinValue, float max = float.MaxValue)
    {
        if (!_values.TryGetValue(name, out var v)) return null;
        return ParseFloat(name, v, v.Value, min, max);
    }

    /// <summary>One of <paramref name="allowed"/> (case-insensitive, returned as spelled in the list), or <paramref name="defaultValue"/>.</summary>
    public string GetChoice(string name, string defaultValue, IReadOnlyList<string> allowed) =>
        GetChoiceOrNull(name, allowed) ?? defaultValue;

    /// <summary>One of <paramref name="allowed"/>, or null when absent.</summary>
    public string? GetChoiceOrNull(string name, IReadOnlyList<string> allowed)
    {
        if (!_values.TryGetValue(name, out var v)) return null;
        return MatchChoice(name, v, v.Value.Trim(), allowed);
    }

    /// <summary>A comma-separated list of choices, e.g. <c>--optimizers sgd,adam</c>; null when absent.</summary>
    public IReadOnlyList<string>? GetChoiceList(string name, IReadOnlyList<string> allowed)
    {
        if (!_values.TryGetValue(name, out var v)) return null;
        var items = SplitList(name, v);
        return items.Select(item => MatchChoice(name, v, item, allowed)).ToArray();
    }

    /// <summary>A comma-separated list of whole numbers each in [<paramref name="min"/>, <paramref name="max"/>]; null when absent.</summary>
    public IReadOnlyList<int>? GetIntList(string name, int min = int.MinValue, int max = int.MaxValue, bool allowEmpty = false)
    {
        if (!_values.TryGetValue(name, out var v)) return null;
        if (allowEmpty && v.Value.Trim().Length == 0) return [];
        var result = new List<int>();
        foreach (var item in SplitList(name, v))
        {
            if (!int.TryParse(item, NumberStyles.Integer, CultureInfo.InvariantCulture, out int n))
                throw Bad(name, v, $"contains '{item}', which is not a whole number");
            if (n < min || n > max) throw Bad(name, v, $"contains {n}; each value " + RangeRule(Num(min), Num(max), min != int.MinValue, max != int.MaxValue));
            result.Add(n);
        }
        return result;
    }

    /// <summary>A comma-separated list of finite numbers; null when absent.</summary>
    public IReadOnlyList<float>? GetFloatList(string name)
    {
        if (!_values.TryGetValue(name, out var v)) return null;
        return SplitList(name, v).Select(item => ParseFloat(name, v, item, float.MinValue, float.MaxValue)).ToArray();
    }

    /// <summary>A comma-separated list of finite numbers, each at least <paramref name="min"/>; null when absent.</summary>
    public IReadOnlyList<float>? GetFloatListAtLeast(string name, float min)
    {
        if (!_values.TryGetValue(name, out var v)) return null;
        var values = new List<float>();
        foreach (string t in SplitList(name, v))
        {
            if (!float.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out float x) || !float.IsFinite(x) || x < min)
                throw new UsageException($"--{name}: '{t}' is not a number of at least {Num(min)}.");
            values.Add(x);
        }
        return values;
    }

    /// <summary>A comma-separated list of texts (e.g. column names); null when absent.</summary>
    public IReadOnlyList<string>? GetStringList(string name) =>
        _values.TryGetValue(name, out var v) ? SplitList(name, v) : null;

    /// <summary>
    /// <c>name=value</c> pairs separated by commas, e.g. <c>--at w1=3,w2=4</c>; null when absent.
    /// The order is kept: it is the order variables are shown in.
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, float>>? GetAssignments(string name)
    {
        if (!_values.TryGetValue(name, out var v)) return null;
        var result = new List<KeyValuePair<string, float>>();
        foreach (var item in SplitList(name, v))
        {
            int eq = item.IndexOf('=');
            if (eq <= 0 || eq == item.Length - 1)
                throw Bad(name, v, $"contains '{item}'; expected name=value pairs separated by commas, e.g. w1=3,w2=-4.5");
            string key = item[..eq].Trim();
            if (result.Any(p => p.Key == key)) throw Bad(name, v, $"gives '{key}' twice");
            result.Add(new(key, ParseFloat(name, v, item[(eq + 1)..], float.MinValue, float.MaxValue)));
        }
        return result;
    }

    private static string[] SplitList(string name, (string Value, string Source) v)
    {
        var items = v.Value.Split(',', StringSplitOptions.TrimEntries);
        if (items.Any(s => s.Length == 0))
            throw Bad(name, v, "has an empty item; separate values with single commas, e.g. 64,32");
        return items;
    }

    private static float ParseFloat(string name, (string Value, string Source) v, string text, float min, float max)
    {
        if (!float.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out float x) || !float.IsFinite(x))
            throw Bad(name, v, text == v.Value ? "is not a number" : $"contains '{text}', which is not a number");
        if (x < min || x > max) throw Bad(name, v, "is out of range: it " + RangeRule(Num(min), Num(max), min > float.MinValue, max < float.MaxValue));
        return x;
    }

    private static string MatchChoice(string name, (string Value, string Source) v, string item, IReadOnlyList<string> allowed)
    {
        foreach (var a in allowed)
            if (string.Equals(a, item, StringComparison.OrdinalIgnoreCase)) return a;
        string hint = Suggest(item, allowed) is { } s ? $" Did you mean '{s}'?" : "";
        string what = item == v.Value ? "" : $" (item '{item}')";
        throw new UsageException($"{v.Source}: '{v.Value}'{what} is not allowed. Allowed values: {string.Join(", ", allowed)}.{hint}");
    }

    /// <summary>The allowed value closest to <paramref name="item"/> by edit distance, when it is close (at most 2 edits).</summary>
    internal static string? Suggest(string item, IEnumerable<string> allowed)
    {
        string? best = null;
        int bestDistance = 3;
        foreach (var a in allowed)
        {
            int d = EditDistance.Levenshtein(item.ToLowerInvariant(), a.ToLowerInvariant());
            if (d < bestDistance) (best, bestDistance) = (a, d);
        }
        return best;
    }

    private static string RangeRule(string min, string max, bool hasMin, bool hasMax) =>
        (hasMin, hasMax) switch
        {
            (true, true) => $"must be between {min} and {max}",
            (true, false) => $"must be at least {min}",
            (false, true) => $"must be at most {max}",
            _ => "must be a finite number",
        };

    private static string Num(int x) => x.ToString(CultureInfo.InvariantCulture);

    private static string Num(float x) => x.ToString(CultureInfo.InvariantCulture);

    private static UsageException Bad(string name, (string Value, string Source) v, string problem) =>
        new($"{v.Source}: '{v.Value}' {problem}.");
}
