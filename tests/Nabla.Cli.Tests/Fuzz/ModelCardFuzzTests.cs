using Nabla.Cli.Parsing;
using Nabla.Fuzzing;
using Nabla.NN.Data;
using Nabla.NN.Models;
using Xunit.Abstractions;

namespace Nabla.Cli.Tests.Fuzz;

/// <summary>
/// Issue #8, item 1, for the model card (<c>model.json</c>, with its embedded preprocessing) that
/// <c>nabla predict/evaluate/inspect</c> open next to the weights: any bytes give a <see cref="CliException"/> or a
/// <see cref="DataFormatException"/> with a message, never another exception, and never an allocation the file only
/// claims (a card announcing a billion-unit layer must not build it).
/// </summary>
public sealed class ModelCardFuzzTests(ITestOutputHelper output) : IDisposable
{
    private static readonly string Root = Path.Combine(Directory.Exists("/dev/shm") ? "/dev/shm" : Path.GetTempPath(), "nabla-card-fuzz-" + Environment.ProcessId);

    private static readonly Lazy<FuzzTarget> Shared = new(Build);

    internal static FuzzTarget Target() => Shared.Value;

    private static FuzzTarget Build()
    {
        // Two real model folders (classification with a categorical column, regression) provide the seed cards.
        var seeds = new List<byte[]>();
        var folders = new List<string>();
        // Shared by both tests of the class, so removed when the test process ends.
        AppDomain.CurrentDomain.ProcessExit += (_, _) => { try { Directory.Delete(Root, recursive: true); } catch (IOException) { } };
        foreach (var (name, args) in new[]
        {
            ("people", new[] { "--target", "class" }),
            ("bmi", new[] { "--target", "bmi", "--features", "height,weight,pet" }),
        })
        {
            string dir = Path.Combine(Root, "seed-" + name);
            Directory.CreateDirectory(dir);
            string data = Path.Combine(dir, "data.csv");
            File.WriteAllText(data, TinyData.People(60));
            string model = Path.Combine(dir, "model");
            var r = CliRunner.Run(["train", "--data", data, .. args, "--layers", "4", "--epochs", "1", "--quiet", "--out", model]);
            if (r.ExitCode != 0) throw new InvalidOperationException("seed training failed: " + r.Stderr);
            seeds.Add(File.ReadAllBytes(Path.Combine(model, ModelPackage.CardFile)));
            folders.Add(model);
        }
        return new FuzzTarget("model-card",
            data =>
            {
                // The card is read next to the weights of the first seed model (the fuzzer attacks the card).
                string folder = folders[0];
                File.WriteAllBytes(Path.Combine(folder, ModelPackage.CardFile), data);
                ModelPackage.Load(folder);
            },
            [typeof(CliException), typeof(DataFormatException)],
            seeds,
            ["{", "}", "[", "]", ":", ",", "null", "true", "\"hidden\"", "\"inputs\"", "\"outputs\"", "1000000000", "-1", "2147483648", "1e999",
             "\"multiclass\"", "\"regression\"", "\"kind\"", "\"classes\"", "[[[[[[[[", "\"\\ud800\""],
            AllocationBase: 8 << 20, AllocationPerByte: 400, MaxInputLength: 32 << 10);
    }

    [Fact]
    public void Open_MutatedModelCards_OnlyCliOrDataErrorsNoHangBoundedAllocation()
    {
        var report = FuzzRunner.Run(Target(), FuzzSettings.Cases, FuzzSettings.Seed);
        output.WriteLine(report.ToString());
        Assert.True(report.Failures.Count == 0, report + "\n" + string.Join("\n", report.Failures.Select(f => $"case {f.Case}: {f.Problem} -> {f.SavedAs}")));
        Assert.True(report.Rejected > 0 && report.Accepted > 0, report.ToString());
    }

    [Fact]
    public void Open_RegressionCorpus_OnlyCliOrDataErrors()
    {
        var report = FuzzRunner.Replay(Target(), Corpus.Load("model-card"));
        output.WriteLine(report.ToString());
        Assert.True(report.Failures.Count == 0, string.Join("\n", report.Failures.Select(f => f.Problem)));
    }

    public void Dispose() { }
}
