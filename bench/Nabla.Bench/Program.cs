// The benchmark harness: `dotnet run -c Release --project bench/Nabla.Bench -- SUITE [--threads N] [--json PATH]`.
// Each suite prints a table as results arrive and writes a JSON report (default bench/results/SUITE-nabla-tN.json)
// in the schema the peer scripts in bench/peers/ share, so bench/compare.sh can put them side by side.
using System.Globalization;
using Nabla.Bench;
using Nabla.Kernels;

// Under mpirun (the dist suite) every rank runs the harness; only rank 0 prints and writes the report.
return Nabla.Distributed.DistributedEnvironment.RunAsRank(() => Run(args));

static int Run(string[] args)
{
    string? suiteName = null, json = null, filter = null, variants = null;
    int threads = Threading.MaxThreads;
    bool quick = false;
    GemmBlocking? blocking = null;
    for (int i = 0; i < args.Length; i++)
    {
        switch (args[i])
        {
            case "--threads" when i + 1 < args.Length:
                if (!int.TryParse(args[++i], NumberStyles.None, CultureInfo.InvariantCulture, out threads) || threads < 1)
                    return Usage($"--threads needs a positive integer; got '{args[i]}'.");
                break;
            case "--json" when i + 1 < args.Length: json = args[++i]; break;
            case "--filter" when i + 1 < args.Length: filter = args[++i]; break;
            case "--quick": quick = true; break;
            case "--variants" when i + 1 < args.Length: variants = args[++i]; break;
            case "--blocking" when i + 1 < args.Length:
                string[] kn = args[++i].Split(',');
                if (kn.Length != 2 || !int.TryParse(kn[0], out int kc) || !int.TryParse(kn[1], out int nc))
                    return Usage($"--blocking needs KC,NC (for example 256,512); got '{args[i]}'.");
                blocking = new GemmBlocking(kc, nc);
                break;
            case "-h" or "--help": return Usage(null);
            default:
                if (args[i].StartsWith('-') || suiteName is not null) return Usage($"Unexpected argument '{args[i]}'.");
                suiteName = args[i];
                break;
        }
    }
    if (suiteName is null) return Usage("Name a suite.");
    ISuite? suite = SuiteRegistry.Find(suiteName);
    if (suite is null) return Usage($"Unknown suite '{suiteName}'.");

    Threading.MaxThreads = threads;
    json ??= Path.Combine(RepoPaths.Results, $"{suite.Name}-nabla-t{threads}.json");
    var options = new BenchOptions(threads, json, quick, filter, blocking, variants);

    Console.WriteLine($"Nabla.Bench {suite.Name}: {suite.Description}");
    Console.WriteLine($"threads {threads}, {Environment.ProcessorCount} logical cores, {System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}");
    Console.WriteLine($"kernel path {MachineInfo.KernelPath(blocking)}");
    var printer = new TablePrinter(suite.Columns);
    printer.PrintHeader(Console.Out);
    var rows = new List<BenchRow>();
    suite.Run(options, row => { rows.Add(row); printer.PrintRow(Console.Out, row); });
    if (Nabla.Distributed.DistributedEnvironment.Rank != 0) return 0;
    JsonReport.Write(json, suite.Name, threads, rows);
    Console.WriteLine($"wrote {json}");
    return 0;
}

static int Usage(string? problem)
{
    if (problem is not null) Console.Error.WriteLine(problem);
    Console.Error.WriteLine("usage: Nabla.Bench SUITE [--threads N] [--json PATH] [--filter TEXT] [--quick] [--blocking KC,NC] [--variants LIST]");
    Console.Error.WriteLine("suites:");
    foreach (ISuite s in SuiteRegistry.All) Console.Error.WriteLine($"  {s.Name,-10} {s.Description}");
    return problem is null ? 0 : 2;
}
