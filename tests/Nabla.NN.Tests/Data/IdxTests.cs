using System.Buffers.Binary;
using System.IO.Compression;
using Nabla.NN.Data;

namespace Nabla.NN.Tests.Data;

public class IdxTests
{
    /// <summary>Builds an unsigned-byte IDX file: magic 00 00 08 rank, big-endian dims, data.</summary>
    internal static byte[] MakeIdx(int[] dims, byte[] data, int? magicOverride = null)
    {
        var bytes = new byte[4 + 4 * dims.Length + data.Length];
        BinaryPrimitives.WriteInt32BigEndian(bytes, magicOverride ?? (0x0800 | dims.Length));
        for (int i = 0; i < dims.Length; i++) BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4 + 4 * i), dims[i]);
        data.CopyTo(bytes, 4 + 4 * dims.Length);
        return bytes;
    }

    internal static byte[] Gzip(byte[] raw)
    {
        using var ms = new MemoryStream();
        using (var gz = new GZipStream(ms, CompressionLevel.Fastest)) gz.Write(raw);
        return ms.ToArray();
    }

    private static byte[] TwoImages() => MakeIdx([2, 2, 3], [0, 51, 102, 153, 204, 255, 255, 0, 0, 0, 0, 17]);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ReadImages_SmallFile_ScalesToUnitRangeRowMajor(bool gzip)
    {
        byte[] file = gzip ? Gzip(TwoImages()) : TwoImages();
        var img = Idx.ReadImages(new MemoryStream(file));
        Assert.Equal((2, 2, 3), (img.Count, img.Rows, img.Cols));
        Assert.Equal(new[] { 0f, 0.2f, 0.4f, 0.6f, 0.8f, 1f, 1f, 0f, 0f, 0f, 0f, 17 / 255f }, img.Pixels);
    }

    [Fact]
    public void ReadLabels_GzipNonSeekable_ReturnsClassIndices()
    {
        var stream = new Serialization.SafeTensorsTests.ForwardOnlyStream(Gzip(MakeIdx([4], [3, 0, 9, 1])));
        Assert.Equal([3, 0, 9, 1], Idx.ReadLabels(stream, numClasses: 10));
    }

    public static TheoryData<string, byte[], string> BadFiles()
    {
        byte[] good = TwoImages();
        return new TheoryData<string, byte[], string>
        {
            { "empty", [], "has 0 bytes" },
            { "text file", "hello world"u8.ToArray(), "not an IDX file" },
            { "int32 data type", MakeIdx([1], [0, 0, 0, 1], 0x00000C01), "data type 0x0C is not supported" },
            { "rank 0", MakeIdx([], [], 0x00000800), "0 dimensions" },
            { "header cut in dims", good[..9], "ends inside the header" },
            { "truncated data", good[..^1], "truncated" },
            { "trailing byte", [.. good, 7], "trailing" },
            { "negative dim", MakeIdx([-5, 2, 2], []), "negative size" },
            { "huge claim", MakeIdx([60000, 60000, 60000], [1, 2, 3]), "the limit" },
            { "huge claim gzipped", Gzip(MakeIdx([1000000, 28, 28], [1, 2, 3])), "truncated" },
            { "truncated gzip", Gzip(good)[..^12], "" },
            { "corrupt gzip", [0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 3, 0xFF, 0xFF, 0xFF, 0xFF], "" },
        };
    }

    [Theory]
    [MemberData(nameof(BadFiles))]
    public void Read_BadFile_ThrowsDataFormatExceptionNamingTheProblem(string situation, byte[] file, string expected)
    {
        var ex = Assert.Throws<DataFormatException>(() => Idx.Read(new MemoryStream(file), "x.idx"));
        Assert.True(ex.Message.Contains(expected, StringComparison.Ordinal), $"{situation}: {ex.Message}");
        Assert.StartsWith("x.idx", ex.Message);
    }

    [Fact]
    public void ReadImages_LabelFile_SaysItLooksLikeLabels()
    {
        var ex = Assert.Throws<DataFormatException>(() => Idx.ReadImages(new MemoryStream(MakeIdx([2], [1, 2]))));
        Assert.Contains("looks like a label file", ex.Message);
    }

    [Fact]
    public void ReadLabels_LabelOutOfRange_NamesItemAndRange()
    {
        var ex = Assert.Throws<DataFormatException>(() => Idx.ReadLabels(new MemoryStream(MakeIdx([3], [1, 12, 2])), "l.idx", numClasses: 10));
        Assert.Contains("label 12 of item 1 is out of range: expected 0..9", ex.Message);
    }

    [Fact]
    public void Read_EveryTruncation_ThrowsOnlyDataFormatException()
    {
        byte[] raw = TwoImages();
        byte[] gz = Gzip(raw);
        for (int n = 0; n < raw.Length; n++)
            Assert.Throws<DataFormatException>(() => Idx.Read(new MemoryStream(raw, 0, n)));
        // .NET's GZipStream does not check the 8-byte trailer (CRC32, size), so a cut in the trailer (or the deflate end-of-block bits) can still
        // yield the complete content; any cut must either fail cleanly or give back exactly the original data.
        for (int n = 0; n < gz.Length; n++)
        {
            try
            {
                var a = Idx.Read(new MemoryStream(gz, 0, n));
                Assert.Equal(raw[16..], a.Data);
            }
            catch (DataFormatException) { }
        }
    }

    [Fact]
    public void LoadFashionMnist_DirectoryFromTestFiles_PairsImagesAndLabels()
    {
        string dir = Directory.CreateTempSubdirectory("nabla-idx-").FullName;
        try
        {
            File.WriteAllBytes(Path.Combine(dir, "t10k-images-idx3-ubyte.gz"), Gzip(TwoImages()));
            File.WriteAllBytes(Path.Combine(dir, "t10k-labels-idx1-ubyte"), MakeIdx([2], [9, 0]));
            var data = MnistDatasets.LoadFashionMnist(MnistSplit.Test, dir);
            Assert.Equal(2, data.Count);
            Assert.Equal("Ankle boot", data.ClassNames[data.Labels[0]]);

            File.WriteAllBytes(Path.Combine(dir, "t10k-labels-idx1-ubyte"), MakeIdx([3], [9, 0, 1]));
            var ex = Assert.Throws<DataFormatException>(() => MnistDatasets.LoadFashionMnist(MnistSplit.Test, dir));
            Assert.Contains("2 images", ex.Message);
        }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public void LoadFashionMnist_MissingDirectory_SaysHowToGetIt()
    {
        var ex = Assert.Throws<FileNotFoundException>(() => MnistDatasets.LoadFashionMnist(MnistSplit.Train, "/nonexistent/dir"));
        Assert.Contains("--data-dir", ex.Message);
        Assert.Contains("apt-get install dataset-fashion-mnist", ex.Message);
    }

    [Fact]
    public void LoadFashionMnist_SharedCopyWhenPresent_HasTenThousandTestImages()
    {
        string? shared = SharedData.Find("fashion-mnist", "t10k-images-idx3-ubyte.gz");
        if (shared is null) return;   // optional: skip when absent
        var data = MnistDatasets.LoadFashionMnist(MnistSplit.Test, shared);
        Assert.Equal(10000, data.Count);
        Assert.Equal((28, 28), (data.Images.Rows, data.Images.Cols));
        Assert.Equal(1000, data.Labels.Count(l => l == 3));
        Assert.InRange(data.Images.Pixels.Max(), 0.99f, 1f);
    }
}
