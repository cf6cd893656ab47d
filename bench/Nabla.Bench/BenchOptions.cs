namespace Nabla.Bench;

/// <summary>Command-line options shared by every suite.</summary>
/// <param name="Threads">Kernel thread budget (Threading.MaxThreads); peers are run with the same count.</param>
/// <param name="JsonPath">Where to write the JSON report.</param>
/// <param name="Quick">Fewer and shorter runs (smoke test of the harness, not for publishing).</param>
/// <param name="Filter">Only workloads whose name contains this text (case-insensitive), or null for all.</param>
/// <param name="Variants">The gemm-variants suite's variant list, or null for its default.</param>
/// <param name="Blocking">The gemm suite's cache blocking (KC, NC) instead of the one derived from this machine, or null.</param>
internal sealed record BenchOptions(int Threads, string JsonPath, bool Quick, string? Filter, Nabla.Kernels.GemmBlocking? Blocking = null, string? Variants = null);
