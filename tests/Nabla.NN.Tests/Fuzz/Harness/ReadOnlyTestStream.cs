namespace Nabla.Fuzzing;

/// <summary>
/// A test stream read front to back that cannot seek or report its length, like a pipe or a network stream: everything
/// but <see cref="Read(Span{byte})"/> is fixed here (the tests' counterpart of the library's internal ForwardOnlyStream;
/// linked into Nabla.Cli.Tests with the rest of this folder).
/// </summary>
public abstract class ReadOnlyTestStream : Stream
{
    /// <inheritdoc/>
    public override bool CanRead => true;
    /// <inheritdoc/>
    public override bool CanSeek => false;
    /// <inheritdoc/>
    public override bool CanWrite => false;
    /// <inheritdoc/>
    public override long Length => throw new NotSupportedException();
    /// <inheritdoc/>
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    /// <inheritdoc/>
    public override void Flush() { }
    /// <inheritdoc/>
    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));
    /// <inheritdoc/>
    public abstract override int Read(Span<byte> buffer);
    /// <inheritdoc/>
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    /// <inheritdoc/>
    public override void SetLength(long value) => throw new NotSupportedException();
    /// <inheritdoc/>
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
