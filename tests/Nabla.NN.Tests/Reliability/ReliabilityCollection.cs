namespace Nabla.NN.Tests.Reliability;

/// <summary>
/// The fuzz, concurrency and fault tests load both cores and measure allocations; they run alone, after the parallel
/// tests, so neither disturbs the other's timing-sensitive measurements (the optimizers' zero-allocation tests).
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ReliabilityCollection
{
    /// <summary>The collection's name.</summary>
    public const string Name = "Reliability (runs alone)";
}
