using System.Runtime.Intrinsics.X86;

namespace Nabla.Kernels;

/// <summary>
/// Per-core data cache sizes of the CPU this process runs on, read once: Linux's
/// <c>/sys/devices/system/cpu/cpu0/cache</c>, else x86 CPUID (leaf 4 on Intel, 0x8000001D on AMD), else
/// conservative defaults (L1d 32 KiB, L2 512 KiB, L3 8 MiB: the smallest of the machines the project targets).
/// </summary>
internal readonly record struct CacheSizes(int L1Data, int L2, int L3, string Source)
{
    /// <summary>Used for any level neither source reports.</summary>
    public static readonly CacheSizes Fallback = new(32 << 10, 512 << 10, 8 << 20, "defaults");

    /// <summary>This machine's caches.</summary>
    public static readonly CacheSizes Detected = Detect();

    private static CacheSizes Detect()
    {
        try
        {
            CacheSizes? found = FromSysfs("/sys/devices/system/cpu/cpu0/cache") ?? FromCpuid();
            return found ?? Fallback;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            return Fallback;
        }
    }

    /// <summary>Reads <c>indexN/{level,type,size}</c> entries ("32K", "1024K", "8M").</summary>
    internal static CacheSizes? FromSysfs(string folder)
    {
        if (!Directory.Exists(folder)) return null;
        int l1 = 0, l2 = 0, l3 = 0;
        foreach (string index in Directory.GetDirectories(folder, "index*"))
        {
            string type = ReadText(index, "type"), level = ReadText(index, "level");
            if (type == "Instruction" || !int.TryParse(level, out int lv)) continue;
            int size = ParseSize(ReadText(index, "size"));
            if (lv == 1) l1 = size; else if (lv == 2) l2 = size; else if (lv == 3) l3 = size;
        }
        return l1 > 0 || l2 > 0 ? Complete(l1, l2, l3, "sysfs") : null;
    }

    /// <summary>"32K" = 32768, "8M" = 8388608, "512" = 512; 0 when unreadable.</summary>
    internal static int ParseSize(string text)
    {
        if (text.Length == 0) return 0;
        long scale = char.ToUpperInvariant(text[^1]) switch { 'K' => 1L << 10, 'M' => 1L << 20, 'G' => 1L << 30, _ => 1 };
        string digits = scale == 1 ? text : text[..^1];
        return long.TryParse(digits, out long v) && v > 0 ? (int)Math.Min(int.MaxValue, v * scale) : 0;
    }

    private static string ReadText(string folder, string name)
    {
        string path = Path.Combine(folder, name);
        return File.Exists(path) ? File.ReadAllText(path).Trim() : "";
    }

    /// <summary>Deterministic cache parameters: Intel leaf 4, AMD leaf 0x8000001D (same register layout).</summary>
    private static CacheSizes? FromCpuid()
    {
        if (!X86Base.IsSupported) return null;
        (int vendorMax, int ebx, int ecx, int edx) = X86Base.CpuId(0, 0);
        bool amd = ebx == 0x68747541; // "Auth"enticAMD
        int leaf = amd ? unchecked((int)0x8000001D) : 4;
        if (!amd && vendorMax < 4) return null;
        int l1 = 0, l2 = 0, l3 = 0;
        for (int sub = 0; sub < 8; sub++)
        {
            (int eax, int b, int c, _) = X86Base.CpuId(leaf, sub);
            int type = eax & 0x1F;
            if (type == 0) break;               // no more caches
            if (type == 2) continue;            // instruction cache
            int level = (eax >> 5) & 0x7;
            long size = (long)(((b >> 22) & 0x3FF) + 1) * (((b >> 12) & 0x3FF) + 1) * ((b & 0xFFF) + 1) * ((long)(uint)c + 1);
            int s = (int)Math.Min(int.MaxValue, size);
            if (level == 1) l1 = s; else if (level == 2) l2 = s; else if (level == 3) l3 = s;
        }
        _ = ecx; _ = edx;
        return l1 > 0 || l2 > 0 ? Complete(l1, l2, l3, "cpuid") : null;
    }

    private static CacheSizes Complete(int l1, int l2, int l3, string source) => new(
        l1 > 0 ? l1 : Fallback.L1Data, l2 > 0 ? l2 : Fallback.L2, l3 > 0 ? l3 : Fallback.L3, source);

    /// <inheritdoc />
    public override string ToString() =>
        $"L1d {L1Data >> 10} KiB, L2 {L2 >> 10} KiB, L3 {L3 >> 10} KiB per core ({Source})";
}
