namespace Nabla.Bench;

/// <summary>Command-line options shared by every suite.</summary>
/// <param name="Threads">Kernel thread budget (Threading.MaxThreads); peers are run with the same count.</param>
/// <param name="JsonPath">Where to write the JSON report.</param>
/// <param name="Quick">Fewer and shorter runs (smoke test of the harness, not for publishing).</param>
/// <param name="Filter">Only workloads whose name contains this text (case-insensitive), or null for all.</param>
internal sealed record BenchOptions(int Threads, string JsonPath, bool Quick, string? Filter);
