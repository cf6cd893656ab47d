using System.Buffers.Binary;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace Nabla.NN.Serialization;

/// <summary>
/// Reads and writes the safetensors format (https://github.com/huggingface/safetensors), float32 (<c>F32</c>) only.
/// </summary>
/// <remarks>
/// Layout, byte for byte:
/// <code>
/// [8 bytes]  N = header length, unsigned 64-bit little-endian
/// [N bytes]  UTF-8 JSON object, padded with spaces (0x20) so that 8 + N is a multiple of 8:
///            {"__metadata__":{"k":"v"},"name":{"dtype":"F32","shape":[2,3],"data_offsets":[0,24]},...}
/// [rest]     raw little-endian tensor data; offsets are relative to the end of the header and the tensors
///            are contiguous, in header order, with the last end equal to the rest's length
/// </code>
/// The writer produces the same bytes as the reference implementation (huggingface's Rust crate behind the Python
/// <c>safetensors</c> package): compact JSON, <c>__metadata__</c> first, tensors sorted by name (byte-wise UTF-8
/// order; the reference sorts by dtype first, and all ours are F32), serde_json's string escaping. One difference:
/// the reference writes metadata keys in hash order; we sort them, so our output is deterministic.
/// </remarks>
public static partial class SafeTensors
{
    /// <summary>
    /// Writes <paramref name="tensors"/> (any order; written sorted by name) and optional metadata to
    /// <paramref name="stream"/>. The stream is not disposed.
    /// </summary>
    /// <exception cref="ArgumentException">Two tensors share a name, or a name is <c>__metadata__</c>.</exception>
    public static void Write(Stream stream, IEnumerable<StoredTensor> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(tensors);
        var sorted = tensors.ToList();
        sorted.Sort((a, b) => CompareUtf8(a.Name, b.Name));
        for (int i = 0; i < sorted.Count; i++)
        {
            if (sorted[i].Name == MetadataKey)
                throw new ArgumentException($"'{MetadataKey}' is reserved and cannot name a tensor.", nameof(tensors));
            if (i > 0 && sorted[i].Name == sorted[i - 1].Name)
                throw new ArgumentException($"Tensor name '{sorted[i].Name}' appears twice.", nameof(tensors));
        }

        byte[] header = BuildHeader(sorted, metadata);
        Span<byte> len = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(len, (ulong)header.Length);
        stream.Write(len);
        stream.Write(header);
        foreach (var t in sorted) WriteFloats(stream, t.Data);
        stream.Flush();
    }

    /// <summary>Writes a whole file atomically (see <see cref="AtomicFile"/>).</summary>
    public static void Save(string path, IEnumerable<StoredTensor> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        var list = tensors.ToList();
        AtomicFile.Write(path, s => Write(s, list, metadata));
    }

    /// <summary>Returns the file bytes for <paramref name="tensors"/> (small files, tests).</summary>
    public static byte[] ToBytes(IEnumerable<StoredTensor> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        using var ms = new MemoryStream();
        Write(ms, tensors, metadata);
        return ms.ToArray();
    }

    internal const string MetadataKey = "__metadata__";

    private static byte[] BuildHeader(List<StoredTensor> sorted, IReadOnlyDictionary<string, string>? metadata)
    {
        var sb = new StringBuilder("{");
        bool first = true;
        if (metadata is not null)
        {
            sb.Append('"').Append(MetadataKey).Append("\":{");
            bool firstKey = true;
            foreach (var key in metadata.Keys.OrderBy(k => k, Comparer<string>.Create(CompareUtf8)))
            {
                if (!firstKey) sb.Append(',');
                firstKey = false;
                AppendJsonString(sb, key);
                sb.Append(':');
                AppendJsonString(sb, metadata[key]);
            }
            sb.Append('}');
            first = false;
        }
        long offset = 0;
        foreach (var t in sorted)
        {
            if (!first) sb.Append(',');
            first = false;
            long bytes = 4L * t.Data.Length;
            AppendJsonString(sb, t.Name);
            sb.Append(":{\"dtype\":\"F32\",\"shape\":[");
            sb.AppendJoin(',', t.Shape.Select(d => d.ToString(CultureInfo.InvariantCulture)));
            sb.Append("],\"data_offsets\":[")
              .Append(offset.ToString(CultureInfo.InvariantCulture)).Append(',')
              .Append((offset + bytes).ToString(CultureInfo.InvariantCulture)).Append("]}");
            offset += bytes;
        }
        sb.Append('}');
        byte[] json = Encoding.UTF8.GetBytes(sb.ToString());
        // Pad with spaces so the data starts 8-byte aligned (8 + padded length is a multiple of 8).
        int padded = (json.Length + 7) / 8 * 8;
        byte[] header = new byte[padded];
        json.CopyTo(header, 0);
        header.AsSpan(json.Length).Fill((byte)' ');
        return header;
    }

    /// <summary>serde_json's escaping: quote, backslash, and control characters; everything else raw UTF-8.</summary>
    private static void AppendJsonString(StringBuilder sb, string s)
    {
        sb.Append('"');
        foreach (char c in s)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                default:
                    if (c < 0x20) sb.Append("\\u00").Append(((int)c).ToString("x2", CultureInfo.InvariantCulture));
                    else sb.Append(c);
                    break;
            }
        }
        sb.Append('"');
    }

    /// <summary>Byte-wise comparison of the UTF-8 encodings (Rust's String ordering).</summary>
    private static int CompareUtf8(string? a, string? b) =>
        Encoding.UTF8.GetBytes(a ?? "").AsSpan().SequenceCompareTo(Encoding.UTF8.GetBytes(b ?? ""));

    private static void WriteFloats(Stream stream, float[] data)
    {
        if (BitConverter.IsLittleEndian)
        {
            stream.Write(MemoryMarshal.AsBytes(data.AsSpan()));
            return;
        }
        byte[] buf = new byte[4 * Math.Min(data.Length, 1 << 14)];
        for (int i = 0; i < data.Length; i += buf.Length / 4)
        {
            int n = Math.Min(buf.Length / 4, data.Length - i);
            for (int j = 0; j < n; j++) BinaryPrimitives.WriteSingleLittleEndian(buf.AsSpan(4 * j), data[i + j]);
            stream.Write(buf, 0, 4 * n);
        }
    }
}
