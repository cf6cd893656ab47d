using System.Text;

namespace Nabla.NN.Data;

/// <summary>
/// The text encodings a data file may be in, by name, and their detection: a byte-order mark (UTF-8, UTF-16 LE/BE),
/// else UTF-16 without a mark (every other byte NUL), else UTF-8 if the first 64 KiB are valid UTF-8, else Windows-1252
/// (the superset of Latin-1 that spreadsheets on Windows write). A UTF-8 file is checked to its end: an invalid byte
/// further on is refused with its line and byte offset instead of becoming U+FFFD, which would merge distinct values.
/// </summary>
public static class TextEncodings
{
    static TextEncodings() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>The names <see cref="Parse"/> documents (any name .NET's code pages know also works, e.g. <c>iso-8859-15</c>).</summary>
    public const string Names = "utf-8|utf-16|utf-16be|latin1|windows-1252";

    /// <summary>The encoding called <paramref name="name"/> (utf-8, utf-16, utf-16be, latin1 or iso-8859-1, windows-1252 or cp1252, and any code page .NET knows).</summary>
    /// <exception cref="ArgumentException">An unknown name; the message lists the usual ones.</exception>
    public static Encoding Parse(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        string n = name.Trim().ToLowerInvariant();
        switch (n)
        {
            case "utf-8" or "utf8": return new UTF8Encoding(false, true);
            case "utf-16" or "utf16" or "utf-16le": return new UnicodeEncoding(false, false, true);
            case "utf-16be": return new UnicodeEncoding(true, false, true);
            case "latin1" or "latin-1" or "iso-8859-1": return Encoding.Latin1;
            case "cp1252" or "windows1252": n = "windows-1252"; break;
        }
        try { return Encoding.GetEncoding(n); }
        catch (ArgumentException e) { throw new ArgumentException($"unknown text encoding \"{name}\"; use one of {Names.Replace("|", ", ", StringComparison.Ordinal)}", nameof(name), e); }
    }

    /// <summary>Windows-1252, the default guess for a file that is not UTF-8.</summary>
    public static Encoding Windows1252 => Encoding.GetEncoding(1252);

    /// <summary>
    /// The encoding of a file that starts with <paramref name="head"/>, and how many bytes of mark to skip.
    /// <paramref name="complete"/> says whether <paramref name="head"/> is the whole file (so a cut-off UTF-8 sequence at its end is an error).
    /// </summary>
    public static (Encoding Encoding, int Preamble) Detect(ReadOnlySpan<byte> head, bool complete)
    {
        if (head.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) return (new UTF8Encoding(false, true), 3);
        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE])) return (new UnicodeEncoding(false, false, true), 2);
        if (head.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF])) return (new UnicodeEncoding(true, false, true), 2);
        if (head.Length >= 4)
        {
            // UTF-16 without a mark: ASCII text leaves every other byte zero.
            int evenZeros = 0, oddZeros = 0, pairs = head.Length / 2;
            for (int i = 0; i + 1 < head.Length; i += 2) { if (head[i] == 0) evenZeros++; if (head[i + 1] == 0) oddZeros++; }
            if (oddZeros > pairs * 0.4 && evenZeros == 0) return (new UnicodeEncoding(false, false, true), 0);
            if (evenZeros > pairs * 0.4 && oddZeros == 0) return (new UnicodeEncoding(true, false, true), 0);
        }
        return ValidUtf8Prefix(head, complete) ? (new UTF8Encoding(false, true), 0) : (Windows1252, 0);
    }

    /// <summary>Whether <paramref name="bytes"/> is valid UTF-8, allowing a sequence cut off at the end unless <paramref name="complete"/>.</summary>
    private static bool ValidUtf8Prefix(ReadOnlySpan<byte> bytes, bool complete)
    {
        while (!bytes.IsEmpty)
        {
            var status = System.Text.Rune.DecodeFromUtf8(bytes, out _, out int used);
            if (status == System.Buffers.OperationStatus.NeedMoreData) return !complete;
            if (status != System.Buffers.OperationStatus.Done) return false;
            bytes = bytes[used..];
        }
        return true;
    }

    /// <summary>
    /// The error for bytes that <paramref name="encoding"/> cannot decode (a UTF-16 file cut at an odd byte, a lone
    /// surrogate), where <paramref name="source"/> is read near <paramref name="line"/>.
    /// </summary>
    internal static DataFormatException InvalidText(Encoding? encoding, DecoderFallbackException ex, string? source, long? line) =>
        new($"the text is not valid {(encoding is null ? "in its encoding" : NameOf(encoding))} (bytes that do not decode, e.g. an odd number of bytes in UTF-16, or half of a surrogate pair); " +
            "if the file is in another encoding, name it with --encoding", source, line, inner: ex);

    /// <summary>A short name for messages and warnings.</summary>
    public static string NameOf(Encoding e) => e.CodePage switch
    {
        65001 => "UTF-8",
        1200 => "UTF-16 LE",
        1201 => "UTF-16 BE",
        28591 => "Latin-1",
        1252 => "Windows-1252",
        _ => e.WebName,
    };
}

/// <summary>
/// Passes bytes through while checking they are UTF-8, counting lines and bytes, so the first invalid byte is reported
/// with its line and offset (a StreamReader would silently turn it into U+FFFD).
/// </summary>
internal sealed class Utf8CheckingStream(Stream inner, string? source, long startOffset) : ForwardOnlyStream
{
    private readonly byte[] _carry = new byte[4];
    private int _carried;
    private long _offset = startOffset;  // file offset of the first byte not yet checked (carried bytes included)
    private long _line = 1;

    public override int Read(Span<byte> buffer)
    {
        int n = inner.Read(buffer);
        Check(buffer[..n], final: n == 0);
        return n;
    }

    private void Check(ReadOnlySpan<byte> bytes, bool final)
    {
        // Finish a sequence cut off by the previous read first.
        while (_carried > 0)
        {
            if (bytes.IsEmpty)
            {
                if (final) Fail(_carry[0]);
                return;
            }
            _carry[_carried++] = bytes[0];
            bytes = bytes[1..];
            var s = System.Text.Rune.DecodeFromUtf8(_carry.AsSpan(0, _carried), out _, out int used);
            if (s == System.Buffers.OperationStatus.NeedMoreData && _carried < 4) continue;
            if (s != System.Buffers.OperationStatus.Done) Fail(_carry[0]);
            _offset += used;
            _carried = 0;
        }
        // Fast path (vectorised): a whole valid chunk only needs its line breaks counted.
        if (System.Text.Unicode.Utf8.IsValid(bytes))
        {
            _line += System.MemoryExtensions.Count(bytes, (byte)'\n');
            _offset += bytes.Length;
            return;
        }
        int i = 0;
        while (i < bytes.Length)
        {
            byte b = bytes[i];
            if (b < 0x80)
            {
                if (b == (byte)'\n') _line++;
                i++;
                continue;
            }
            var status = System.Text.Rune.DecodeFromUtf8(bytes[i..], out _, out int used);
            if (status == System.Buffers.OperationStatus.NeedMoreData && !final)
            {
                bytes[i..].CopyTo(_carry);
                _carried = bytes.Length - i;
                _offset += i;
                return;
            }
            if (status != System.Buffers.OperationStatus.Done) { _offset += i; Fail(b); }
            i += used;
        }
        _offset += bytes.Length;
    }

    private void Fail(byte b) =>
        throw new DataFormatException(
            $"the file is not valid UTF-8: byte 0x{b:X2} at byte offset {_offset}; if it is Latin-1 or Windows-1252 text, give its encoding " +
            $"(--encoding windows-1252, CsvOptions.Encoding) rather than let distinct values merge", source, _line);
}
