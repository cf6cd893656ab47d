namespace Nabla.NN.Data;

/// <summary>
/// A delimited file read lazily, as often as needed, without keeping its text in memory: each
/// <see cref="EnumerateRows"/> re-opens the file and streams it, so a 1 GB CSV can be fitted and encoded in
/// two passes with memory bounded by one record. <c>.gz</c> content is detected by its magic bytes and gunzipped.
/// </summary>
public sealed class CsvSource : ICsvRows
{
    private readonly Func<Stream> _open;
    private readonly CsvOptions _options;

    private CsvSource(Func<Stream> open, string? sourceName, CsvOptions options)
    {
        _open = open;
        _options = options;
        SourceName = sourceName;
        using var s = open();
        var reader = new CsvRowReader(s, options, sourceName, null);
        Dialect = reader.Dialect;
        ColumnNames = reader.ColumnNames;
    }

    /// <summary>Opens <paramref name="path"/> (reads only its first 64 KiB now, to detect the dialect and header).</summary>
    /// <exception cref="DataFormatException">The header is malformed.</exception>
    public static CsvSource FromFile(string path, CsvOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        return new CsvSource(() => new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16), path, options ?? CsvOptions.Default);
    }

    /// <summary>A source over CSV text held in memory (e.g. a test fixture or a downloaded string); <paramref name="sourceName"/> names it in errors.</summary>
    public static CsvSource FromText(string text, string? sourceName = null, CsvOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        byte[] bytes = System.Text.Encoding.UTF8.GetBytes(text);
        return FromStreams(() => new MemoryStream(bytes, writable: false), sourceName ?? "<text>", options);
    }

    /// <summary>A source that calls <paramref name="open"/> for every pass (each call must return a fresh stream at the start).</summary>
    public static CsvSource FromStreams(Func<Stream> open, string? sourceName = null, CsvOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(open);
        return new CsvSource(open, sourceName, options ?? CsvOptions.Default);
    }

    /// <inheritdoc/>
    public string? SourceName { get; }

    /// <summary>The dialect detected on the first read (kept for later passes).</summary>
    public CsvDialect Dialect { get; }

    /// <inheritdoc/>
    public IReadOnlyList<string> ColumnNames { get; }

    /// <inheritdoc/>
    public bool HasHeader => Dialect.HasHeader;

    /// <inheritdoc/>
    public IEnumerable<CsvRow> EnumerateRows()
    {
        using var s = _open();
        var reader = new CsvRowReader(s, _options, SourceName, Dialect);
        foreach (var row in reader.Rows()) yield return row;
    }
}
