namespace Nabla.NN.Data;

/// <summary>
/// A delimited text file held in memory as strings: column names plus rows of fields. For files too large for
/// memory use <see cref="CsvSource"/>, which has the same <see cref="ICsvRows"/> interface.
/// </summary>
/// <remarks>
/// Reads any delimited file: header or not (detected), delimiter <c>,</c> <c>;</c> tab <c>|</c> or whitespace
/// (detected) or given, RFC 4180 quoting (embedded delimiters, quotes and line breaks), UTF-8 with or without a
/// BOM, LF/CRLF/CR line ends, raw or gzip-compressed. Values are kept exactly as written; typing and encoding are
/// the <see cref="Preprocessor"/>'s job.
/// </remarks>
public sealed class CsvTable : ICsvRows
{
    private readonly List<CsvRow> _rows;
    private readonly Dictionary<string, int> _index;

    private CsvTable(string? sourceName, CsvDialect dialect, string[] names, List<CsvRow> rows)
    {
        SourceName = sourceName;
        Dialect = dialect;
        ColumnNames = names;
        _rows = rows;
        _index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int j = 0; j < names.Length; j++) _index[names[j]] = j;
    }

    /// <summary>
    /// Reads a whole delimited file from <paramref name="stream"/> (the single entry point: the other factories and
    /// the fuzz tests call it). The stream is read to its end and not disposed.
    /// </summary>
    /// <param name="stream">File content; gzip is detected from its first bytes.</param>
    /// <param name="options">Delimiter, header, quote and limits; null detects everything.</param>
    /// <param name="sourceName">Name for error messages, or null.</param>
    /// <exception cref="DataFormatException">Unclosed quote, text after a closing quote, wrong field count, duplicate
    /// column names, a record over the length limit, corrupt gzip. The message names the line and column.</exception>
    public static CsvTable Read(Stream stream, CsvOptions? options = null, string? sourceName = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var reader = new CsvRowReader(stream, options ?? CsvOptions.Default, sourceName, null);
        return new CsvTable(sourceName, reader.Dialect, reader.ColumnNames, reader.Rows().ToList());
    }

    /// <summary>Reads a file, a device or pipe, or <c>-</c> (standard input) once; see <see cref="Read"/> and <see cref="DataPath"/>.</summary>
    public static CsvTable Load(string path, CsvOptions? options = null) => Load(path, options, out _);

    /// <summary>
    /// Reads <paramref name="path"/> (a file, a device or pipe, or <c>-</c> for standard input) in one pass, and gives the
    /// SHA-256 of its bytes as read (before decompression) in lower-case hex. With <see cref="CsvOptions.MemoryBudget"/>
    /// set, a regular file is checked against the budget before reading, and every input while it is decompressed.
    /// </summary>
    /// <exception cref="DataFormatException">See <see cref="Read"/>.</exception>
    /// <exception cref="InsufficientMemoryException">The text exceeds the memory budget (see <see cref="MemoryBudget"/>).</exception>
    public static CsvTable Load(string path, CsvOptions? options, out string sha256)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var input = DataPath.OpenRead(path);
        if (options?.MemoryBudget is long budget && input.CanSeek) MemoryBudget.CheckCsv(input, path, budget);
        using var hashing = new HashingStream(input);
        var table = Read(hashing, options, path);
        sha256 = hashing.Finish();
        return table;
    }

    /// <summary>Parses text already in memory; see <see cref="Read"/>.</summary>
    public static CsvTable Parse(string text, CsvOptions? options = null, string? sourceName = null) =>
        Read(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(text)), options, sourceName);

    /// <inheritdoc/>
    public string? SourceName { get; }

    /// <summary>The delimiter, quote and header setting used.</summary>
    public CsvDialect Dialect { get; }

    /// <inheritdoc/>
    public IReadOnlyList<string> ColumnNames { get; }

    /// <inheritdoc/>
    public bool HasHeader => Dialect.HasHeader;

    /// <summary>Number of data rows (the header excluded).</summary>
    public int RowCount => _rows.Count;

    /// <summary>Number of columns.</summary>
    public int ColumnCount => ColumnNames.Count;

    /// <summary>The data rows with their line numbers.</summary>
    public IReadOnlyList<CsvRow> Rows => _rows;

    /// <summary>The value at <paramref name="row"/> (0-based data row) and <paramref name="column"/> (0-based).</summary>
    public string this[int row, int column] => _rows[row].Fields[column];

    /// <summary>0-based index of the column called <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">No such column; the message lists the names.</exception>
    public int ColumnIndex(string name) => _index.TryGetValue(name, out int j)
        ? j
        : throw new ArgumentException($"No column named \"{name}\"; the columns are: {string.Join(", ", ColumnNames)}.", nameof(name));

    /// <summary>All values of one column, top to bottom.</summary>
    public string[] GetColumn(int column) => _rows.Select(r => r.Fields[column]).ToArray();

    /// <summary>All values of the column called <paramref name="name"/>.</summary>
    public string[] GetColumn(string name) => GetColumn(ColumnIndex(name));

    /// <inheritdoc/>
    public IEnumerable<CsvRow> EnumerateRows() => _rows;
}
