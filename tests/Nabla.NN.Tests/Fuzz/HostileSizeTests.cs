using System.Buffers.Binary;
using System.Text;
using Nabla.NN.Data;
using Nabla.NN.Serialization;

namespace Nabla.NN.Tests.Fuzz;

/// <summary>
/// The size attacks issue #8 names explicitly, each measured with <see cref="GC.GetAllocatedBytesForCurrentThread"/>:
/// a header that lies about a length must be rejected before anything of that size is allocated.
/// </summary>
[Collection(Nabla.NN.Tests.Reliability.ReliabilityCollection.Name)]
public class HostileSizeTests
{
    private static (DataFormatException Error, long Allocated) Measure(Action read)
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        var e = Assert.Throws<DataFormatException>(read);
        return (e, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    private static byte[] SafeTensorsWithHeader(ulong headerLength, string json)
    {
        var b = new byte[8 + json.Length];
        BinaryPrimitives.WriteUInt64LittleEndian(b, headerLength);
        Encoding.ASCII.GetBytes(json, b.AsSpan(8));
        return b;
    }

    public static TheoryData<string, ulong> HugeHeaderLengths => new()
    {
        { "2^63", 1UL << 63 }, { "2^64-1", ulong.MaxValue }, { "100 GB", 100_000_000_000 }, { "just over the limit", SafeTensors.DefaultMaxHeaderBytes + 1 },
    };

    [Theory]
    [MemberData(nameof(HugeHeaderLengths))]
    public void SafeTensors_HugeHeaderLength_RejectedWithoutAllocating(string what, ulong length)
    {
        var (e, allocated) = Measure(() => SafeTensors.Read(new MemoryStream(SafeTensorsWithHeader(length, "{}"))));
        Assert.Contains("header length", e.Message);
        Assert.True(allocated < 64 << 10, $"{what}: allocated {allocated} bytes");
    }

    [Theory]
    [InlineData("[25000000000]", "100 GB tensor")]
    [InlineData("[4294967296, 4294967296]", "2^64 elements")]
    [InlineData("[2147483647, 2147483647, 4]", "element count past 2^63")]
    public void SafeTensors_TensorClaimingHugeShape_RejectedWithoutAllocating(string shape, string what)
    {
        string json = $"{{\"w\":{{\"dtype\":\"F32\",\"shape\":{shape},\"data_offsets\":[0,100000000000]}}}}";
        var (e, allocated) = Measure(() => SafeTensors.Read(new MemoryStream(SafeTensorsWithHeader((ulong)json.Length, json))));
        Assert.Contains("'w'", e.Message);
        Assert.True(allocated < 256 << 10, $"{what}: allocated {allocated} bytes");
    }

    [Fact]
    public void SafeTensors_HugeClaimOnNonSeekableStream_CostsOnlyTheBytesPresent()
    {
        string json = "{\"w\":{\"dtype\":\"F32\",\"shape\":[25000000000],\"data_offsets\":[0,100000000000]}}";
        var (e, allocated) = Measure(() => SafeTensors.Read(new NonSeekableStream(SafeTensorsWithHeader((ulong)json.Length, json))));
        Assert.Contains("'w'", e.Message);
        Assert.True(allocated < 256 << 10, $"allocated {allocated} bytes");
    }

    [Theory]
    [InlineData(0x7FFFFFFF, 0x7FFFFFFF, 0x7FFFFFFF)]
    [InlineData(60000, 28, 28)]        // a real MNIST header with its pixels missing
    [InlineData(-1, 28, 28)]
    public void Idx_HeaderClaimingMoreThanPresent_RejectedWithoutAllocating(int n, int rows, int cols)
    {
        var b = new byte[16];
        BinaryPrimitives.WriteInt32BigEndian(b, Idx.ImagesMagic);
        BinaryPrimitives.WriteInt32BigEndian(b.AsSpan(4), n);
        BinaryPrimitives.WriteInt32BigEndian(b.AsSpan(8), rows);
        BinaryPrimitives.WriteInt32BigEndian(b.AsSpan(12), cols);
        foreach (Stream s in new Stream[] { new MemoryStream(b), new NonSeekableStream(b) })
        {
            var (_, allocated) = Measure(() => Idx.Read(s));
            // Without a length to check against, the reader starts with at most a 1 MiB buffer and grows it only with
            // bytes that really arrive, so the cost is bounded by a constant plus twice the real data.
            Assert.True(allocated < (s.CanSeek ? 256 << 10 : 1200 << 10), $"[{n}, {rows}, {cols}] on {s.GetType().Name}: allocated {allocated} bytes");
        }
    }

    [Fact]
    public void Csv_OneGigabyteLine_RejectedAtTheRecordLimitInBoundedMemory()
    {
        // 1 GiB: a header, then one line that never ends. The stream makes it on the fly.
        const long gigabyte = 1L << 30;
        var stream = new EndlessStream("a,b\n1,"u8.ToArray(), (byte)'7', gigabyte);
        var (e, allocated) = Measure(() => CsvTable.Read(stream));
        Assert.Contains("longer than the limit", e.Message);
        Assert.True(stream.BytesRead < 64L << 20, $"read {stream.BytesRead} bytes before stopping");
        Assert.True(allocated < 32L << 20, $"allocated {allocated} bytes for a 1 GiB line");
    }

    [Fact]
    public void Csv_OneGigabyteQuotedField_RejectedAtTheRecordLimitInBoundedMemory()
    {
        // An opening quote that never closes swallows every following line into one record.
        var stream = new EndlessStream("a,b\n1,\""u8.ToArray(), (byte)'\n', 1L << 30);
        var (e, allocated) = Measure(() => CsvTable.Read(stream));
        Assert.Contains("longer than the limit", e.Message);
        Assert.True(allocated < 32L << 20, $"allocated {allocated} bytes");
    }
}
