namespace Nabla.NN.Tests.Fuzz;

/// <summary>
/// A read-only, non-seekable stream of <paramref name="length"/> bytes: <paramref name="prefix"/>, then
/// <paramref name="fill"/> repeated. It produces a gigabyte without holding one, to attack readers with huge inputs.
/// </summary>
internal sealed class EndlessStream(byte[] prefix, byte fill, long length) : Stream
{
    private long _position;

    /// <summary>Bytes handed out so far (how far the reader got before it stopped).</summary>
    public long BytesRead => _position;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => _position; set => throw new NotSupportedException(); }
    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));
    public override int Read(Span<byte> buffer)
    {
        int n = (int)Math.Min(buffer.Length, length - _position);
        for (int i = 0; i < n; i++)
        {
            long p = _position + i;
            buffer[i] = p < prefix.Length ? prefix[p] : fill;
        }
        _position += n;
        return n;
    }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
