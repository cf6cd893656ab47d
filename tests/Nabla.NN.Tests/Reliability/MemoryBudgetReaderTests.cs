using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using Nabla.NN.Data;

namespace Nabla.NN.Tests.Reliability;

/// <summary>Issue #15, item 4: the memory budget counts what each reader really allocates.</summary>
public class MemoryBudgetReaderTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("nabla-budget-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static byte[] Gzip(byte[] bytes)
    {
        using var ms = new MemoryStream();
        using (var z = new GZipStream(ms, CompressionLevel.Fastest)) z.Write(bytes);
        return ms.ToArray();
    }

    [Fact]
    public void Csv_TwoMemberGzip_CountedWhileDecompressing()
    {
        // The ISIZE trailer describes only the last, tiny member: 256 KB of rows hide in the first, three times what a
        // 1 MB budget allows (12 bytes of memory per byte of text).
        var big = new StringBuilder("x,y\n");
        while (big.Length < 256 << 10) big.Append("1,2\n");
        string path = Path.Combine(_dir, "two.csv.gz");
        File.WriteAllBytes(path, [.. Gzip(Encoding.ASCII.GetBytes(big.ToString())), .. Gzip("3,4\n"u8.ToArray())]);

        MemoryBudget.CheckCsv(path, 1 << 20); // the trailer check alone is fooled
        var e = Assert.Throws<InsufficientMemoryException>(() => CsvTable.Load(path, new CsvOptions { MemoryBudget = 1 << 20 }, out _));
        Assert.Contains("so far, decompressed", e.Message);
        Assert.Equal((big.Length - 4) / 4 + 1, CsvTable.Load(path, new CsvOptions { MemoryBudget = 1L << 30 }, out _).RowCount);
    }

    [Fact]
    public void Csv_OneHotWidth_Counted()
    {
        // 400 rows, 3 text columns of 400 distinct values: 5 KB of text but 400 x 1,200 encoded floats.
        var csv = new StringBuilder("a,b,c,y\n");
        for (int i = 0; i < 400; i++) csv.Append($"a{i},b{i},c{i},{i % 2}\n");
        var table = CsvTable.Parse(csv.ToString(), null, "wide.csv");
        var e = Assert.Throws<InsufficientMemoryException>(() => Preprocessor.Fit(table, new PreprocessorOptions { Target = "y", MemoryBudget = 1 << 20 }));
        Assert.Contains("1,200 features", e.Message);
        Assert.Equal(1200, Preprocessor.Fit(table, new PreprocessorOptions { Target = "y", MemoryBudget = 64 << 20 }).FeatureCount);
    }

    [Fact]
    public void Idx_ImagesBudgetedFromTheHeader()
    {
        // 2,000 blank 28x28 images: 1.5 MB of pixels in a few KB of gzip, 14 MB once scaled and split.
        var images = new byte[16 + 2000 * 784];
        BinaryPrimitives.WriteInt32BigEndian(images, Idx.ImagesMagic);
        BinaryPrimitives.WriteInt32BigEndian(images.AsSpan(4), 2000);
        BinaryPrimitives.WriteInt32BigEndian(images.AsSpan(8), 28);
        BinaryPrimitives.WriteInt32BigEndian(images.AsSpan(12), 28);
        var labels = new byte[8 + 2000];
        BinaryPrimitives.WriteInt32BigEndian(labels, Idx.LabelsMagic);
        BinaryPrimitives.WriteInt32BigEndian(labels.AsSpan(4), 2000);
        File.WriteAllBytes(Path.Combine(_dir, "train-images-idx3-ubyte.gz"), Gzip(images));
        File.WriteAllBytes(Path.Combine(_dir, "train-labels-idx1-ubyte.gz"), Gzip(labels));

        Assert.Equal(2000L * 784, Idx.ClaimedPayload(Path.Combine(_dir, "train-images-idx3-ubyte.gz")));
        var e = Assert.Throws<InsufficientMemoryException>(() => MnistDatasets.Load(_dir, MnistSplit.Train, MnistDatasets.MnistClassNames, memoryBudget: 8 << 20));
        Assert.Contains("memory budget of 8 MB", e.Message);
        Assert.Equal(2000, MnistDatasets.Load(_dir, MnistSplit.Train, MnistDatasets.MnistClassNames, memoryBudget: 64 << 20).Count);
    }
}
