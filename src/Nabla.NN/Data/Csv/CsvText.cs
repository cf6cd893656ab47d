namespace Nabla.NN.Data;

/// <summary>Writing CSV fields: the one quoting rule every CSV writer in Nabla uses (RFC 4180).</summary>
public static class CsvText
{
    /// <summary>
    /// <paramref name="field"/> as a CSV field: quoted (with inner quotes doubled) when it holds a comma, a quote, a
    /// line feed or a carriage return, which would otherwise end the field or the record; as is otherwise.
    /// </summary>
    public static string Quote(string field)
    {
        ArgumentNullException.ThrowIfNull(field);
        return field.AsSpan().IndexOfAny(",\"\n\r") >= 0 ? "\"" + field.Replace("\"", "\"\"") + "\"" : field;
    }
}
