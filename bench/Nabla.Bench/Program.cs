// The benchmark harness: `dotnet run -c Release --project bench/Nabla.Bench -- SUITE`.
// Suites are added by issue #5 (gemm, mlp, latency, alloc).
Console.Error.WriteLine("usage: Nabla.Bench SUITE (no suites yet)");
return 2;
