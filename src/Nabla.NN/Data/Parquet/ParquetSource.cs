using Parquet;
using Parquet.Schema;

namespace Nabla.NN.Data;

/// <summary>
/// A Parquet file seen as rows of text fields, so the <see cref="Preprocessor"/> treats it exactly as the same data in a
/// CSV file: each value is written as a CSV writer would (numbers in their shortest round-trip form, booleans
/// <c>true</c>/<c>false</c>, dates ISO 8601) and a null is a missing value. Each <see cref="EnumerateRows"/> re-opens the
/// file and streams it one row group at a time, so memory is bounded by one row group, whatever the file's length.
/// </summary>
/// <remarks>
/// Only flat schemas (one value per column and row) are read; a nested column is refused with its name. In error
/// messages the "line" of a Parquet row is its 1-based row number.
/// </remarks>
public sealed class ParquetSource : ICsvRows
{
    private readonly string _path;
    private readonly DataField[] _fields;

    private ParquetSource(string path, DataField[] fields)
    {
        _path = path;
        _fields = fields;
        ColumnNames = fields.Select(f => f.Name).ToArray();
    }

    /// <summary>True when <paramref name="path"/> names a Parquet file (<c>.parquet</c>, any case).</summary>
    public static bool IsParquetPath(string path) => path.EndsWith(".parquet", StringComparison.OrdinalIgnoreCase);

    /// <summary>Opens <paramref name="path"/> and reads its schema (not its data).</summary>
    /// <exception cref="DataFormatException">Not a Parquet file, or a nested (non-flat) column.</exception>
    public static ParquetSource FromFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var stream = File.OpenRead(path);
        var reader = Open(stream, path);
        var schema = reader.Schema;
        reader.DisposeAsync().AsTask().GetAwaiter().GetResult();
        var nested = schema.Fields.FirstOrDefault(f => f.SchemaType != SchemaType.Data);
        if (nested is not null)
            throw new DataFormatException($"column \"{nested.Name}\" is nested ({nested.SchemaType}); only flat tables (one value per column and row) can be read", path);
        return new ParquetSource(path, schema.GetDataFields());
    }

    /// <inheritdoc/>
    public string? SourceName => _path;

    /// <inheritdoc/>
    public IReadOnlyList<string> ColumnNames { get; }

    /// <summary>Always true: Parquet columns are named.</summary>
    public bool HasHeader => true;

    /// <inheritdoc/>
    public IEnumerable<CsvRow> EnumerateRows()
    {
        using var stream = File.OpenRead(_path);
        var reader = Open(stream, _path);
        try
        {
            long row = 0;
            for (int g = 0; g < reader.RowGroupCount; g++)
            {
                string[][] columns;
                using (var group = reader.OpenRowGroupReader(g))
                {
                    if (group.RowCount > Array.MaxLength) throw new DataFormatException($"row group {g + 1} has {group.RowCount} rows, more than one array holds", _path);
                    columns = new string[_fields.Length][];
                    for (int c = 0; c < _fields.Length; c++)
                        columns[c] = Read(group, _fields[c], (int)group.RowCount);
                }
                int rows = columns.Length == 0 ? 0 : columns[0].Length;
                for (int i = 0; i < rows; i++)
                {
                    var fields = new string[columns.Length];
                    for (int c = 0; c < columns.Length; c++) fields[c] = columns[c][i];
                    yield return new CsvRow(++row, fields);
                }
            }
        }
        finally
        {
            reader.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    private string[] Read(ParquetRowGroupReader group, DataField field, int rows)
    {
        try { return ParquetValues.ReadAsText(group, field, rows, _path); }
        catch (Exception e) when (e is not (IOException or OutOfMemoryException or DataFormatException))
        {
            throw new DataFormatException($"column \"{field.Name}\" cannot be read: {e.Message}", _path, inner: e);
        }
    }

    private static ParquetReader Open(Stream stream, string path)
    {
        // Parquet.Net reports a file that is not Parquet (bad magic, truncated footer) as an IOException: the content's fault.
        try { return ParquetReader.CreateAsync(stream).GetAwaiter().GetResult(); }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new DataFormatException($"not a readable Parquet file: {e.Message}", path, inner: e);
        }
    }
}
