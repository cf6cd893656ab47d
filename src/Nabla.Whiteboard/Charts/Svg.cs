using System.Globalization;
using System.Xml.Linq;

namespace Nabla.Whiteboard.Charts;

/// <summary>
/// Small helpers for building SVG with <see cref="System.Xml.Linq"/>: the XML writer escapes all text and
/// attribute values, so labels such as "loss &lt; 0.1 &amp; x" cannot break the document.
/// </summary>
internal static class Svg
{
    public static readonly XNamespace Ns = "http://www.w3.org/2000/svg";
    public const string Font = "DejaVu Sans, Helvetica, Arial, sans-serif";
    public const string Ink = "#222222";
    public const string Grid = "#e3e3e3";

    /// <summary>An SVG element with attributes given as name/value pairs (null values are left out).</summary>
    public static XElement El(string name, params (string Name, object? Value)[] attributes)
    {
        var e = new XElement(Ns + name);
        foreach (var (n, v) in attributes)
        {
            if (v is null) continue;
            e.SetAttributeValue(n, v is double d ? Num(d) : Convert.ToString(v, CultureInfo.InvariantCulture));
        }
        return e;
    }

    /// <summary>A text element at (x, y).</summary>
    public static XElement Text(double x, double y, string text, string cssClass, string anchor = "start",
        double size = 12, string fill = Ink, string? weight = null, double? rotate = null)
    {
        var t = El("text", ("class", cssClass), ("x", x), ("y", y), ("text-anchor", anchor), ("font-size", size),
            ("fill", fill), ("font-weight", weight),
            ("transform", rotate is double r ? $"rotate({Num(r)} {Num(x)} {Num(y)})" : null));
        t.Value = text;
        return t;
    }

    public static XElement Line(double x1, double y1, double x2, double y2, string stroke, double width = 1, string? cssClass = null, string? dash = null) =>
        El("line", ("class", cssClass), ("x1", x1), ("y1", y1), ("x2", x2), ("y2", y2), ("stroke", stroke),
            ("stroke-width", width), ("stroke-dasharray", dash));

    /// <summary>The root &lt;svg&gt; element with a &lt;title&gt; (read by screen readers and shown as a tooltip).</summary>
    public static XElement Root(double width, double height, string title, string cssClass)
    {
        var svg = El("svg", ("class", cssClass), ("width", width), ("height", height),
            ("viewBox", $"0 0 {Num(width)} {Num(height)}"), ("role", "img"), ("font-family", Font));
        var t = El("title");
        t.Value = title;
        svg.Add(t);
        svg.Add(El("rect", ("x", 0), ("y", 0), ("width", width), ("height", height), ("fill", "#ffffff")));
        return svg;
    }

    /// <summary>Serialises without an XML declaration so the SVG can be inlined in HTML or saved as a file.</summary>
    public static string ToText(XElement svg) => svg.ToString(SaveOptions.DisableFormatting);

    /// <summary>A coordinate with at most two decimals, invariant culture.</summary>
    public static string Num(double v) => Math.Round(v, 2).ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>Rough width of a label in pixels (average glyph about 0.6 em), used to size legends and margins.</summary>
    public static double TextWidth(string text, double size = 12) => text.Length * size * 0.6;
}
