using Parquet;
using Parquet.Schema;

namespace Nabla.NN.Data;

/// <summary>
/// Writes a flat table to a Parquet stream one row group at a time (e.g. one batch of predictions), so memory stays
/// bounded by a batch. Text columns are nullable strings (an empty string is written as null, a missing value),
/// number columns doubles.
/// </summary>
public sealed class ParquetTableWriter : IDisposable
{
    private readonly DataField[] _fields;
    private readonly bool[] _numeric;
    private readonly ParquetWriter _writer;

    /// <summary>Starts a Parquet file on <paramref name="stream"/> with the given columns, in order.</summary>
    /// <param name="stream">A writable, seekable stream; left open.</param>
    /// <param name="columns">Column names and whether each holds numbers (<c>double</c>) or text (<c>string</c>).</param>
    public ParquetTableWriter(Stream stream, IReadOnlyList<(string Name, bool Numeric)> columns)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(columns);
        _numeric = columns.Select(c => c.Numeric).ToArray();
        _fields = columns.Select(c => c.Numeric ? (DataField)new DataField<double>(c.Name) : new DataField<string>(c.Name, nullable: true)).ToArray();
        _writer = ParquetWriter.CreateAsync(new ParquetSchema(_fields), stream).GetAwaiter().GetResult();
    }

    /// <summary>Writes one row group: <paramref name="columns"/>[j] is a <c>string[]</c> (text) or <c>double[]</c> (numbers), all of one length.</summary>
    /// <exception cref="ArgumentException">A column of the wrong kind or length.</exception>
    public void WriteRowGroup(IReadOnlyList<Array> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        if (columns.Count != _fields.Length) throw new ArgumentException($"Expected {_fields.Length} columns, got {columns.Count}.", nameof(columns));
        int rows = columns.Count == 0 ? 0 : columns[0].Length;
        using var group = _writer.CreateRowGroup();
        for (int j = 0; j < columns.Count; j++)
        {
            if (columns[j].Length != rows) throw new ArgumentException($"Column \"{_fields[j].Name}\" has {columns[j].Length} values, the first column {rows}.", nameof(columns));
            var field = _fields[j];
            switch (columns[j])
            {
                case double[] d when _numeric[j]:
                    group.WriteAsync(field, (ReadOnlyMemory<double>)d).GetAwaiter().GetResult();
                    break;
                case string[] s when !_numeric[j]:
                    group.WriteAsync(field, s.Select(v => v.Length == 0 ? null : v).ToArray()).GetAwaiter().GetResult();
                    break;
                default:
                    throw new ArgumentException($"Column \"{field.Name}\" must be {(_numeric[j] ? "double[]" : "string[]")}.", nameof(columns));
            }
        }
    }

    /// <summary>Finishes the file (writes the footer).</summary>
    public void Dispose() => _writer.DisposeAsync().AsTask().GetAwaiter().GetResult();
}
