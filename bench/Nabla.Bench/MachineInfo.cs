using System.Runtime.InteropServices;

namespace Nabla.Bench;

/// <summary>What the numbers were measured on, written into every report.</summary>
internal static class MachineInfo
{
    public static Dictionary<string, object> Describe() => new()
    {
        ["cpu"] = CpuModel(),
        ["logical_cores"] = Environment.ProcessorCount,
        ["os"] = RuntimeInformation.OSDescription,
        ["runtime"] = RuntimeInformation.FrameworkDescription,
        ["avx512"] = System.Runtime.Intrinsics.X86.Avx512F.IsSupported,
        ["kernel_path"] = KernelPath(null),
        ["load_average"] = LoadAverage(),
    };

    /// <summary>Which ISA path the kernels run, with the cache blocking and the caches it was derived from.</summary>
    public static string KernelPath(Nabla.Kernels.GemmBlocking? blocking)
    {
        var isa = Nabla.Kernels.GemmIsaDetection.Best;
        var b = blocking ?? Nabla.Kernels.GemmBlocking.For(isa);
        string split = isa == Nabla.Kernels.GemmIsa.Avx2 ? ", 6x16 when split across threads" : "";
        return $"{isa} ({Nabla.Kernels.GemmTiles.Rows(isa)}x{Nabla.Kernels.GemmTiles.Width(isa)} tile{split}), GEMM KC={b.KC} NC={b.NC} (in place {b.InPlaceWidth}){(blocking is null ? "" : " (given)")}; {Nabla.Kernels.CacheSizes.Detected}";
    }

    private static string CpuModel()
    {
        try
        {
            string? line = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
            if (line is not null) return line[(line.IndexOf(':') + 1)..].Trim();
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
        return RuntimeInformation.ProcessArchitecture.ToString();
    }

    private static string LoadAverage()
    {
        try { return File.ReadAllText("/proc/loadavg").Trim(); }
        catch (IOException) { return "unknown"; }
        catch (UnauthorizedAccessException) { return "unknown"; }
    }
}
