using System.Runtime.CompilerServices;

// The GEMM tests and the benchmarks drive the internal overload that picks the instruction set and thread budget explicitly.
[assembly: InternalsVisibleTo("Nabla.Core.Tests")]
[assembly: InternalsVisibleTo("Nabla.Bench")]
// NOTE: a debt against DESIGN.md ("Nabla.NN uses only Core's public API"): the fused MLP path (Training/FusedMlp*,
// FusedLayer, Modules/FusedPart) drives the GEMM and bias-activation kernels, and the optimizers split their element
// updates across the kernel workers (Optim/Simd.cs). The way out is a fused engine in Core behind a small public surface.
[assembly: InternalsVisibleTo("Nabla.NN")]
