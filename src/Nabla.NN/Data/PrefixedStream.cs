namespace Nabla.NN.Data;

/// <summary>Stream helpers shared by the readers.</summary>
internal static class StreamUtil
{
    /// <summary>Replays a few already-read bytes, then the rest of the inner stream (no seeking needed).</summary>
    internal sealed class PrefixedStream(byte[] prefix, Stream inner) : ForwardOnlyStream
    {
        private int _pos;
        public override int Read(Span<byte> buffer)
        {
            if (_pos < prefix.Length)
            {
                int n = Math.Min(buffer.Length, prefix.Length - _pos);
                prefix.AsSpan(_pos, n).CopyTo(buffer);
                _pos += n;
                return n;
            }
            return inner.Read(buffer);
        }
    }

    /// <summary>Reads until <paramref name="buffer"/> is full or the stream ends; returns the count read.</summary>
    internal static int ReadFully(Stream s, Span<byte> buffer)
    {
        int total = 0;
        while (total < buffer.Length)
        {
            int r = s.Read(buffer[total..]);
            if (r == 0) break;
            total += r;
        }
        return total;
    }

    /// <summary>
    /// Returns a stream over the content, transparently gunzipped when it starts with the gzip magic bytes 1F 8B.
    /// Works on non-seekable streams (the peeked bytes are replayed).
    /// </summary>
    internal static Stream MaybeGunzip(Stream stream, out bool gzip)
    {
        Span<byte> head = stackalloc byte[2];
        int got = ReadFully(stream, head);
        gzip = got == 2 && head[0] == 0x1F && head[1] == 0x8B;
        Stream body = new PrefixedStream(head[..got].ToArray(), stream);
        return gzip ? new System.IO.Compression.GZipStream(body, System.IO.Compression.CompressionMode.Decompress) : body;
    }
}
