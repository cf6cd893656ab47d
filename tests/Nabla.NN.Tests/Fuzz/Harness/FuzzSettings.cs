namespace Nabla.Fuzzing;

/// <summary>
/// Run sizes. <c>dotnet test</c> runs <see cref="DefaultCases"/> cases per reader; the long mode is chosen by environment variables:
/// <c>NABLA_FUZZ_CASES=1000000</c> (cases per reader) and <c>NABLA_FUZZ_SEED=n</c> (a different stream of inputs).
/// Crashing inputs are written to <c>NABLA_FUZZ_OUT</c> (default: a temp folder) for copying into <c>tests/corpus/</c>.
/// </summary>
public static class FuzzSettings
{
    /// <summary>
    /// Cases per reader by default: enough to reach every reader's checks, small enough that the eight fuzzers cost a
    /// few seconds of CPU together (<c>.ci/run</c>'s second pass runs 10,000; see docs/RELIABILITY.md).
    /// </summary>
    public const int DefaultCases = 2_000;

    /// <summary>Cases per reader for this run.</summary>
    public static int Cases => int.TryParse(Environment.GetEnvironmentVariable("NABLA_FUZZ_CASES"), out int n) && n > 0 ? n : DefaultCases;

    /// <summary>Seed of this run's input stream.</summary>
    public static ulong Seed => ulong.TryParse(Environment.GetEnvironmentVariable("NABLA_FUZZ_SEED"), out ulong s) ? s : 20261121;

    /// <summary>A case taking longer than this is a hang (generous: the machine is shared and the JIT is cold).</summary>
    public static TimeSpan CaseTimeLimit => TimeSpan.FromSeconds(5);

    /// <summary>Where crashing inputs are saved.</summary>
    public static string OutputDirectory =>
        Environment.GetEnvironmentVariable("NABLA_FUZZ_OUT") is { Length: > 0 } d ? d : Path.Combine(Path.GetTempPath(), "nabla-fuzz");
}
