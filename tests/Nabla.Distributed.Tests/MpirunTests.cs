using Nabla.Cli;
using Nabla.NN.Serialization;

namespace Nabla.Distributed.Tests;

/// <summary><c>mpirun -n 2 nabla train ...</c> end to end: the real Open MPI, the real CLI, two processes.</summary>
public sealed class MpirunTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("nabla-mpirun-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [MpiFact]
    public void Train_TwoRanks_WritesOneModelEqualToTheSingleProcessRun()
    {
        Assert.True(OpenMpi.IsInstalled, OpenMpi.MissingMessage);
        string[] args = ["train", "--dataset", "moons", "--layers", "8", "--epochs", "4", "--batch-size", "16", "--seed", "3"];
        string single = Path.Combine(_dir, "single"), parallel = Path.Combine(_dir, "parallel");
        Assert.Equal(0, CliApp.Run([.. args, "--out", single], TextWriter.Null, TextWriter.Null));

        var (code, stdout, stderr) = OpenMpi.Finish(
            OpenMpi.Start(2, ["dotnet", OpenMpi.NablaDll, .. args, "--out", parallel]), TimeSpan.FromSeconds(120));

        Assert.True(code == 0, $"mpirun exited with {code}:\n{stderr}");
        Assert.Equal(1, CountOf(stdout, "Trained on moons"));   // rank 0 reports; rank 1 is quiet
        Assert.True(File.Exists(Path.Combine(parallel, "report.html")));
        var expected = SafeTensors.LoadTensors(Path.Combine(single, "model.safetensors"));
        var actual = SafeTensors.LoadTensors(Path.Combine(parallel, "model.safetensors"));
        Assert.Equal(expected.Keys.Order(), actual.Keys.Order());
        foreach (var (name, tensor) in expected)
        {
            float[] e = tensor.ToArray(), a = actual[name].ToArray();
            for (int i = 0; i < e.Length; i++) Assert.True(Math.Abs(e[i] - a[i]) <= 1e-5f, $"{name}[{i}]: {e[i]} vs {a[i]}");
        }
    }

    [MpiFact]
    public void Train_ARankIsKilled_TheJobEndsPromptlyAndTheCheckpointResumes()
    {
        Assert.True(OpenMpi.IsInstalled, OpenMpi.MissingMessage);
        string run = Path.Combine(_dir, "run"), pidFile = Path.Combine(_dir, "rank1.pid");
        string checkpoint = Path.Combine(run, "checkpoint.safetensors");
        // Rank 1 records its process id (exec keeps it) so the test can kill it once training is under way.
        string nabla = $"dotnet '{OpenMpi.NablaDll}' train --dataset digits --layers 32 --epochs 500 --seed 1 --out '{run}'";
        using var job = OpenMpi.Start(2, "sh", "-c",
            $"if [ \"$OMPI_COMM_WORLD_RANK\" = 1 ]; then echo $$ > '{pidFile}'; fi; exec {nabla}");
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!File.Exists(checkpoint) && !job.HasExited && clock.Elapsed < TimeSpan.FromSeconds(90)) Thread.Sleep(100);
        Assert.True(File.Exists(checkpoint), "rank 0 never wrote the first epoch's checkpoint");
        System.Diagnostics.Process.GetProcessById(int.Parse(File.ReadAllText(pidFile).Trim(), System.Globalization.CultureInfo.InvariantCulture)).Kill();

        var killedAt = System.Diagnostics.Stopwatch.StartNew();
        var (code, _, stderr) = OpenMpi.Finish(job, TimeSpan.FromSeconds(60));
        Assert.NotEqual(0, code);
        Assert.True(killedAt.Elapsed < TimeSpan.FromSeconds(30), $"the surviving rank took {killedAt.Elapsed.TotalSeconds:F0} s to stop");
        Assert.Contains("rank 1", stderr);

        // The last checkpoint resumes, here in one process (a different number of ranks).
        int epoch = int.Parse(SafeTensors.Load(checkpoint).Metadata["epoch"], System.Globalization.CultureInfo.InvariantCulture);
        var output = new StringWriter();
        int resumed = CliApp.Run(["train", "--config", Path.Combine(run, "config.json"), "--resume", checkpoint,
            "--epochs", (epoch + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)], output, output);
        Assert.True(resumed == 0, output.ToString());
    }

    [MpiFact]
    public void Evaluate_TwoRanks_RunsOnRankZeroOnly()
    {
        Assert.True(OpenMpi.IsInstalled, OpenMpi.MissingMessage);
        string model = Path.Combine(_dir, "model");
        Assert.Equal(0, CliApp.Run(["train", "--dataset", "moons", "--layers", "8", "--epochs", "2", "--out", model], TextWriter.Null, TextWriter.Null));

        // NABLA_DIST_VERBOSE lets rank 1 print: had it evaluated too, the report would appear twice.
        var (code, stdout, stderr) = OpenMpi.Finish(
            OpenMpi.Start(2, ["env", "NABLA_DIST_VERBOSE=1", "dotnet", OpenMpi.NablaDll, "evaluate", model]), TimeSpan.FromSeconds(120));

        Assert.True(code == 0, $"mpirun exited with {code}:\n{stderr}");
        Assert.Equal(1, CountOf(stdout, " rows):"));
    }

    [MpiFact]
    public void Tune_TwoRanks_ShareTheTrialsAndWriteTheSingleProcessLeaderboard()
    {
        Assert.True(OpenMpi.IsInstalled, OpenMpi.MissingMessage);
        string[] args = ["tune", "--dataset", "moons", "--trials", "3", "--widths", "4,8", "--depths", "1", "--lrs", "0.01,0.05",
            "--batch-sizes", "16", "--folds", "2", "--early-stopping", "2", "--parallel", "1", "--seed", "5"];
        string single = Path.Combine(_dir, "single"), parallel = Path.Combine(_dir, "parallel");
        Assert.Equal(0, CliApp.Run([.. args, "--out", single], TextWriter.Null, TextWriter.Null));

        var (code, stdout, stderr) = OpenMpi.Finish(
            OpenMpi.Start(2, ["dotnet", OpenMpi.NablaDll, .. args, "--out", parallel]), TimeSpan.FromSeconds(120));

        Assert.True(code == 0, $"mpirun exited with {code}:\n{stderr}");
        Assert.Equal(3, CountOf(stdout, "] trial "));   // rank 0 lists every trial once: its own, then rank 1's
        Assert.Equal(File.ReadAllLines(Path.Combine(single, "leaderboard.csv")), File.ReadAllLines(Path.Combine(parallel, "leaderboard.csv")));
        Assert.True(File.Exists(Path.Combine(parallel, "best", "model.safetensors")));
    }

    [MpiFact]
    public void Compare_TwoRanks_TrainTogetherAndOnlyRankZeroWritesTheReport()
    {
        Assert.True(OpenMpi.IsInstalled, OpenMpi.MissingMessage);
        string output = Path.Combine(_dir, "compare");
        // NABLA_DIST_VERBOSE lets rank 1 print: had it written the report too, its line would appear twice.
        var (code, stdout, stderr) = OpenMpi.Finish(OpenMpi.Start(2, ["env", "NABLA_DIST_VERBOSE=1", "dotnet", OpenMpi.NablaDll,
            "compare", "--dataset", "moons", "--layers", "8", "--epochs", "2", "--optimizers", "sgd,adam", "--out", output]),
            TimeSpan.FromSeconds(120));

        Assert.True(code == 0, $"mpirun exited with {code}:\n{stderr}");
        Assert.Equal(1, CountOf(stdout, "Comparison report written to"));
        Assert.True(File.Exists(Path.Combine(output, "report.html")));
        Assert.Equal(2, Directory.GetDirectories(output).Length);   // one folder per variation, written by rank 0
    }

    private static int CountOf(string text, string part)
    {
        int count = 0;
        for (int i = text.IndexOf(part, StringComparison.Ordinal); i >= 0; i = text.IndexOf(part, i + 1, StringComparison.Ordinal)) count++;
        return count;
    }
}
