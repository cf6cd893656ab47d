using Nabla.Fuzzing;
using Xunit.Abstractions;

namespace Nabla.NN.Tests.Fuzz;

/// <summary>
/// Issue #8, item 1: hostile and broken files. Each reader gets <see cref="FuzzSettings.Cases"/> mutated inputs
/// (10,000 in CI; NABLA_FUZZ_CASES=1000000 for the long mode) and its regression corpus in tests/corpus/&lt;reader&gt;/.
/// </summary>
[Collection(Nabla.NN.Tests.Reliability.ReliabilityCollection.Name)]
public class DataReaderFuzzTests(ITestOutputHelper output)
{
    public static TheoryData<string> Readers => new() { "csv", "preprocessor-json", "idx", "safetensors" };

    private static FuzzTarget Target(string name) => DataTargets.All().Single(t => t.Name == name);

    [Theory]
    [MemberData(nameof(Readers))]
    public void Reader_MutatedInputs_OnlyDocumentedErrorsNoHangBoundedAllocation(string reader)
    {
        var report = FuzzRunner.Run(Target(reader), FuzzSettings.Cases, FuzzSettings.Seed);
        output.WriteLine(report.ToString());
        Assert.True(report.Failures.Count == 0, report + "\n" + string.Join("\n", report.Failures.Select(f => $"case {f.Case}: {f.Problem} -> {f.SavedAs}")));
        Assert.True(report.Rejected > 0, "the fuzzer never produced a rejected input: it is not attacking the reader");
    }

    [Theory]
    [MemberData(nameof(Readers))]
    public void Reader_RegressionCorpus_OnlyDocumentedErrors(string reader)
    {
        var inputs = Corpus.Load(reader);
        var report = FuzzRunner.Replay(Target(reader), inputs);
        output.WriteLine(report.ToString());
        Assert.True(report.Failures.Count == 0, string.Join("\n", report.Failures.Select(f => f.Problem)));
    }
}
