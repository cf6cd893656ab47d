namespace Nabla.Bench;

/// <summary>Finds files of the repository (workload definitions, the results folder) from any working directory.</summary>
internal static class RepoPaths
{
    /// <summary>The folder holding Nabla.slnx, searched upwards from the working directory, then from the binary.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>bench/workloads/NAME.json: workload definitions shared with the peer scripts.</summary>
    public static string Workload(string name) => Path.Combine(Root, "bench", "workloads", name + ".json");

    /// <summary>bench/results/: where JSON reports go by default.</summary>
    public static string Results => Path.Combine(Root, "bench", "results");

    private static string FindRoot()
    {
        foreach (string start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "Nabla.slnx"))) return dir.FullName;
        throw new DirectoryNotFoundException(
            $"Could not find the Nabla repository (a folder with Nabla.slnx) above '{Directory.GetCurrentDirectory()}' " +
            $"or '{AppContext.BaseDirectory}'. Run the benchmark from inside the repository.");
    }
}
