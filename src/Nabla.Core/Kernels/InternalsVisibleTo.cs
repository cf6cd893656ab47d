using System.Runtime.CompilerServices;

// The GEMM tests and the benchmarks drive the internal overload that picks the instruction set and thread budget explicitly.
// No library project is granted internals: Nabla.NN and the rest use Core's public API only (the fused path goes through
// Nabla.Fused's DenseStack, the optimizers' worker split through ElementParallel).
[assembly: InternalsVisibleTo("Nabla.Core.Tests")]
[assembly: InternalsVisibleTo("Nabla.Bench")]
