using System.Globalization;

namespace Nabla.Bench;

/// <summary>Prints result rows as an aligned text table, one row at a time as results arrive.</summary>
internal sealed class TablePrinter
{
    private const int NameWidth = 26;
    private readonly IReadOnlyList<TableColumn> _columns;
    private readonly int[] _widths;

    public TablePrinter(IReadOnlyList<TableColumn> columns)
    {
        _columns = columns;
        _widths = columns.Select(c => Math.Max(c.Header.Length, 10)).ToArray();
    }

    public void PrintHeader(TextWriter output)
    {
        output.Write("workload".PadRight(NameWidth));
        for (int i = 0; i < _columns.Count; i++) output.Write("  " + _columns[i].Header.PadLeft(_widths[i]));
        output.WriteLine();
        output.WriteLine(new string('-', NameWidth + _widths.Sum(w => w + 2)));
    }

    public void PrintRow(TextWriter output, BenchRow row)
    {
        output.Write(row.Name.PadRight(NameWidth));
        for (int i = 0; i < _columns.Count; i++)
        {
            string text = row.Values.TryGetValue(_columns[i].Key, out object? v) ? Format(v, _columns[i].Format) : "";
            output.Write("  " + text.PadLeft(_widths[i]));
        }
        output.WriteLine();
    }

    private static string Format(object value, string format) => value switch
    {
        double d => d.ToString(format, CultureInfo.InvariantCulture),
        float f => f.ToString(format, CultureInfo.InvariantCulture),
        int i => i.ToString(CultureInfo.InvariantCulture),
        bool b => b ? "yes" : "no",
        _ => value.ToString() ?? "",
    };
}
