using System.Globalization;
using Nabla.NN.Data;

namespace Nabla.NN.Models;

/// <summary>
/// Rows given as column name -> value, seen as CSV rows with a header so they go through the same preprocessing as a
/// file: numbers are written in round-trip form, <c>null</c> is a missing value, a missing key is a missing column.
/// </summary>
internal sealed class DictionaryRows(IReadOnlyList<string> columns, IEnumerable<IReadOnlyDictionary<string, object?>> rows) : ICsvRows
{
    public string? SourceName => "<rows>";
    public IReadOnlyList<string> ColumnNames => columns;
    public bool HasHeader => true;

    public IEnumerable<CsvRow> EnumerateRows()
    {
        long line = 1;
        foreach (var row in rows)
        {
            line++;
            ArgumentNullException.ThrowIfNull(row);
            var fields = new string[columns.Count];
            for (int j = 0; j < fields.Length; j++)
                fields[j] = row.TryGetValue(columns[j], out object? v)
                    ? Field(v)
                    : throw new DataFormatException($"row {line - 1} has no value for column \"{columns[j]}\"; the model needs {string.Join(", ", columns)}", SourceName);
            yield return new CsvRow(line, fields);
        }
    }

    /// <summary>A value as the CSV reader would have seen it (invariant culture, shortest round-trip numbers).</summary>
    private static string Field(object? v) => v switch
    {
        null => "",
        string s => s,
        float f => f.ToString("R", CultureInfo.InvariantCulture),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => v.ToString() ?? "",
    };
}
