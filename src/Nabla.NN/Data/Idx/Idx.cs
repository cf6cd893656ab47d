using System.Buffers.Binary;
using System.IO.Compression;

namespace Nabla.NN.Data;

/// <summary>
/// Reader for the IDX format of MNIST and Fashion-MNIST (http://yann.lecun.com/exdb/mnist/), raw or gzip-compressed
/// (detected from the first two bytes, 0x1F 0x8B, not from the file name).
/// </summary>
/// <remarks>
/// Layout: a 4-byte magic number <c>00 00 TT DD</c> (TT = data type, only 0x08 unsigned byte is supported;
/// DD = number of dimensions), then DD big-endian int32 dimension sizes, then <c>product(dims)</c> bytes.
/// Images are 0x00000803 (<c>[N, rows, cols]</c>), labels 0x00000801 (<c>[N]</c>).
/// Hostile files: the header's claimed size is checked against <c>maxBytes</c>; for an uncompressed seekable file the
/// exact file size is checked before allocating; for gzip the buffer grows with the bytes actually decompressed,
/// so a lying header costs at most twice the real data. Every problem is a <see cref="DataFormatException"/>.
/// </remarks>
public static class Idx
{
    /// <summary>Default limit on the payload a header may claim: 1 GiB (Fashion-MNIST's training images are 47 MB).</summary>
    public const long DefaultMaxBytes = 1L << 30;

    /// <summary>Magic number of an image file: unsigned bytes, 3 dimensions.</summary>
    public const int ImagesMagic = 0x00000803;

    /// <summary>Magic number of a label file: unsigned bytes, 1 dimension.</summary>
    public const int LabelsMagic = 0x00000801;

    /// <summary>
    /// Reads any unsigned-byte IDX file (raw or gzip) from <paramref name="stream"/>: the single entry point the
    /// other methods use. The stream is read to its end and not disposed.
    /// </summary>
    /// <param name="stream">The file content from its first byte.</param>
    /// <param name="sourceName">Name for error messages (a path), or null.</param>
    /// <param name="maxBytes">Largest payload the header may claim.</param>
    /// <exception cref="DataFormatException">Bad magic, unsupported type, bad dimensions, truncated or oversized content, corrupt gzip.</exception>
    public static IdxArray Read(Stream stream, string? sourceName = null, long maxBytes = DefaultMaxBytes)
    {
        ArgumentNullException.ThrowIfNull(stream);
        try
        {
            return ReadCore(stream, sourceName, maxBytes);
        }
        catch (InvalidDataException ex)
        {
            throw new DataFormatException($"the gzip data is corrupt: {ex.Message}", sourceName, inner: ex);
        }
    }

    /// <summary>Reads an image file (magic 0x00000803) and scales pixels to [0, 1]; output shape <c>[N, rows * cols]</c>.</summary>
    /// <exception cref="DataFormatException">Not an image file, or any problem <see cref="Read"/> reports.</exception>
    public static IdxImages ReadImages(Stream stream, string? sourceName = null, long maxBytes = DefaultMaxBytes)
    {
        var a = Read(stream, sourceName, maxBytes);
        if (a.Dims.Length != 3)
            throw new DataFormatException(
                $"expected an IDX image file (magic 0x{ImagesMagic:X8}: 3 dimensions) but this file has {a.Dims.Length} dimension(s) (magic 0x{0x800 + a.Dims.Length:X8})" +
                (a.Dims.Length == 1 ? "; it looks like a label file" : ""), sourceName, byteOffset: 0);
        var pixels = new float[a.Data.Length];
        // x / 255 maps the byte range 0..255 onto [0, 1] exactly at both ends.
        for (int i = 0; i < pixels.Length; i++) pixels[i] = a.Data[i] / 255f;
        return new IdxImages(pixels, a.Dims[0], a.Dims[1], a.Dims[2]);
    }

    /// <summary>Reads a label file (magic 0x00000801) as class indices <c>[N]</c>.</summary>
    /// <param name="numClasses">When given, every label must be below it (10 for MNIST).</param>
    /// <exception cref="DataFormatException">Not a label file, a label out of range, or any problem <see cref="Read"/> reports.</exception>
    public static int[] ReadLabels(Stream stream, string? sourceName = null, int? numClasses = null)
    {
        var a = Read(stream, sourceName);
        if (a.Dims.Length != 1)
            throw new DataFormatException(
                $"expected an IDX label file (magic 0x{LabelsMagic:X8}: 1 dimension) but this file has {a.Dims.Length} dimensions (magic 0x{0x800 + a.Dims.Length:X8})" +
                (a.Dims.Length == 3 ? "; it looks like an image file" : ""), sourceName, byteOffset: 0);
        var labels = new int[a.Data.Length];
        for (int i = 0; i < labels.Length; i++)
        {
            labels[i] = a.Data[i];
            if (numClasses is int k && labels[i] >= k)
                throw new DataFormatException($"label {labels[i]} of item {i} is out of range: expected 0..{k - 1}",
                    sourceName, byteOffset: 8 + i, value: labels[i].ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        return labels;
    }

    /// <summary>Reads an image file from disk (<c>.gz</c> or raw); see <see cref="ReadImages"/>.</summary>
    public static IdxImages LoadImages(string path, long maxBytes = DefaultMaxBytes)
    {
        using var fs = OpenFile(path);
        return ReadImages(fs, path, maxBytes);
    }

    /// <summary>Reads a label file from disk (<c>.gz</c> or raw); see <see cref="ReadLabels"/>.</summary>
    public static int[] LoadLabels(string path, int? numClasses = null)
    {
        using var fs = OpenFile(path);
        return ReadLabels(fs, path, numClasses);
    }

    /// <summary>
    /// The payload size in bytes (the product of the dimensions) that the header of the IDX file at <paramref name="path"/>
    /// claims, read from the header alone (decompressing only the first bytes of a gzip file).
    /// </summary>
    /// <exception cref="DataFormatException">The header is malformed (see <see cref="Read"/>).</exception>
    public static long ClaimedPayload(string path)
    {
        using var fs = OpenFile(path);
        try
        {
            var (_, payload, _) = ReadHeader(StreamUtil.MaybeGunzip(fs, out bool gzip), path, gzip, long.MaxValue);
            return payload;
        }
        catch (InvalidDataException ex)
        {
            throw new DataFormatException($"the gzip data is corrupt: {ex.Message}", path, inner: ex);
        }
    }

    private static FileStream OpenFile(string path) =>
        new(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);

    private static IdxArray ReadCore(Stream stream, string? sourceName, long maxBytes)
    {
        DataFormatException Fail(string detail, long? offset) => new(detail, sourceName, byteOffset: offset);

        // Peek two bytes to detect gzip without needing a seekable stream.
        Span<byte> head = stackalloc byte[2];
        int got = ReadFully(stream, head);
        bool gzip = got == 2 && head[0] == 0x1F && head[1] == 0x8B;
        Stream body = new StreamUtil.PrefixedStream(head[..got].ToArray(), stream);
        long? rawRemaining = !gzip && stream.CanSeek ? stream.Length - stream.Position + got : null;
        if (gzip) body = new GZipStream(body, CompressionMode.Decompress);
        string what = gzip ? "decompressed content" : "file";

        var (dims, payload, headerBytes) = ReadHeader(body, sourceName, gzip, maxBytes);
        if (rawRemaining is long total && total != headerBytes + payload)
            throw Fail($"dimensions [{string.Join(", ", dims)}] need {headerBytes + payload} bytes but the file has {total}: " +
                       (total < headerBytes + payload ? "the file is truncated" : $"{total - headerBytes - payload} unexplained trailing bytes"), headerBytes);

        byte[] data = rawRemaining is not null ? new byte[payload] : new byte[Math.Min(payload, 1 << 20)];
        long filled = 0;
        while (filled < payload)
        {
            if (filled == data.Length)
                Array.Resize(ref data, (int)Math.Min(payload, 2L * data.Length));
            int r = body.Read(data, (int)filled, (int)Math.Min(data.Length - filled, int.MaxValue));
            if (r == 0)
                throw Fail($"dimensions [{string.Join(", ", dims)}] need {payload} data bytes but the {what} ends after {filled}: the file is truncated", headerBytes + filled);
            filled += r;
        }
        if (body.ReadByte() != -1)
            throw Fail($"the {what} has bytes after the {payload} data bytes that dimensions [{string.Join(", ", dims)}] describe", headerBytes + payload);
        return new IdxArray(dims, data);
    }

    // Magic number and dimensions; the payload is their product, refused beyond maxBytes before anything is allocated.
    private static (int[] Dims, long Payload, long HeaderBytes) ReadHeader(Stream body, string? sourceName, bool gzip, long maxBytes)
    {
        DataFormatException Fail(string detail, long? offset) => new(detail, sourceName, byteOffset: offset);
        string what = gzip ? "decompressed content" : "file";
        Span<byte> magic = stackalloc byte[4];
        int m = ReadFully(body, magic);
        if (m < 4)
            throw Fail($"the {what} has {m} bytes; an IDX file starts with a 4-byte magic number", 0);
        if (magic[0] != 0 || magic[1] != 0)
            throw Fail($"magic number 0x{BinaryPrimitives.ReadInt32BigEndian(magic):X8} does not start with two zero bytes: not an IDX file " +
                       $"(expected 0x{ImagesMagic:X8} for images or 0x{LabelsMagic:X8} for labels)", 0);
        if (magic[2] != 0x08)
            throw Fail($"IDX data type 0x{magic[2]:X2} is not supported; only 0x08 (unsigned byte), as in MNIST, is", 2);
        int rank = magic[3];
        if (rank < 1 || rank > 4)
            throw Fail($"IDX files with {rank} dimensions are not supported (expected 1 for labels or 3 for images)", 3);

        byte[] dimBytes = new byte[4 * rank];
        int d = ReadFully(body, dimBytes);
        if (d < dimBytes.Length)
            throw Fail($"the {what} ends inside the header: {rank} dimension sizes need {4 * rank} bytes after the magic number, found {d}", 4 + d);
        var dims = new int[rank];
        long payload = 1;
        for (int i = 0; i < rank; i++)
        {
            dims[i] = BinaryPrimitives.ReadInt32BigEndian(dimBytes.AsSpan(4 * i));
            if (dims[i] < 0)
                throw Fail($"dimension {i} has negative size {dims[i]}", 4 + 4 * i);
            if (i > 0 && dims[i] == 0)
                throw Fail($"dimension {i} has size 0", 4 + 4 * i);
            payload *= dims[i];   // each dim < 2^31 and we stop once past maxBytes, so this cannot overflow
            if (payload > maxBytes || payload > Array.MaxLength)
                throw Fail($"dimensions [{string.Join(", ", dims[..(i + 1)])}...] claim more than {Math.Min(maxBytes, Array.MaxLength)} bytes of data (the limit)", 4 + 4 * i);
        }
        return (dims, payload, 4 + 4L * rank);
    }

    private static int ReadFully(Stream s, Span<byte> buffer) => StreamUtil.ReadFully(s, buffer);
}
