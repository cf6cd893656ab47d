using System.Globalization;
using System.Text;

namespace Nabla.Whiteboard.Reports;

/// <summary>Escaping and number formatting for hand-written HTML.</summary>
public static class Html
{
    /// <summary>
    /// Escapes text for HTML element content and double- or single-quoted attribute values. Only the five
    /// XML entities are used, so the page also parses as XML (tests rely on that).
    /// </summary>
    public static string Encode(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var sb = new StringBuilder(text.Length + 16);
        foreach (char c in text)
        {
            sb.Append(c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\'' => "&#39;",
                // Control characters other than tab/newline are not allowed in XML 1.0; show a replacement.
                _ when char.IsControl(c) && c is not ('\t' or '\n' or '\r') => "\uFFFD",
                _ => c.ToString(),
            });
        }
        return sb.ToString();
    }

    /// <summary>A metric value for tables: whole numbers as is, others with 4 significant digits; NaN/infinity spelled out.</summary>
    public static string Number(double v) =>
        double.IsNaN(v) ? "NaN"
        : double.IsPositiveInfinity(v) ? "inf"
        : double.IsNegativeInfinity(v) ? "-inf"
        : v == Math.Round(v) && Math.Abs(v) < 1e15 ? v.ToString("0", CultureInfo.InvariantCulture)
        : v.ToString("G4", CultureInfo.InvariantCulture);
}
