using System.Runtime.CompilerServices;

// The GEMM tests drive the internal overload that picks the instruction set and thread budget explicitly.
[assembly: InternalsVisibleTo("Nabla.Core.Tests")]
