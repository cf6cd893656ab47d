using System.Globalization;

namespace Nabla.NN.Data;

/// <summary>
/// Recognises ISO-style dates and date-times (<c>2024-03-15</c>, <c>2024/03/15</c>, <c>2024-03-15T08:30</c>,
/// <c>2024-03-15 08:30:00</c>, with optional fractional seconds and a <c>Z</c> or <c>+02:00</c> offset) and splits them
/// into the numbers a network can use: year, month, day, day of week (Monday 0) and, when times are present, hour and minute.
/// </summary>
public static class DateValues
{
    private static readonly string[] Formats =
    [
        "yyyy-MM-dd", "yyyy/MM/dd",
        "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF",
        "yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm:ss.FFFFFFF",
        "yyyy-MM-dd'T'HH:mmK", "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
        "yyyy-MM-dd HH:mm:ssK", "yyyy/MM/dd HH:mm", "yyyy/MM/dd HH:mm:ss",
    ];

    /// <summary>The parts of a date column without times, in encoding order.</summary>
    public static readonly IReadOnlyList<string> DateParts = ["year", "month", "day", "weekday"];

    /// <summary>The parts of a date-time column, in encoding order.</summary>
    public static readonly IReadOnlyList<string> DateTimeParts = ["year", "month", "day", "weekday", "hour", "minute"];

    /// <summary>Parses <paramref name="text"/> as a date or date-time; <paramref name="hasTime"/> tells whether it gave a time of day.</summary>
    public static bool TryParse(string text, out DateTime value, out bool hasTime)
    {
        value = default;
        hasTime = false;
        // Cheap rejection first: every accepted form starts yyyy-MM or yyyy/MM.
        if (text.Length < 10 || text[4] is not ('-' or '/') || !char.IsAsciiDigit(text[0])) return false;
        if (!DateTimeOffset.TryParseExact(text, Formats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed)) return false;
        value = parsed.DateTime;
        hasTime = text.Length > 10;
        return true;
    }

    /// <summary>Writes the first <paramref name="parts"/>.Length parts of <paramref name="d"/> (see <see cref="DateTimeParts"/>).</summary>
    public static void Split(DateTime d, Span<double> parts)
    {
        ReadOnlySpan<double> all = [d.Year, d.Month, d.Day, ((int)d.DayOfWeek + 6) % 7, d.Hour, d.Minute];
        all[..parts.Length].CopyTo(parts);
    }
}
