using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Nabla.NN.Text;

namespace Nabla.Whiteboard.Rendering;

/// <summary>The whiteboard's JSON documents: indented UTF-8, with + and quotes in formulas written as themselves.</summary>
internal static class JsonDocumentText
{
    /// <summary>The document <paramref name="write"/> writes, as text ending in a new line.</summary>
    public static string Write(Action<Utf8JsonWriter> write)
    {
        using var stream = new MemoryStream();
        // Relaxed escaping: the output is a file, not HTML, so "a + b" should not become "a \u002B b".
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            write(w);
        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }
}

/// <summary>
/// Writes the whiteboard's numbers into JSON. NaN and the infinities, which JSON numbers cannot hold, are
/// written as the strings "NaN", "Infinity" and "-Infinity" (System.Text.Json's named floating-point literals,
/// which <c>JsonNumberHandling.AllowNamedFloatingPointLiterals</c> reads back), so a reader can tell them apart.
/// </summary>
internal static class JsonNumbers
{
    /// <summary>Writes <paramref name="value"/> as a number property, or as "NaN", "Infinity" or "-Infinity".</summary>
    public static void Number(this Utf8JsonWriter w, string name, double value)
    {
        if (double.IsFinite(value)) w.WriteNumber(name, Tidy(value));
        else w.WriteString(name, NonFinite(value));
    }

    /// <summary>Writes <paramref name="value"/> as an array element, or as "NaN", "Infinity" or "-Infinity".</summary>
    public static void Number(this Utf8JsonWriter w, double value)
    {
        if (double.IsFinite(value)) w.WriteNumberValue(Tidy(value));
        else w.WriteStringValue(NonFinite(value));
    }

    /// <summary>The name of a non-finite number: "NaN", "Infinity" or "-Infinity".</summary>
    public static string NonFinite(double value) => double.IsNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity";

    /// <summary>Writes an optional number (null stays null).</summary>
    public static void Number(this Utf8JsonWriter w, string name, double? value)
    {
        if (value is double v) w.Number(name, v);
        else w.WriteNull(name);
    }

    // The engine computes in float32: a double that is exactly a float is written with the float's shortest
    // digits (2.9, not 2.9000000953674316); anything else (a product of factors in double) keeps all its digits.
    static double Tidy(double value)
    {
        float f = (float)value;
        return f == value ? FloatDecimal.Shortest(f) : value;
    }

    /// <summary>
    /// A chain-rule path's factors as two parallel arrays, <c>"factors"</c> (their symbols, <c>dz/dy</c>) and
    /// <c>"values"</c> (their numbers): the shape every whiteboard JSON document uses for a path.
    /// </summary>
    public static void Factors<T>(this Utf8JsonWriter w, IReadOnlyList<T> factors, Func<T, string> symbol, Func<T, double> value)
    {
        w.WriteStartArray("factors");
        foreach (var f in factors) w.WriteStringValue(symbol(f));
        w.WriteEndArray();
        w.WriteStartArray("values");
        foreach (var f in factors) w.Number(value(f));
        w.WriteEndArray();
    }
}
