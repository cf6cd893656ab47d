using Nabla.Bench.Suites;

namespace Nabla.Bench;

/// <summary>All suites the harness knows. Adding a suite is adding a line here.</summary>
internal static class SuiteRegistry
{
    public static readonly IReadOnlyList<ISuite> All =
    [
        new GemmSuite(),
        new GemmVariantsSuite(),
        new GemmScalingSuite(),
        new MlpSuite(),
        new LatencySuite(),
        new AllocSuite(),
        new ScalingSuite(),
        new DataParallelSuite(),
    ];

    public static ISuite? Find(string name) =>
        All.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase));
}
