using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text.Json;
using Nabla.NN.Data;

namespace Nabla.NN.Serialization;

public static partial class SafeTensors
{
    /// <summary>Largest header accepted by default: 100,000,000 bytes, the reference implementation's limit.</summary>
    public const long DefaultMaxHeaderBytes = 100_000_000;

    /// <summary>Reads and validates a safetensors file from disk.</summary>
    /// <exception cref="DataFormatException">The file is truncated, inconsistent or uses an unsupported dtype.</exception>
    public static SafeTensorsFile Load(string path, long maxHeaderBytes = DefaultMaxHeaderBytes)
    {
        using var fs = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        return Read(fs, path, maxHeaderBytes);
    }

    /// <summary>
    /// Reads and validates a safetensors file from <paramref name="stream"/> (the single entry point every other
    /// reading method calls; it is what the fuzz tests drive). Everything the header claims is checked against the
    /// stream's real length before any tensor memory is allocated; a non-seekable stream is first copied into memory
    /// (growing with the bytes actually present, so a lying header cannot cause a huge allocation).
    /// </summary>
    /// <param name="stream">Positioned at the start of the file; read to its end.</param>
    /// <param name="sourceName">Name used in error messages (a file path), or null.</param>
    /// <param name="maxHeaderBytes">Header length limit.</param>
    /// <returns>The tensors in file order and the metadata.</returns>
    /// <exception cref="DataFormatException">
    /// Shorter than 8 bytes; header length over the limit or past the end of the file; header not UTF-8 JSON, not an
    /// object, or with a malformed entry; dtype other than F32; shape not matching the byte range; offsets not
    /// starting at 0, overlapping, leaving gaps, or not ending exactly at the end of the file; duplicate names.
    /// </exception>
    public static SafeTensorsFile Read(Stream stream, string? sourceName = null, long maxHeaderBytes = DefaultMaxHeaderBytes)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanSeek)
        {
            var copy = new MemoryStream();
            stream.CopyTo(copy);
            copy.Position = 0;
            stream = copy;
        }
        long available = stream.Length - stream.Position;
        DataFormatException Fail(string detail, long? offset = null) => new(detail, sourceName, byteOffset: offset);

        if (available < 8)
            throw Fail($"the file has {available} bytes; a safetensors file starts with an 8-byte header length");
        Span<byte> lenBytes = stackalloc byte[8];
        stream.ReadExactly(lenBytes);
        ulong n = BinaryPrimitives.ReadUInt64LittleEndian(lenBytes);
        if (n > (ulong)maxHeaderBytes)
            throw Fail($"the header length field says {n} bytes, more than the limit of {maxHeaderBytes}: not a safetensors file, or a corrupt one", 0);
        if ((long)n > available - 8)
            throw Fail($"the header length field says {n} bytes but only {available - 8} bytes follow it: the file is truncated or not a safetensors file", 0);
        if (n < 2)
            throw Fail($"the header length field says {n} bytes; the smallest header, {{}}, has 2", 0);

        byte[] header = new byte[n];
        stream.ReadExactly(header);
        var entries = ParseHeader(header, sourceName, out var metadata);

        // Offsets must tile [0, dataLength) exactly: sorted by start, each starting where the previous ended.
        entries.Sort((a, b) => a.Begin != b.Begin ? a.Begin.CompareTo(b.Begin) : a.End.CompareTo(b.End));
        ulong expectedBegin = 0;
        foreach (var e in entries)
        {
            if (e.Begin != expectedBegin)
                throw Fail(e.Begin > expectedBegin
                    ? $"tensor '{e.Name}' starts at data offset {e.Begin} but the previous tensor ends at {expectedBegin}: gap in the data"
                    : $"tensor '{e.Name}' starts at data offset {e.Begin}, inside the previous tensor (which ends at {expectedBegin}): overlapping data");
            if (e.End < e.Begin)
                throw Fail($"tensor '{e.Name}' has data_offsets [{e.Begin}, {e.End}]: the end is before the start");
            ulong bytes = e.End - e.Begin;
            if (e.Elements > ulong.MaxValue / 4 || e.Elements * 4 != bytes)
                throw Fail($"tensor '{e.Name}' has shape [{string.Join(", ", e.Shape)}] = {e.Elements} F32 values ({(e.Elements > ulong.MaxValue / 4 ? "overflow" : (e.Elements * 4).ToString(System.Globalization.CultureInfo.InvariantCulture))} bytes) but data_offsets [{e.Begin}, {e.End}] span {bytes} bytes");
            expectedBegin = e.End;
        }
        long dataAvailable = available - 8 - (long)n;
        if (expectedBegin != (ulong)dataAvailable)
            throw Fail(expectedBegin > (ulong)dataAvailable
                ? $"the header describes {expectedBegin} bytes of tensor data but the file has only {dataAvailable} after the header: the file is truncated"
                : $"the header describes {expectedBegin} bytes of tensor data but the file has {dataAvailable} after the header: {dataAvailable - (long)expectedBegin} unexplained trailing bytes");

        // Only now, with every size proven against the real file length, allocate.
        var tensors = new List<StoredTensor>(entries.Count);
        foreach (var e in entries)
        {
            if (e.Elements > (ulong)Array.MaxLength)
                throw Fail($"tensor '{e.Name}' has {e.Elements} values, more than a .NET array can hold ({Array.MaxLength})");
            var data = new float[e.Elements];
            stream.ReadExactly(MemoryMarshal.AsBytes(data.AsSpan()));
            if (!BitConverter.IsLittleEndian)
                for (int i = 0; i < data.Length; i++)
                    data[i] = BinaryPrimitives.ReadSingleLittleEndian(MemoryMarshal.AsBytes(data.AsSpan(i, 1)));
            int[] shape = e.Shape.Select(d => (int)d).ToArray();
            tensors.Add(new StoredTensor(e.Name, shape, data));
        }
        return new SafeTensorsFile(tensors, metadata);
    }

    private sealed class HeaderEntry
    {
        public required string Name;
        public required ulong[] Shape;
        public ulong Elements;
        public ulong Begin;
        public ulong End;
    }

    private static List<HeaderEntry> ParseHeader(byte[] header, string? sourceName, out IReadOnlyDictionary<string, string> metadata)
    {
        DataFormatException Fail(string detail, long? offset = null) => new(detail, sourceName, byteOffset: offset);
        // JsonDocument defers UTF-8 validation of strings until they are read (and then throws
        // InvalidOperationException), so validate the whole header up front.
        if (!System.Text.Unicode.Utf8.IsValid(header))
            throw Fail("the header is not valid UTF-8 JSON: it contains bytes that are not UTF-8", 8);
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(header, new JsonDocumentOptions { MaxDepth = 8 });
        }
        catch (JsonException ex)
        {
            // Utf8JsonReader reports invalid UTF-8 and malformed JSON alike; its message has the line/byte position.
            throw Fail($"the header is not valid UTF-8 JSON: {ex.Message}", 8 + (ex.BytePositionInLine ?? 0));
        }
        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                throw Fail($"the header must be a JSON object but is a {root.ValueKind}", 8);
            var meta = new Dictionary<string, string>(StringComparer.Ordinal);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var entries = new List<HeaderEntry>();
            foreach (var prop in root.EnumerateObject())
            {
                string name = prop.Name;
                if (!seen.Add(name))
                    throw Fail($"the name '{DataFormatException.Shorten(name)}' appears twice in the header");
                if (name == MetadataKey)
                {
                    if (prop.Value.ValueKind != JsonValueKind.Object)
                        throw Fail($"'{MetadataKey}' must be an object of strings but is a {prop.Value.ValueKind}");
                    foreach (var m in prop.Value.EnumerateObject())
                    {
                        if (m.Value.ValueKind != JsonValueKind.String)
                            throw Fail($"'{MetadataKey}' entry '{DataFormatException.Shorten(m.Name)}' must be a string but is a {m.Value.ValueKind}");
                        if (!meta.TryAdd(m.Name, m.Value.GetString()!))
                            throw Fail($"'{MetadataKey}' key '{DataFormatException.Shorten(m.Name)}' appears twice");
                    }
                    continue;
                }
                entries.Add(ParseEntry(name, prop.Value, Fail));
            }
            metadata = meta;
            return entries;
        }
    }

    private static HeaderEntry ParseEntry(string name, JsonElement v, Func<string, long?, DataFormatException> fail)
    {
        string shown = DataFormatException.Shorten(name);
        if (v.ValueKind != JsonValueKind.Object)
            throw fail($"tensor '{shown}' must be an object with dtype, shape and data_offsets but is a {v.ValueKind}", null);
        if (!v.TryGetProperty("dtype", out var dtype) || dtype.ValueKind != JsonValueKind.String)
            throw fail($"tensor '{shown}' has no string \"dtype\"", null);
        string dt = dtype.GetString()!;
        if (dt != "F32")
            throw fail($"tensor '{shown}' has dtype \"{DataFormatException.Shorten(dt)}\"; Nabla reads only F32 (float32) tensors", null);
        if (!v.TryGetProperty("shape", out var shapeEl) || shapeEl.ValueKind != JsonValueKind.Array)
            throw fail($"tensor '{shown}' has no \"shape\" array", null);
        if (!v.TryGetProperty("data_offsets", out var offEl) || offEl.ValueKind != JsonValueKind.Array || offEl.GetArrayLength() != 2)
            throw fail($"tensor '{shown}' has no \"data_offsets\" array of two integers", null);

        var shape = new ulong[shapeEl.GetArrayLength()];
        ulong elements = 1;
        bool overflow = false;
        int i = 0;
        foreach (var d in shapeEl.EnumerateArray())
        {
            if (d.ValueKind != JsonValueKind.Number || !d.TryGetUInt64(out ulong dim))
                throw fail($"tensor '{shown}' has a shape entry {DataFormatException.Shorten(d.GetRawText())} that is not a non-negative integer", null);
            if (dim > int.MaxValue)
                throw fail($"tensor '{shown}' has dimension {dim}, larger than {int.MaxValue}", null);
            shape[i++] = dim;
            if (!overflow)
            {
                try { elements = checked(elements * dim); }
                catch (OverflowException) { overflow = true; }
            }
        }
        if (overflow)
            throw fail($"tensor '{shown}' has shape [{string.Join(", ", shape)}] whose element count overflows 64 bits", null);
        ulong[] off = new ulong[2];
        i = 0;
        foreach (var o in offEl.EnumerateArray())
        {
            if (o.ValueKind != JsonValueKind.Number || !o.TryGetUInt64(out off[i++]))
                throw fail($"tensor '{shown}' has a data_offsets entry {DataFormatException.Shorten(o.GetRawText())} that is not a non-negative integer", null);
        }
        return new HeaderEntry { Name = name, Shape = shape, Elements = elements, Begin = off[0], End = off[1] };
    }
}
