using System.Buffers.Binary;
using System.Text;
using Nabla.NN.Data;
using Nabla.NN.Serialization;

namespace Nabla.NN.Tests.Serialization;

public class SafeTensorsTests
{
    private static StoredTensor[] Sample() =>
    [
        new("b", [2], [1f, -2f]),
        new("a", [], [0.5f]),
    ];

    [Fact]
    public void Write_KnownTensors_MatchesHandComputedSpecLayout()
    {
        // Hand-built from the specification: 8-byte LE length, compact JSON with __metadata__ first and tensors
        // sorted by name, spaces to an 8-byte boundary (138 -> 144), then raw little-endian float32 data.
        const string json = "{\"__metadata__\":{\"format\":\"pt\"}," +
                            "\"a\":{\"dtype\":\"F32\",\"shape\":[],\"data_offsets\":[0,4]}," +
                            "\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}";
        Assert.Equal(138, Encoding.UTF8.GetByteCount(json));
        var expected = new List<byte> { 144, 0, 0, 0, 0, 0, 0, 0 };
        expected.AddRange(Encoding.UTF8.GetBytes(json));
        expected.AddRange(Enumerable.Repeat((byte)' ', 6));
        expected.AddRange(new byte[] { 0x00, 0x00, 0x00, 0x3F });   // 0.5f  = 0x3F000000
        expected.AddRange(new byte[] { 0x00, 0x00, 0x80, 0x3F });   // 1.0f  = 0x3F800000
        expected.AddRange(new byte[] { 0x00, 0x00, 0x00, 0xC0 });   // -2.0f = 0xC0000000

        byte[] actual = SafeTensors.ToBytes(Sample(), new Dictionary<string, string> { ["format"] = "pt" });

        Assert.Equal(expected.ToArray(), actual);
    }

    [Fact]
    public void Write_NamesNeedingEscapes_UsesSerdeJsonEscaping()
    {
        byte[] bytes = SafeTensors.ToBytes([new StoredTensor("q\"\\\n\u0001é", [0], [])]);
        string header = Encoding.UTF8.GetString(bytes, 8, bytes.Length - 8);
        Assert.StartsWith("{\"q\\\"\\\\\\n\\u0001é\":{", header);
        Assert.Equal("q\"\\\n\u0001é", SafeTensors.Read(new MemoryStream(bytes)).Tensors[0].Name);
    }

    [Fact]
    public void Read_WrittenFile_RoundTripsValuesShapesAndMetadata()
    {
        var rng = new Random(7);
        var w = new StoredTensor("0.weight", [3, 4], Enumerable.Range(0, 12).Select(_ => (float)rng.NextDouble() - 0.5f).ToArray());
        var b = new StoredTensor("0.bias", [3], [float.NaN, float.PositiveInfinity, -0f]);
        var empty = new StoredTensor("empty", [0, 5], []);
        var meta = new Dictionary<string, string> { ["z"] = "last", ["epoch"] = "3", ["ünïcode"] = "✓" };

        var file = SafeTensors.Read(new MemoryStream(SafeTensors.ToBytes([w, b, empty], meta)));

        Assert.Equal(["0.bias", "0.weight", "empty"], file.Tensors.Select(t => t.Name));
        Assert.Equal(w.Data, file["0.weight"].Data);
        Assert.Equal([3, 4], file["0.weight"].Shape);
        Assert.Equal(BitConverter.SingleToInt32Bits(-0f), BitConverter.SingleToInt32Bits(file["0.bias"].Data[2]));
        Assert.True(float.IsNaN(file["0.bias"].Data[0]));
        Assert.Equal([0, 5], file["empty"].Shape);
        Assert.Equal(meta, file.Metadata.ToDictionary());
    }

    [Fact]
    public void Read_NonSeekableStream_Works()
    {
        byte[] bytes = SafeTensors.ToBytes(Sample());
        var file = SafeTensors.Read(new ForwardOnlyStream(bytes));
        Assert.Equal([1f, -2f], file["b"].Data);
    }

    [Fact]
    public void Save_ThenLoad_RoundTripsThroughDisk()
    {
        string dir = Directory.CreateTempSubdirectory("nabla-st-").FullName;
        try
        {
            string path = Path.Combine(dir, "model.safetensors");
            SafeTensors.Save(path, Sample());
            Assert.Equal(0.5f, SafeTensors.Load(path)["a"].Data[0]);
            Assert.Single(Directory.GetFiles(dir));
        }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public void Read_EveryTruncation_ThrowsDataFormatException()
    {
        byte[] bytes = SafeTensors.ToBytes(Sample(), new Dictionary<string, string> { ["k"] = "v" });
        for (int len = 0; len < bytes.Length; len++)
        {
            var ex = Assert.Throws<DataFormatException>(() => SafeTensors.Read(new MemoryStream(bytes, 0, len), "m.safetensors"));
            Assert.StartsWith("m.safetensors", ex.Message);
        }
    }

    public static TheoryData<string, byte[], string> CorruptFiles()
    {
        static byte[] WithHeader(string json, int dataBytes, ulong? lengthOverride = null)
        {
            byte[] h = Encoding.UTF8.GetBytes(json);
            byte[] file = new byte[8 + h.Length + dataBytes];
            BinaryPrimitives.WriteUInt64LittleEndian(file, lengthOverride ?? (ulong)h.Length);
            h.CopyTo(file, 8);
            return file;
        }
        const string ok = "\"dtype\":\"F32\"";
        return new TheoryData<string, byte[], string>
        {
            { "empty", [], "has 0 bytes" },
            { "seven bytes", [1, 2, 3, 4, 5, 6, 7], "has 7 bytes" },
            { "2^63 header length", WithHeader("{}", 0, 1UL << 63), "more than the limit" },
            { "header longer than file", WithHeader("{}", 0, 1000), "only 2 bytes follow" },
            { "header not JSON", WithHeader("{not json", 0), "not valid UTF-8 JSON" },
            { "header invalid UTF-8", WithHeader("{\"\u00e9\":1}", 0).Select((b, i) => i == 10 ? (byte)0xFF : b).ToArray(), "not valid UTF-8 JSON" },
            { "header is array", WithHeader("[1,2]", 0), "must be a JSON object" },
            { "tensor not object", WithHeader("{\"a\":3}", 0), "must be an object" },
            { "dtype F16", WithHeader("{\"a\":{\"dtype\":\"F16\",\"shape\":[2],\"data_offsets\":[0,4]}}", 4), "only F32" },
            { "missing shape", WithHeader("{\"a\":{" + ok + ",\"data_offsets\":[0,4]}}", 4), "no \"shape\"" },
            { "negative dim", WithHeader("{\"a\":{" + ok + ",\"shape\":[-1],\"data_offsets\":[0,4]}}", 4), "not a non-negative integer" },
            { "fractional offset", WithHeader("{\"a\":{" + ok + ",\"shape\":[1],\"data_offsets\":[0,4.5]}}", 4), "not a non-negative integer" },
            { "three offsets", WithHeader("{\"a\":{" + ok + ",\"shape\":[1],\"data_offsets\":[0,4,8]}}", 4), "two integers" },
            { "shape/bytes mismatch", WithHeader("{\"a\":{" + ok + ",\"shape\":[3],\"data_offsets\":[0,8]}}", 8), "span 8 bytes" },
            { "end before start", WithHeader("{\"a\":{" + ok + ",\"shape\":[0],\"data_offsets\":[0,0]},\"b\":{" + ok + ",\"shape\":[1],\"data_offsets\":[4,0]}}", 4), "gap" },
            { "gap", WithHeader("{\"a\":{" + ok + ",\"shape\":[1],\"data_offsets\":[4,8]}}", 8), "gap" },
            { "overlap", WithHeader("{\"a\":{" + ok + ",\"shape\":[2],\"data_offsets\":[0,8]},\"b\":{" + ok + ",\"shape\":[1],\"data_offsets\":[4,8]}}", 8), "overlapping" },
            { "duplicate name", WithHeader("{\"a\":{" + ok + ",\"shape\":[1],\"data_offsets\":[0,4]},\"a\":{" + ok + ",\"shape\":[1],\"data_offsets\":[4,8]}}", 8), "appears twice" },
            { "metadata not strings", WithHeader("{\"__metadata__\":{\"k\":1}}", 0), "must be a string" },
            { "trailing bytes", WithHeader("{\"a\":{" + ok + ",\"shape\":[1],\"data_offsets\":[0,4]}}", 8), "trailing" },
            { "100 GB tensor claim", WithHeader("{\"a\":{" + ok + ",\"shape\":[25000000000],\"data_offsets\":[0,100000000000]}}", 16), "larger than" },
            { "100 GB in two dims", WithHeader("{\"a\":{" + ok + ",\"shape\":[50000,500000],\"data_offsets\":[0,100000000000]}}", 16), "truncated" },
            { "shape overflow", WithHeader("{\"a\":{" + ok + ",\"shape\":[2147483647,2147483647,2147483647,2147483647],\"data_offsets\":[0,4]}}", 4), "overflows" },
            { "deep nesting", WithHeader("{\"a\":" + new string('[', 100) + new string(']', 100) + "}", 0), "not valid UTF-8 JSON" },
        };
    }

    [Theory]
    [MemberData(nameof(CorruptFiles))]
    public void Read_CorruptFile_ThrowsDataFormatExceptionNamingTheProblem(string situation, byte[] bytes, string expected)
    {
        var ex = Assert.Throws<DataFormatException>(() => SafeTensors.Read(new MemoryStream(bytes), "bad.safetensors"));
        Assert.True(ex.Message.Contains(expected, StringComparison.Ordinal), $"{situation}: message was: {ex.Message}");
        Assert.StartsWith("bad.safetensors", ex.Message);
    }

    [Fact]
    public void Write_DuplicateNames_ThrowsArgumentException()
    {
        var ex = Assert.Throws<ArgumentException>(() => SafeTensors.ToBytes([new StoredTensor("x", [1], [1]), new StoredTensor("x", [1], [2])]));
        Assert.Contains("'x' appears twice", ex.Message);
    }

    /// <summary>A stream that cannot seek or report its length, like a network or pipe stream.</summary>
    internal sealed class ForwardOnlyStream(byte[] bytes) : Nabla.Fuzzing.ReadOnlyTestStream
    {
        private readonly MemoryStream _inner = new(bytes);
        public override int Read(Span<byte> buffer) => _inner.Read(buffer[..Math.Min(buffer.Length, 3)]);
    }
}

public class SafeTensorsTensorTests
{
    [Fact]
    public void SaveTensors_LoadTensors_RoundTripsShapesAndValues()
    {
        string dir = Directory.CreateTempSubdirectory("nabla-stt-").FullName;
        try
        {
            string path = Path.Combine(dir, "m.safetensors");
            var w = Tensor.FromArray([1f, 2, 3, 4, 5, 6], 2, 3);
            SafeTensors.Save(path, new Dictionary<string, Tensor> { ["0.weight"] = w, ["0.bias"] = Tensor.FromArray([7f, 8], 2) });
            var back = SafeTensors.LoadTensors(path);
            Assert.Equal(new Shape(2, 3), back["0.weight"].Shape);
            Assert.Equal(w.ToArray(), back["0.weight"].ToArray());
            Assert.Equal([7f, 8], back["0.bias"].ToArray());
        }
        finally { Directory.Delete(dir, true); }
    }
}
