using System.Runtime.CompilerServices;

// The GEMM tests and the benchmarks drive the internal overload that picks the instruction set and thread budget explicitly.
[assembly: InternalsVisibleTo("Nabla.Core.Tests")]
[assembly: InternalsVisibleTo("Nabla.Bench")]
// Nabla.NN's optimizers split their element updates across the kernel workers (Optim/Simd.cs).
[assembly: InternalsVisibleTo("Nabla.NN")]
