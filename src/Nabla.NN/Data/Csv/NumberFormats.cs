using System.Text.RegularExpressions;

namespace Nabla.NN.Data;

/// <summary>
/// Rewrites numbers written with a decimal comma (<c>3,5</c>, <c>1.234,5</c>, <c>1 234,5</c>) or with thousands commas
/// (<c>1,234.5</c>) into the invariant form (<c>3.5</c>, <c>1234.5</c>) the <see cref="Preprocessor"/> parses; fields that
/// are not numbers so written are returned unchanged.
/// </summary>
internal sealed partial class NumberFormats
{
    private readonly Regex _pattern;
    private readonly char _decimal;

    private NumberFormats(Regex pattern, char decimalSeparator)
    {
        _pattern = pattern;
        _decimal = decimalSeparator;
    }

    [GeneratedRegex(@"^[+-]?(?:\d{1,3}(?:[. \u00A0']\d{3})+|\d+)(?:,\d+)?$", RegexOptions.CultureInvariant)]
    internal static partial Regex DecimalComma();

    [GeneratedRegex(@"^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex ThousandsComma();

    /// <summary>The rewriting <paramref name="dialect"/> asks for, or null when numbers are read as written.</summary>
    public static NumberFormats? For(CsvDialect dialect) => dialect.DecimalSeparator switch
    {
        ',' => new NumberFormats(DecimalComma(), ','),
        '.' when dialect.ThousandsCommas => new NumberFormats(ThousandsComma(), '.'),
        _ => null,
    };

    /// <summary>Whether <paramref name="value"/> looks like a decimal-comma number that invariant parsing would refuse (<c>3,5</c>, <c>1.234,5</c>).</summary>
    public static bool LooksLikeDecimalComma(string value) =>
        value.Contains(',') && DecimalComma().IsMatch(value.Trim());

    /// <summary><paramref name="field"/> in invariant form if it is a number written in this format, else unchanged.</summary>
    public string Normalize(string field)
    {
        string t = field.Trim();
        if (t.Length == 0 || !_pattern.IsMatch(t)) return field;
        var chars = new System.Text.StringBuilder(t.Length);
        foreach (char c in t)
        {
            if (char.IsAsciiDigit(c) || c is '+' or '-') chars.Append(c);
            else if (c == _decimal) chars.Append('.');
        }
        return chars.ToString();
    }
}
