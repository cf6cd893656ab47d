namespace Nabla.NN.Data;

/// <summary>One data record of a delimited file and the line it started on (for error messages).</summary>
/// <param name="Line">1-based physical line where the record starts.</param>
/// <param name="Fields">The field values, one per column, exactly as written (quotes removed).</param>
public readonly record struct CsvRow(long Line, string[] Fields);

/// <summary>
/// Rows of a delimited file that can be enumerated more than once (fit statistics, then encode), either from
/// memory (<see cref="CsvTable"/>) or by re-reading a file (<see cref="CsvSource"/>).
/// </summary>
public interface ICsvRows
{
    /// <summary>File name for error messages, or null.</summary>
    string? SourceName { get; }

    /// <summary>Column names: the header's, or <c>column1</c>, <c>column2</c>, ... when there is none.</summary>
    IReadOnlyList<string> ColumnNames { get; }

    /// <summary>Whether the names came from a header record.</summary>
    bool HasHeader { get; }

    /// <summary>Enumerates the data rows (not the header), each with exactly <c>ColumnNames.Count</c> fields.</summary>
    /// <exception cref="DataFormatException">A malformed record, or one with the wrong number of fields.</exception>
    IEnumerable<CsvRow> EnumerateRows();
}
