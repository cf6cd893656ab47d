namespace Nabla.Fuzzing;

/// <summary>The regression inputs kept in <c>tests/corpus/&lt;reader&gt;/</c>: every crash the fuzzer ever found.</summary>
public static class Corpus
{
    /// <summary>The repository's <c>tests/corpus</c> folder, found by walking up from the test binary to <c>Nabla.slnx</c>.</summary>
    public static string Root
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "Nabla.slnx")))
                    return Path.Combine(dir.FullName, "tests", "corpus");
            throw new DirectoryNotFoundException($"No Nabla.slnx above {AppContext.BaseDirectory}: cannot find tests/corpus.");
        }
    }

    /// <summary>Every saved input of <paramref name="reader"/>, in name order (none if the folder is absent).</summary>
    public static IReadOnlyList<byte[]> Load(string reader)
    {
        string dir = Path.Combine(Root, reader);
        return Directory.Exists(dir)
            ? Directory.GetFiles(dir).Where(f => !f.EndsWith(".md", StringComparison.Ordinal)).Order(StringComparer.Ordinal).Select(File.ReadAllBytes).ToArray()
            : [];
    }
}
