namespace Nabla.NN.Tests;

/// <summary>
/// Finds the optional benchmark data sets of the workplace's <c>shared/data/</c> folder (beside the repository, or
/// beside any folder above it) or of Debian's dataset packages. Tests that use them return early when absent:
/// the project itself never needs them.
/// </summary>
internal static class SharedData
{
    /// <summary>The folder holding <paramref name="name"/>'s files (e.g. "fashion-mnist"), or null.</summary>
    public static string? Find(string name, string probeFile)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "shared", "data", name);
            if (File.Exists(Path.Combine(candidate, probeFile))) return candidate;
        }
        string debian = Path.Combine("/usr/share/datasets", name);
        return File.Exists(Path.Combine(debian, probeFile)) ? debian : null;
    }
}
