using System.Globalization;
using System.Text;

namespace Nabla.Cli.Tests.Reliability;

/// <summary>
/// A CSV of <c>height,weight,pet</c> rows made on the fly as it is read, never held whole: ten million rows cost
/// no memory and no disk. <paramref name="onRows"/> runs after every <paramref name="every"/> rows (to sample the heap).
/// </summary>
internal sealed class GeneratedCsvStream(long rows, Action<long>? onRows = null, long every = 1_000_000) : Nabla.Fuzzing.ReadOnlyTestStream
{
    private static readonly string[] Pets = ["cat", "dog", "bird"];
    private readonly byte[] _line = new byte[64];
    private int _lineLength, _lineOffset;
    private long _next = -1; // -1: the header is next

    public override int Read(Span<byte> buffer)
    {
        int written = 0;
        while (written < buffer.Length)
        {
            if (_lineOffset == _lineLength && !NextLine()) break;
            int n = Math.Min(buffer.Length - written, _lineLength - _lineOffset);
            _line.AsSpan(_lineOffset, n).CopyTo(buffer[written..]);
            _lineOffset += n;
            written += n;
        }
        return written;
    }

    private bool NextLine()
    {
        if (_next >= rows) return false;
        string text;
        if (_next < 0) text = "height,weight,pet\n";
        else
        {
            // A cheap deterministic spread of values (no Random: the stream must be identical on every pass).
            long i = _next;
            double h = 150 + (i * 7919 % 500) / 10.0, w = 45 + (i * 104729 % 650) / 10.0;
            text = string.Create(CultureInfo.InvariantCulture, $"{h:F1},{w:F1},{Pets[i % 3]}\n");
            if ((i + 1) % every == 0) onRows?.Invoke(i + 1);
        }
        _next++;
        _lineLength = Encoding.ASCII.GetBytes(text, _line);
        _lineOffset = 0;
        return true;
    }

}

/// <summary>A writer that keeps only counts: output lines and characters.</summary>
internal sealed class CountingWriter : TextWriter
{
    public long Lines { get; private set; }
    public long Chars { get; private set; }
    public override Encoding Encoding => Encoding.UTF8;
    public override void Write(char value)
    {
        Chars++;
        if (value == '\n') Lines++;
    }
    public override void Write(ReadOnlySpan<char> buffer)
    {
        Chars += buffer.Length;
        foreach (char c in buffer) if (c == '\n') Lines++;
    }
    public override void Write(string? value) => Write(value.AsSpan());
    public override void Write(System.Text.StringBuilder? value)
    {
        if (value is null) return;
        foreach (var chunk in value.GetChunks()) Write(chunk.Span);
    }
}
