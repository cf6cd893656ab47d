using System.Globalization;
using System.Text;

namespace Nabla.NN.Data;

/// <summary>
/// The one exception every Nabla file reader (CSV, IDX, safetensors, preprocessor JSON) throws for a file whose
/// content is wrong: malformed, truncated, inconsistent, too large for the configured limits, or with a value
/// that cannot be used. I/O failures (missing file, permission denied) stay <see cref="IOException"/>s.
/// </summary>
/// <remarks>
/// The message always says where (file, line or byte offset, column) and what (the value and what was expected),
/// e.g. <c>data.csv: line 12, column 3 ("age"): value "abc" is not a number; the column is numeric</c>.
/// The location is also available as properties so a caller (CLI, fuzz tests) can use it without parsing text.
/// Readers never let other exception types escape for bad content: that is the contract issue #8 fuzzes.
/// </remarks>
public sealed class DataFormatException : Exception
{
    /// <summary>Creates the exception; <paramref name="detail"/> says what is wrong, the other arguments where.</summary>
    /// <param name="detail">What is wrong and, where useful, what was expected.</param>
    /// <param name="file">Name or path of the source (null when reading an anonymous stream).</param>
    /// <param name="line">1-based line (text formats) or record number, when known.</param>
    /// <param name="column">1-based column (field) number, when known.</param>
    /// <param name="columnName">Column name from the header, when known.</param>
    /// <param name="value">The offending value (shortened to 80 characters in the message), when there is one.</param>
    /// <param name="byteOffset">0-based byte offset (binary formats), when known.</param>
    /// <param name="inner">Underlying exception, if any.</param>
    public DataFormatException(string detail, string? file = null, long? line = null, int? column = null,
        string? columnName = null, string? value = null, long? byteOffset = null, Exception? inner = null)
        : base(Compose(detail, file, line, column, columnName, value, byteOffset), inner)
    {
        Detail = detail;
        File = file;
        Line = line;
        Column = column;
        ColumnName = columnName;
        Value = value;
        ByteOffset = byteOffset;
    }

    /// <summary>What is wrong, without the location prefix.</summary>
    public string Detail { get; }

    /// <summary>Name or path of the source, or null for an anonymous stream.</summary>
    public string? File { get; }

    /// <summary>1-based line number (text formats), when known.</summary>
    public long? Line { get; }

    /// <summary>1-based column (field) number, when known.</summary>
    public int? Column { get; }

    /// <summary>Column name from the header, when known.</summary>
    public string? ColumnName { get; }

    /// <summary>The offending value, when there is one.</summary>
    public string? Value { get; }

    /// <summary>0-based byte offset into the (decompressed) content, for binary formats.</summary>
    public long? ByteOffset { get; }

    /// <summary>Returns a copy with the file name filled in (readers working on a stream learn it late).</summary>
    internal DataFormatException WithFile(string? file) =>
        file is null || File is not null
            ? this
            : new DataFormatException(Detail, file, Line, Column, ColumnName, Value, ByteOffset, InnerException);

    private static string Compose(string detail, string? file, long? line, int? column, string? columnName,
        string? value, long? byteOffset)
    {
        var sb = new StringBuilder();
        sb.Append(file ?? "<stream>");
        var parts = new List<string>();
        if (line is not null) parts.Add("line " + line.Value.ToString(CultureInfo.InvariantCulture));
        if (byteOffset is not null) parts.Add("byte " + byteOffset.Value.ToString(CultureInfo.InvariantCulture));
        if (column is not null || columnName is not null)
        {
            string c = column is null ? "column" : "column " + column.Value.ToString(CultureInfo.InvariantCulture);
            if (columnName is not null) c += " (\"" + Shorten(columnName) + "\")";
            parts.Add(c);
        }
        if (parts.Count > 0) sb.Append(": ").Append(string.Join(", ", parts));
        sb.Append(": ");
        if (value is not null) sb.Append("value \"").Append(Shorten(value)).Append("\": ");
        sb.Append(detail);
        return sb.ToString();
    }

    /// <summary>Keeps messages readable when the value is a 1 GB line.</summary>
    internal static string Shorten(string s) => s.Length <= 80 ? s : s[..77] + "...";
}
