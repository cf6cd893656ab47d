using System.Runtime.CompilerServices;

// The GEMM tests and the benchmarks drive the internal overload that picks the instruction set and thread budget explicitly.
[assembly: InternalsVisibleTo("Nabla.Core.Tests")]
[assembly: InternalsVisibleTo("Nabla.Bench")]
