namespace Nabla.NN.Data;

/// <summary>
/// A delimited file read lazily, as often as needed, without keeping its text in memory: each
/// <see cref="EnumerateRows"/> re-opens the file and streams it, so a 1 GB CSV can be fitted and encoded in
/// two passes with memory bounded by one record. <c>.gz</c> content is detected by its magic bytes and gunzipped.
/// A pipe, <c>/dev/stdin</c> or <c>-</c> is read once: the header and the rows come from one open stream, so
/// <see cref="EnumerateRows"/> can run once on such a source (a second pass is an <see cref="InvalidOperationException"/>).
/// </summary>
public sealed class CsvSource : ICsvRows
{
    private readonly Func<Stream> _open;
    private readonly CsvOptions _options;
    private readonly bool _rereadable;
    // A one-shot input (pipe, stdin) stays open after the header is read; its first pass continues from here.
    private (Stream Stream, CsvRowReader Reader)? _pending;
    private bool _consumed;

    private CsvSource(Func<Stream> open, string? sourceName, CsvOptions options, Func<Stream, bool> canReread)
    {
        _open = open;
        _options = options;
        SourceName = sourceName;
        var s = open();
        try
        {
            var reader = new CsvRowReader(s, options, sourceName, null);
            Dialect = reader.Dialect;
            ColumnNames = reader.ColumnNames;
            _rereadable = canReread(s);
            if (!_rereadable) _pending = (s, reader);
        }
        finally
        {
            if (_pending is null) s.Dispose();
        }
    }

    /// <summary>
    /// Opens <paramref name="path"/>, a file, a device or pipe (<c>/dev/stdin</c>, <c>&lt;(cmd)</c>) or <c>-</c> for standard
    /// input (reads only its first 64 KiB now, to detect the dialect and header; see <see cref="DataPath"/>).
    /// </summary>
    /// <exception cref="DataFormatException">The header is malformed.</exception>
    public static CsvSource FromFile(string path, CsvOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        return new CsvSource(() => DataPath.OpenRead(path), path, options ?? CsvOptions.Default, s => DataPath.CanReread(path, s));
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
        return new CsvSource(open, sourceName, options ?? CsvOptions.Default, _ => true);
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
    /// <exception cref="InvalidOperationException">A second pass over a one-shot input (pipe, standard input).</exception>
    public IEnumerable<CsvRow> EnumerateRows()
    {
        if (!_rereadable)
        {
            if (_consumed)
                throw new InvalidOperationException($"'{SourceName}' is a pipe or standard input and was already read once; save it to a file to read it twice.");
            _consumed = true;
        }
        return Rows();
    }

    private IEnumerable<CsvRow> Rows()
    {
        var (s, reader) = _pending ?? OpenPass();
        _pending = null;
        using (s)
            foreach (var row in reader.Rows()) yield return row;
    }

    private (Stream, CsvRowReader) OpenPass()
    {
        var s = _open();
        try { return (s, new CsvRowReader(s, _options, SourceName, Dialect)); }
        catch { s.Dispose(); throw; }
    }
}
