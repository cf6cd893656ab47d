using System.Text;
using System.Text.RegularExpressions;

namespace Nabla.Cli.Tests;

/// <summary>The copy-paste examples change the working directory, so they run alone.</summary>
[CollectionDefinition(nameof(WorkingDirectory), DisableParallelization = true)]
public sealed class WorkingDirectory;

/// <summary>
/// Runs every command example of docs/CLI.md and README.md in-process, in order, from a scratch copy of the
/// repository's samples/ folder, as a new user would paste them. An example is a line starting with
/// <c>nabla </c> or <c>dotnet run --project src/Nabla.Cli -- </c> inside a <c>```sh</c> block.
/// </summary>
[Collection(nameof(WorkingDirectory))]
public sealed partial class DocsExamplesTests
{
    private const string DotnetRun = "dotnet run --project src/Nabla.Cli -- ";

    public static TheoryData<string> Documents => new() { "docs/CLI.md", "README.md" };

    [Theory]
    [MemberData(nameof(Documents))]
    public void Examples_RunAsWritten_ExitZero(string document)
    {
        string root = RepositoryRoot();
        var examples = Examples(File.ReadAllText(Path.Combine(root, document)));
        if (document == "docs/CLI.md") Assert.True(examples.Count >= 10, $"only {examples.Count} examples found in {document}");
        using var scratch = new TempDir();
        CopyDirectory(Path.Combine(root, "samples"), Path.Combine(scratch.Path, "samples"));
        string previous = Environment.CurrentDirectory;
        Environment.CurrentDirectory = scratch.Path;
        try
        {
            foreach (var example in examples)
            {
                var r = CliRunner.Run([.. Split(example)]);
                Assert.True(r.ExitCode == 0, $"{document}: '{example}' exited with {r.ExitCode}:\n{r.Stderr}");
            }
        }
        finally
        {
            Environment.CurrentDirectory = previous;
        }
    }

    /// <summary>
    /// The README shows the whiteboard's printed output in <c>```console</c> blocks (<c>$ nabla ...</c> then the output):
    /// each must be exactly what the command prints today.
    /// </summary>
    [Fact]
    public void Readme_PrintedOutputs_MatchWhatTheCommandsPrint()
    {
        string readme = File.ReadAllText(Path.Combine(RepositoryRoot(), "README.md")).Replace("\r\n", "\n");
        var blocks = ConsoleBlock().Matches(readme);
        Assert.True(blocks.Count >= 4, $"expected the README's printed outputs, found {blocks.Count} console blocks");
        foreach (Match block in blocks)
        {
            string command = block.Groups[1].Value;
            var r = CliRunner.Run([.. Split(command)]);
            Assert.Equal(0, r.ExitCode);
            Assert.Equal(block.Groups[2].Value.TrimEnd('\n'), r.Stdout.Replace("\r\n", "\n").TrimEnd('\n'));
        }
    }

    [Fact]
    public void Split_QuotedArguments_KeepSpaces() =>
        Assert.Equal(["explain", "g = -2*w1; z = g", "--at", "w1=3"], Split("explain \"g = -2*w1; z = g\" --at w1=3"));

    /// <summary>The example command lines (arguments after <c>nabla</c>) in <c>```sh</c> blocks.</summary>
    internal static List<string> Examples(string markdown)
    {
        var result = new List<string>();
        foreach (Match block in ShellBlock().Matches(markdown))
            foreach (var raw in block.Groups[1].Value.Split('\n'))
            {
                string line = raw.Trim();
                if (line.StartsWith("nabla ", StringComparison.Ordinal)) result.Add(line["nabla ".Length..]);
                else if (line.StartsWith(DotnetRun, StringComparison.Ordinal)) result.Add(line[DotnetRun.Length..]);
            }
        return result;
    }

    /// <summary>Splits a command line as a POSIX shell does for plain words and "double" or 'single' quotes.</summary>
    internal static List<string> Split(string line)
    {
        var args = new List<string>();
        var current = new StringBuilder();
        bool inWord = false;
        char quote = '\0';
        foreach (char c in line)
        {
            if (quote != '\0')
            {
                if (c == quote) quote = '\0';
                else current.Append(c);
            }
            else if (c is '"' or '\'') { quote = c; inWord = true; }
            else if (char.IsWhiteSpace(c))
            {
                if (inWord) { args.Add(current.ToString()); current.Clear(); inWord = false; }
            }
            else { current.Append(c); inWord = true; }
        }
        if (inWord) args.Add(current.ToString());
        return args;
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Nabla.slnx"))) return dir.FullName;
        throw new InvalidOperationException("Nabla.slnx not found above the test binaries.");
    }

    private static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from)) File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        foreach (var dir in Directory.GetDirectories(from))
            if (Path.GetFileName(dir) is not ("bin" or "obj")) // the sample projects' build output is not data
                CopyDirectory(dir, Path.Combine(to, Path.GetFileName(dir)));
    }

    [GeneratedRegex("```sh\\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex ShellBlock();

    [GeneratedRegex("```console\\n\\$ nabla ([^\\n]*)\\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex ConsoleBlock();
}
