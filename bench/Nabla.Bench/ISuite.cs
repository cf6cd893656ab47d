namespace Nabla.Bench;

/// <summary>A named benchmark suite: runs its workloads and returns one row per workload.</summary>
internal interface ISuite
{
    /// <summary>The name used on the command line (<c>Nabla.Bench gemm</c>).</summary>
    string Name { get; }

    /// <summary>One line for the usage text.</summary>
    string Description { get; }

    /// <summary>The columns of the printed table, in order (keys of <see cref="BenchRow.Values"/>).</summary>
    IReadOnlyList<TableColumn> Columns { get; }

    /// <summary>Runs the workloads; <paramref name="report"/> is called after each row so progress shows.</summary>
    void Run(BenchOptions options, Action<BenchRow> report);
}

/// <summary>One result row: a workload name and named values (numbers or text).</summary>
internal sealed record BenchRow(string Name, IReadOnlyDictionary<string, object> Values);

/// <summary>A table column: the JSON key, the header, and how to format a number.</summary>
internal sealed record TableColumn(string Key, string Header, string Format = "0.##");
