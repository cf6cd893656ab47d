using System.Diagnostics;
using Nabla.Cli.Execution;
using Nabla.NN.Serialization;
using Nabla.NN.Training;
using Xunit.Abstractions;

namespace Nabla.Cli.Tests.Reliability;

/// <summary>The process tests run alone: they time kills against a real training run.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessCollection
{
    public const string Name = "Real nabla processes (run alone)";
}

/// <summary>
/// Issue #8, item 3: a training process killed (SIGKILL) at random moments never leaves a file that does not load,
/// and <c>--resume</c> from whatever is on disk ends with the same weights, bit for bit, as an uninterrupted run with
/// the same seed. Ctrl-C (SIGINT) saves a checkpoint and exits cleanly with code 130.
/// </summary>
[Collection(ProcessCollection.Name)]
public sealed class CrashSafetyTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("nabla-kill-").FullName;

    /// <summary>Kills to survive per way of training; NABLA_KILLS overrides <paramref name="byDefault"/> (CI's second pass, the long mode).</summary>
    private static int Kills(int byDefault) => int.TryParse(Environment.GetEnvironmentVariable("NABLA_KILLS"), out int k) && k > 0 ? k : byDefault;

    // digits: 1,797 rows x 64 features, 10 classes; 30 epochs take about two seconds, one epoch tens of milliseconds.
    private static string[] TrainArgs(string outDir, string way = "plain") =>
        ["train", "--dataset", "digits", "--layers", "32", "--epochs", "30", "--seed", "7", "--quiet", "--out", outDir, .. Options(way)];

    // Issue #15, item 12: early stopping and the plateau schedule carry state across epochs, which a resume must restore.
    private static string[] Options(string way) => way switch
    {
        "early-stopping" => ["--early-stopping", "2"],
        "plateau" => ["--schedule", "plateau"],
        _ => [],
    };

    private static TimeSpan Timeout => TimeSpan.FromSeconds(120);

    private static Dictionary<string, float[]> Weights(string dir) =>
        SafeTensors.Load(Path.Combine(dir, "model.safetensors")).Tensors.ToDictionary(t => t.Name, t => t.Data);

    /// <summary>Every file that a reader will open must read: the safetensors files fully validate, the JSON parses.</summary>
    private static void AssertEverythingOnDiskLoads(string dir, string when)
    {
        if (!Directory.Exists(dir)) return; // killed before the output folder was made
        foreach (string f in Directory.GetFiles(dir))
        {
            string name = Path.GetFileName(f);
            if (name.StartsWith('.') && name.EndsWith(".tmp", StringComparison.Ordinal)) continue; // an interrupted atomic write's temp file
            try
            {
                if (name.EndsWith(".safetensors", StringComparison.Ordinal))
                {
                    var file = SafeTensors.Load(f);
                    if (name == "checkpoint.safetensors")
                    {
                        Assert.Equal(Checkpoint.Format, file.Metadata["format"]);
                        Assert.InRange(int.Parse(file.Metadata["epoch"], System.Globalization.CultureInfo.InvariantCulture), 1, 30);
                    }
                }
                else if (name.EndsWith(".json", StringComparison.Ordinal))
                    System.Text.Json.JsonDocument.Parse(File.ReadAllBytes(f)).Dispose();
            }
            catch (Exception e)
            {
                throw new Xunit.Sdk.XunitException($"{when}: {name} does not load: {e.GetType().Name}: {e.Message}");
            }
        }
    }

    [Theory]
    [InlineData("plain", 4)]
    [InlineData("early-stopping", 3)]
    [InlineData("plateau", 3)]
    public void Train_KilledAtRandomMoments_EveryFileLoadsAndResumeMatchesUninterruptedRun(string way, int defaultKills)
    {
        // The uninterrupted run gives the reference weights and measures start-up (until the first checkpoint) and the
        // time per epoch, so each kill can be placed uniformly over the life the process still has ahead of it.
        string reference = Path.Combine(_root, "reference");
        var clock = Stopwatch.StartNew();
        string referenceCheckpoint = Path.Combine(reference, TrainRunner.CheckpointFile);
        TimeSpan firstCheckpoint;
        using (var p = new NablaProcess(TrainArgs(reference, way)))
        {
            while (!p.HasExited && !File.Exists(referenceCheckpoint)) Thread.Sleep(2);
            firstCheckpoint = clock.Elapsed;
            Assert.True(p.WaitForExit(Timeout) == 0, p.Stderr);
        }
        var span = clock.Elapsed;
        var expected = Weights(reference);
        double perEpochMs = Math.Max(1, (span - firstCheckpoint).TotalMilliseconds / 29);
        double RemainingMs(int epochsDone) => firstCheckpoint.TotalMilliseconds + (30 - epochsDone) * perEpochMs;
        int killsWanted = Kills(defaultKills);

        // NABLA_FUZZ_SEED picks other kill moments (default 20261121, the moments every CI run has used).
        var rng = new Random(unchecked((int)Nabla.Fuzzing.FuzzSettings.Seed));
        int kills = 0, episodes = 0, resumes = 0, tempFiles = 0;
        var total = Stopwatch.StartNew();
        while (kills < killsWanted)
        {
            episodes++;
            string dir = Path.Combine(_root, "episode" + episodes);
            string checkpoint = Path.Combine(dir, TrainRunner.CheckpointFile);
            while (true)
            {
                bool resume = File.Exists(checkpoint);
                int done = resume ? int.Parse(SafeTensors.Load(checkpoint).Metadata["epoch"], System.Globalization.CultureInfo.InvariantCulture) : 0;
                string[] args = resume ? ["train", "--config", Path.Combine(dir, TrainRunner.ConfigFile), "--resume", checkpoint, "--quiet"] : TrainArgs(dir, way);
                if (resume) resumes++;
                using var p = new NablaProcess(args);
                // Anywhere in a run: start-up, data loading, epochs, checkpoint writes, the final model writes. A resumed
                // run has fewer epochs left, so it eventually finishes before its kill and the episode ends.
                Thread.Sleep(TimeSpan.FromMilliseconds(rng.NextDouble() * RemainingMs(done)));
                if (p.HasExited || kills >= killsWanted)
                {
                    Assert.True(p.WaitForExit(Timeout) == 0, $"episode {episodes}: {p.Stderr}");
                    break;
                }
                p.Kill();
                kills++;
                AssertEverythingOnDiskLoads(dir, $"after kill {kills} (episode {episodes})");
            }
            AssertEverythingOnDiskLoads(dir, $"end of episode {episodes}");
            tempFiles += Directory.GetFiles(dir, ".*.tmp").Length;
            var got = Weights(dir);
            Assert.Equal(expected.Keys.Order(), got.Keys.Order());
            foreach (var (name, w) in expected)
                Assert.True(w.AsSpan().SequenceEqual(got[name]), $"episode {episodes}: tensor {name} differs from the uninterrupted run");
        }
        output.WriteLine($"{way}: kills survived: {kills} in {episodes} episodes ({resumes} resumes), every file loaded after every kill, " +
                         $"final weights bit-identical to the uninterrupted run in all {episodes}; {tempFiles} orphaned temp files; " +
                         $"{total.Elapsed.TotalSeconds:F0} s (one uninterrupted run: {span.TotalSeconds:F1} s, start-up to first checkpoint {firstCheckpoint.TotalSeconds:F2} s)");
    }

    [Fact]
    public void Train_Sigint_SavesCheckpointExits130AndResumeMatches()
    {
        string reference = Path.Combine(_root, "reference-int");
        using (var p = new NablaProcess(TrainArgs(reference)))
            Assert.True(p.WaitForExit(Timeout) == 0, p.Stderr);

        string dir = Path.Combine(_root, "interrupted");
        string checkpoint = Path.Combine(dir, TrainRunner.CheckpointFile);
        using (var p = new NablaProcess(TrainArgs(dir)))
        {
            var wait = Stopwatch.StartNew();
            while (!File.Exists(checkpoint) && !p.HasExited && wait.Elapsed < Timeout) Thread.Sleep(5);
            Assert.False(p.HasExited, "training finished before it could be interrupted");
            p.Interrupt();
            int code = p.WaitForExit(Timeout);
            Assert.True(code == ExitCodesForTests.Interrupted, $"exit code {code}; stderr:\n{p.Stderr}");
            Assert.Contains("Checkpoint saved to", p.Stderr);
            Assert.Contains("Resume with: nabla train --config", p.Stderr);
            Assert.DoesNotContain("   at ", p.Stderr); // no stack trace
        }
        AssertEverythingOnDiskLoads(dir, "after SIGINT");
        Assert.False(File.Exists(Path.Combine(dir, "model.safetensors")), "an interrupted run must not write a final model");

        using (var p = new NablaProcess("train", "--config", Path.Combine(dir, TrainRunner.ConfigFile), "--resume", checkpoint, "--quiet"))
            Assert.True(p.WaitForExit(Timeout) == 0, p.Stderr);
        var expected = Weights(reference);
        var got = Weights(dir);
        foreach (var (name, w) in expected) Assert.True(w.AsSpan().SequenceEqual(got[name]), $"tensor {name} differs after SIGINT and resume");
    }

    public void Dispose()
    {
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { }
    }
}

internal static class ExitCodesForTests
{
    public const int Interrupted = Nabla.Cli.Parsing.ExitCodes.Interrupted;
}
