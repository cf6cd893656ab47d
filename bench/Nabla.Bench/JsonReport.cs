using System.Text.Json;

namespace Nabla.Bench;

/// <summary>
/// Writes a suite's rows as JSON. The schema is shared with the peer scripts in bench/peers/ so that
/// bench/compare.sh can join them by workload name: { suite, impl, threads, date, machine, results: [ {name, ...} ] }.
/// </summary>
internal static class JsonReport
{
    private static readonly JsonSerializerOptions Options = new() { WriteIndented = true };

    public static void Write(string path, string suite, int threads, IEnumerable<BenchRow> rows)
    {
        var results = rows.Select(r =>
        {
            var item = new Dictionary<string, object> { ["name"] = r.Name };
            foreach (var (key, value) in r.Values) item[key] = value;
            return item;
        }).ToList();
        var report = new Dictionary<string, object>
        {
            ["suite"] = suite,
            ["impl"] = "nabla",
            ["threads"] = threads,
            ["date"] = DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ"),
            ["machine"] = MachineInfo.Describe(),
            ["results"] = results,
        };
        string? dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (dir is not null) Directory.CreateDirectory(dir);
        File.WriteAllText(path, JsonSerializer.Serialize(report, Options) + "\n");
    }
}
