using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Nabla.NN.Text;
using Nabla.Whiteboard.Networks;

namespace Nabla.Whiteboard.Rendering;

/// <summary>
/// The whiteboard's JSON documents (<see cref="ExplanationJson"/>, <see cref="NetworkJson"/>): records that the
/// System.Text.Json source generator writes (no reflection, so trimming and NativeAOT keep working), every number
/// through <see cref="WhiteboardNumberConverter"/>. Properties are written in declaration order, named in camelCase.
/// </summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, Converters = new[] { typeof(WhiteboardNumberConverter) })]
[JsonSerializable(typeof(ExplanationDocument))]
[JsonSerializable(typeof(NetworkDocument))]
internal sealed partial class WhiteboardJsonContext : JsonSerializerContext
{
    /// <summary>
    /// <paramref name="document"/> as indented UTF-8 text ending in a new line, with + and quotes in formulas written as
    /// themselves (the output is a file, not HTML, so "a + b" should not become "a \u002B b").
    /// </summary>
    public static string Text<T>(T document, JsonTypeInfo<T> type)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            JsonSerializer.Serialize(w, document, type);
        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }
}

/// <summary>
/// The whiteboard's numbers in JSON. NaN and the infinities, which JSON numbers cannot hold, are the strings "NaN",
/// "Infinity" and "-Infinity" (System.Text.Json's named floating-point literals, which
/// <c>JsonNumberHandling.AllowNamedFloatingPointLiterals</c> reads back), so a reader can tell them apart. The engine
/// computes in float32: a double that is exactly a float is written with the float's shortest digits (2.9, not
/// 2.9000000953674316); anything else (a product of factors in double) keeps all its digits.
/// </summary>
internal sealed class WhiteboardNumberConverter : JsonConverter<double>
{
    /// <summary>Reads a number, or one of the strings "NaN", "Infinity" and "-Infinity".</summary>
    public override double Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType != JsonTokenType.String ? reader.GetDouble() : reader.GetString() switch
        {
            "NaN" => double.NaN,
            "Infinity" => double.PositiveInfinity,
            "-Infinity" => double.NegativeInfinity,
            var text => throw new JsonException($"\"{text}\" is not a number; the only strings allowed for one are \"NaN\", \"Infinity\" and \"-Infinity\""),
        };

    /// <summary>Writes <paramref name="value"/> as a number with the shortest digits, or as "NaN", "Infinity" or "-Infinity".</summary>
    public override void Write(Utf8JsonWriter writer, double value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (!double.IsFinite(value)) writer.WriteStringValue(double.IsNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity");
        else
        {
            float f = (float)value;
            writer.WriteNumberValue(f == value ? FloatDecimal.Shortest(f) : value);
        }
    }
}
