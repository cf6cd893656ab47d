using System.Text;
using Nabla.Cli.Options;
using Nabla.Cli.Parsing;
using Nabla.Fuzzing;
using Xunit.Abstractions;

namespace Nabla.Cli.Tests.Fuzz;

/// <summary>
/// Issue #8, item 1, for <c>--config</c> files: any bytes in a JSON or YAML config give a
/// <see cref="CliException"/> or <see cref="UsageException"/> with a message (the CLI prints it as one line),
/// never another exception, a hang or a memory blow-up. Even-length inputs are written as .json, odd as .yaml.
/// </summary>
public sealed class ConfigFileFuzzTests(ITestOutputHelper output) : IDisposable
{
    // Each case is a real file (ConfigFile reads paths). On a busy disk a write costs milliseconds, in tmpfs microseconds.
    private static readonly string Dir = Path.Combine(Directory.Exists("/dev/shm") ? "/dev/shm" : Path.GetTempPath(), "nabla-config-fuzz-" + Environment.ProcessId);

    private static readonly string[] Seeds =
    [
        "{\"epochs\": 20, \"lr\": 0.01, \"layers\": [64, 32], \"optimizer\": \"adam\"}",
        "{\n  // comment\n  \"batch_size\": 32,\n  \"quiet\": true,\n  \"activation\": \"relu\",\n}",
        "epochs: 20\nlr: 1e-3\nlayers: [64, 32]\noptimizer: sgd\n",
        "# training\nbatch-size: 16\nlayers:\n  - 8\n  - 4\nquiet: false\nschedule: cosine\n",
        "---\nepochs: 5\ndataset: \"iris\"\n...\n",
        "seed: 7\nmode: minibatch\ninit: &a default\nloss: *a\n",
    ];

    internal static FuzzTarget Target()
    {
        Directory.CreateDirectory(Dir);
        string json = Path.Combine(Dir, "config.json"), yaml = Path.Combine(Dir, "config.yaml");
        return new FuzzTarget("config",
            data =>
            {
                string path = data.Length % 2 == 0 ? json : yaml;
                File.WriteAllBytes(path, data);
                ConfigFile.Read(path, TrainOptions.Specs);
            },
            [typeof(CliException), typeof(UsageException)],
            Seeds.Select(Encoding.UTF8.GetBytes).ToArray(),
            ["{", "}", "[", "]", ":", ": ", "- ", "\n  ", "&x ", "*x", "!!str ", "!!binary ", "? ", "|\n", ">-\n", "'", "\"", "---\n", "%YAML 1.2\n", "<<: ", "~", "null", "\t"],
            AllocationBase: 8 << 20, AllocationPerByte: 1000, MaxInputLength: 16 << 10);
    }

    [Fact]
    public void Read_MutatedConfigs_OnlyCliErrorsNoHangBoundedAllocation()
    {
        var report = FuzzRunner.Run(Target(), FuzzSettings.Cases, FuzzSettings.Seed);
        output.WriteLine(report.ToString());
        Assert.True(report.Failures.Count == 0, report + "\n" + string.Join("\n", report.Failures.Select(f => $"case {f.Case}: {f.Problem} -> {f.SavedAs}")));
        Assert.True(report.Rejected > 0 && report.Accepted > 0, report.ToString());
    }

    [Fact]
    public void Read_RegressionCorpus_OnlyCliErrors()
    {
        var report = FuzzRunner.Replay(Target(), Corpus.Load("config"));
        output.WriteLine(report.ToString());
        Assert.True(report.Failures.Count == 0, string.Join("\n", report.Failures.Select(f => f.Problem)));
    }

    public void Dispose()
    {
        try { Directory.Delete(Dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}

/// <summary>The config reader's answers to the inputs the fuzzer found, with their messages.</summary>
public class ConfigFileHostileInputTests
{
    private static string Write(string name, string text)
    {
        string dir = Path.Combine(Path.GetTempPath(), "nabla-config-hostile-" + Environment.ProcessId);
        Directory.CreateDirectory(dir);
        string path = Path.Combine(dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Theory]
    [InlineData("flow", "layers: [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[")]
    [InlineData("deep flow", null)]
    [InlineData("deep block", null)]
    public void Read_DeeplyNestedYaml_CliErrorNotStackOverflow(string what, string? text)
    {
        text ??= what == "deep flow"
            ? "layers: " + new string('[', 500_000)
            : "layers:\n" + string.Concat(Enumerable.Range(1, 1300).Select(i => new string(' ', i) + "-\n"));
        var e = Assert.Throws<CliException>(() => ConfigFile.Read(Write("deep.yaml", text), TrainOptions.Specs));
        Assert.Contains("more than 32 levels deep", e.Message);
        Assert.Contains("deep.yaml", e.Message);
    }

    [Theory]
    [InlineData("layers: [64ir#s\"\n...h_size\": 32,\n}")]
    [InlineData("layers:\n  - : 8\n  - 4\n")]
    public void Read_YamlThatConfusesYamlDotNet_CliErrorNamingTheFile(string text)
    {
        var e = Assert.Throws<CliException>(() => ConfigFile.Read(Write("odd.yaml", text), TrainOptions.Specs));
        Assert.Contains("odd.yaml", e.Message);
        Assert.Contains("not valid YAML", e.Message);
    }
}
