using Nabla.Kernels;

namespace Nabla.Tests.Kernels;

/// <summary>Issue 12 item 2: the GEMM's blocking comes from the machine's caches, with sensible fallbacks.</summary>
public class CacheSizesTests
{
    [Theory]
    [InlineData("32K", 32 << 10)]
    [InlineData("1024K", 1 << 20)]
    [InlineData("8M", 8 << 20)]
    [InlineData("512", 512)]
    [InlineData("", 0)]
    [InlineData("lots", 0)]
    public void ParseSize_SysfsSpellings(string text, int bytes) => Assert.Equal(bytes, CacheSizes.ParseSize(text));

    [Fact]
    public void FromSysfs_ReadsDataAndUnifiedLevels_IgnoresInstructionCache()
    {
        string root = Directory.CreateTempSubdirectory("nabla-cache").FullName;
        try
        {
            Write(root, "index0", "1", "Data", "48K");
            Write(root, "index1", "1", "Instruction", "64K");
            Write(root, "index2", "2", "Unified", "1024K");
            Write(root, "index3", "3", "Unified", "32768K");
            CacheSizes c = CacheSizes.FromSysfs(root)!.Value;
            Assert.Equal((48 << 10, 1 << 20, 32 << 20), (c.L1Data, c.L2, c.L3));
            Assert.Null(CacheSizes.FromSysfs(Path.Combine(root, "missing")));
        }
        finally { Directory.Delete(root, recursive: true); }
    }

    [Theory]
    [InlineData(48, 1024, 64, 256, 512)]   // Zen 5 (the AVX-512 host): the constants the kernels were tuned with
    [InlineData(32, 512, 16, 256, 256)]    // Zen 2/3 AVX2 host: B block = half of a 512 KiB L2
    [InlineData(128, 4096, 16, 512, 1024)] // Apple M-class: larger L1d and L2
    [InlineData(16, 64, 64, 256, 64)]      // tiny caches: never below one sum block and one tile
    public void Derive_FromCacheSizes(int l1KiB, int l2KiB, int tile, int kc, int nc)
    {
        GemmBlocking b = GemmBlocking.Derive(new CacheSizes(l1KiB << 10, l2KiB << 10, 8 << 20, "test"), tile);
        Assert.Equal((kc, nc), (b.KC, b.NC));
        Assert.Equal(0, b.KC % GemmBlocking.SumBlock);
    }

    [Fact]
    public void Derive_NarrowTiles_WidenThePackedBlockOnly()
    {
        // The AVX2 host (L1d 32 KiB, L2 512 KiB): a packed block of B takes three quarters of L2, one read in place half.
        GemmBlocking b = GemmBlocking.Derive(new CacheSizes(32 << 10, 512 << 10, 8 << 20, "test"), 16, packedL2Quarters: 3);
        Assert.Equal((256, 384, 256), (b.KC, b.NC, b.InPlaceWidth));
        Assert.Equal(512, GemmBlocking.Derive(new CacheSizes(48 << 10, 1 << 20, 32 << 20, "test"), 64).InPlaceWidth);
    }

    [Fact]
    public void BlockWidth_ShallowProducts_GetWiderBlocksOfTheSameBytes()
    {
        var b = new GemmBlocking(256, 384, 256);
        Assert.Equal(384, b.BlockWidth(packedB: true, k: 1000, tileWidth: 24));   // k fills a slice: NC
        Assert.Equal(1536, b.BlockWidth(packedB: true, k: 64, tileWidth: 24));    // a quarter of the depth: 4x as wide
        Assert.Equal(1024, b.BlockWidth(packedB: false, k: 64, tileWidth: 16));   // in place: from its own width
        Assert.Equal(GemmBlocking.MaxNC, b.BlockWidth(packedB: true, k: 1, tileWidth: 16));
        Assert.Equal(24, new GemmBlocking(256, 10).BlockWidth(packedB: true, k: 256, tileWidth: 24)); // at least a tile
    }

    [Fact]
    public void Detected_IsPositive() => Assert.True(CacheSizes.Detected is { L1Data: > 0, L2: > 0, L3: > 0 });

    private static void Write(string root, string index, string level, string type, string size)
    {
        string d = Directory.CreateDirectory(Path.Combine(root, index)).FullName;
        File.WriteAllText(Path.Combine(d, "level"), level + "\n");
        File.WriteAllText(Path.Combine(d, "type"), type + "\n");
        File.WriteAllText(Path.Combine(d, "size"), size + "\n");
    }
}
