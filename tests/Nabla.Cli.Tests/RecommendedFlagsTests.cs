using System.Text.RegularExpressions;
using Nabla.Cli.Commands;
using Nabla.Cli.Parsing;

namespace Nabla.Cli.Tests;

/// <summary>
/// Every message that recommends a flag names one that exists (issue 14): each <c>--flag</c> written in a string
/// literal anywhere in src/ must be an option some <c>nabla</c> command declares.
/// </summary>
public partial class RecommendedFlagsTests
{
    // Flags of other programs that src/ quotes on purpose (mpirun's, in Nabla.Distributed's launch instructions).
    private static readonly HashSet<string> OtherTools = new(StringComparer.Ordinal) { "allow-run-as-root", "oversubscribe", "bind-to" };

    [GeneratedRegex("\"(?:[^\"\\\\\\n]|\\\\.)*\"")]
    private static partial Regex StringLiteral();

    [GeneratedRegex("(?<![A-Za-z0-9-])--([a-z][a-z0-9]*(?:-[a-z0-9]+)*)")]
    private static partial Regex Flag();

    private static HashSet<string> Declared()
    {
        var names = CommandCatalog.All.SelectMany(c => c.Options).Select(o => o.Name).ToHashSet(StringComparer.Ordinal);
        names.UnionWith([CommandBuilder.Config.Name, CommandBuilder.Verbose.Name, "help", "version"]);
        return names;
    }

    /// <summary>The flags named in string literals of <paramref name="text"/> that no command declares.</summary>
    private static IEnumerable<string> UnknownFlags(string text, HashSet<string> declared) =>
        StringLiteral().Matches(text).SelectMany(m => Flag().Matches(m.Value)).Select(f => f.Groups[1].Value)
            .Where(f => !declared.Contains(f) && !OtherTools.Contains(f));

    private static string SourceRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Nabla.slnx"))) return Path.Combine(dir.FullName, "src");
        throw new DirectoryNotFoundException("Nabla.slnx not found above " + AppContext.BaseDirectory);
    }

    [Fact]
    public void EveryFlagNamedInSrc_IsAnOptionOfSomeCommand()
    {
        var declared = Declared();
        var files = Directory.EnumerateFiles(SourceRoot(), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}"))
            .ToList();
        Assert.True(files.Count > 100, $"only {files.Count} source files found");
        var lines = files.SelectMany(f => File.ReadLines(f).Select((line, i) => (f, i, line))).ToList();
        int mentions = lines.Sum(x => StringLiteral().Matches(x.line).Sum(m => Flag().Matches(m.Value).Count));
        Assert.True(mentions > 50, $"only {mentions} flag mentions found: is the scan reading the messages?");
        var unknown = lines
            .SelectMany(x => UnknownFlags(x.line, declared).Select(flag => $"{Path.GetFileName(x.f)}:{x.i + 1} --{flag}"))
            .ToList();
        Assert.True(unknown.Count == 0, "messages recommend flags no command has:\n" + string.Join("\n", unknown));
    }

    [Fact]
    public void TheScan_CatchesAFlagThatDoesNotExist()
    {
        var declared = Declared();
        Assert.Equal(["impute-everything"], UnknownFlags("throw new DataFormatException(\"missing value; use --impute-everything or --impute mean\");", declared));
        Assert.Empty(UnknownFlags("// a comment about --impute-everything is not a message; i--; --count;", declared));
        Assert.Contains("unknown-categories", declared);
        Assert.Contains("dates", declared);
    }
}
