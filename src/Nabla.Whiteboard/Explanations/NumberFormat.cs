using System.Globalization;

namespace Nabla.Whiteboard.Explanations;

/// <summary>How the whiteboard prints numbers: a fixed number of significant digits, trailing zeros dropped.</summary>
public static class NumberFormat
{
    /// <summary>
    /// <paramref name="value"/> with <paramref name="significantDigits"/> significant digits: -10, 0.7311,
    /// -8.715, 12346; scientific notation below 1e-4 or from 1e9 (1.234e-05). Negative zero prints as 0.
    /// </summary>
    public static string Format(double value, int significantDigits = 4)
    {
        if (significantDigits < 1) throw new ArgumentOutOfRangeException(nameof(significantDigits), significantDigits, "precision must be at least 1 significant digit");
        if (double.IsNaN(value)) return "NaN";
        if (double.IsInfinity(value)) return value > 0 ? "inf" : "-inf";
        if (value == 0) return "0";
        double abs = Math.Abs(value);
        if (abs < 1e-4 || abs >= 1e9)
            return value.ToString("0." + new string('#', significantDigits - 1) + "e+00", CultureInfo.InvariantCulture).Replace("e+", "e");
        int decimals = Math.Max(0, significantDigits - 1 - (int)Math.Floor(Math.Log10(abs)));
        string text = Math.Round(value, Math.Min(decimals, 15)).ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        if (text.Contains('.')) text = text.TrimEnd('0').TrimEnd('.');
        return text == "-0" ? "0" : text;
    }

    /// <summary>
    /// The result of an update from <paramref name="before"/> to <paramref name="after"/>, with as many significant
    /// digits beyond <paramref name="significantDigits"/> (up to 9) as it takes to show that the value changed, so a
    /// small step never reads <c>0.41 - 0.1 * 0.0003378 = 0.41</c>.
    /// </summary>
    public static string FormatChanged(double before, double after, int significantDigits = 4)
    {
        string text = Format(after, significantDigits);
        for (int digits = significantDigits + 1; before != after && digits <= 9 && text == Format(before, digits - 1); digits++)
            text = Format(after, digits);
        return text;
    }
}
