namespace Nabla.NN.Data;

/// <summary>How to read a delimited text file. Every setting left null is detected from the first lines.</summary>
public sealed class CsvOptions
{
    /// <summary>The delimiter value meaning "fields separated by runs of spaces and/or tabs" (as in the diabetes file).</summary>
    public const char Whitespace = ' ';

    /// <summary>
    /// Field delimiter: any character, <see cref="Whitespace"/> (<c>' '</c>) for runs of blanks, or null to detect
    /// among <c>,</c> <c>;</c> tab <c>|</c> and whitespace.
    /// </summary>
    public char? Delimiter { get; init; }

    /// <summary>Whether the first record is a header; null to detect (a header has text where the data has numbers).</summary>
    public bool? HasHeader { get; init; }

    /// <summary>Quote character (RFC 4180: a quoted field may hold delimiters, newlines and doubled quotes).</summary>
    public char Quote { get; init; } = '"';

    /// <summary>
    /// Longest record accepted, in characters (a quoted field spanning lines counts whole). A longer one is a
    /// <see cref="DataFormatException"/>, so a 1 GB line costs at most this much memory. Default 1,048,576.
    /// </summary>
    public int MaxRecordLength { get; init; } = 1 << 20;

    /// <summary>
    /// Memory budget in bytes for training on the file, or null for none. The text is counted as it is read (after
    /// gzip decompression, every member), and reading stops with an <see cref="InsufficientMemoryException"/> once it
    /// would need more than this (<see cref="Data.MemoryBudget.BytesPerCsvByte"/> bytes per byte of text).
    /// </summary>
    public long? MemoryBudget { get; init; }

    /// <summary>
    /// Text encoding, or null to detect (<see cref="TextEncodings.Detect"/>: byte-order mark, UTF-16, UTF-8, else
    /// Windows-1252). A file read as UTF-8 is checked to its end: an invalid byte is a <see cref="DataFormatException"/>
    /// naming its line and byte offset, never a U+FFFD that would merge distinct values. <see cref="TextEncodings.Parse"/> reads names.
    /// </summary>
    public System.Text.Encoding? Encoding { get; init; }

    /// <summary>
    /// Decimal separator of the numbers: <c>'.'</c>, <c>','</c>, or null to detect (',' when the delimiter is not ',' and a
    /// column's values look like <c>3,5</c> or <c>1.234,5</c>). With ',' the fields that are numbers so written are
    /// rewritten as <c>3.5</c> and <c>1234.5</c> (thousands separators '.', space, no-break space or apostrophe); with an
    /// explicit '.', thousands commas (<c>1,234.5</c>) are removed. Other fields are kept as written.
    /// </summary>
    public char? DecimalSeparator { get; init; }

    /// <summary>These options with <see cref="MemoryBudget"/> replaced.</summary>
    public CsvOptions WithMemoryBudget(long? budget) => new()
    {
        Delimiter = Delimiter, HasHeader = HasHeader, Quote = Quote, MaxRecordLength = MaxRecordLength, MemoryBudget = budget,
        Encoding = Encoding, DecimalSeparator = DecimalSeparator,
    };

    /// <summary>Default options: everything detected.</summary>
    public static CsvOptions Default { get; } = new();
}
