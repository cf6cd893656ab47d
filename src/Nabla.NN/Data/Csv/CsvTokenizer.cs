using System.Text;

namespace Nabla.NN.Data;

/// <summary>
/// Streaming RFC 4180 tokenizer: turns text into records of fields, one record at a time, never holding more than
/// one record (bounded by <see cref="CsvOptions.MaxRecordLength"/>) plus a 64 KiB buffer.
/// </summary>
/// <remarks>
/// Rules: records end at LF, CRLF or CR; blank lines are skipped; a field starting with the quote character is
/// quoted and may contain delimiters, line breaks and doubled quotes (<c>""</c> for <c>"</c>); after its closing
/// quote only a delimiter or the end of the record may follow. A quote inside an unquoted field is kept as text
/// (lenient, as spreadsheets write it). In whitespace mode, runs of spaces/tabs separate fields and leading or
/// trailing blanks are ignored.
/// </remarks>
internal sealed class CsvTokenizer
{
    private readonly TextReader _reader;
    private readonly char _delimiter;
    private readonly bool _whitespace;
    private readonly char _quote;
    private readonly int _maxRecord;
    private readonly string? _source;
    private char[] _buf;
    private int _pos;
    private int _len;
    private bool _eof;
    private long _line = 1;
    private int _recordChars;
    private readonly StringBuilder _field = new();

    public CsvTokenizer(TextReader reader, char delimiter, char quote, int maxRecordLength, string? sourceName, string prefix = "")
    {
        _reader = reader;
        _delimiter = delimiter;
        _whitespace = delimiter == CsvOptions.Whitespace;
        _quote = quote;
        _maxRecord = maxRecordLength;
        _source = sourceName;
        _buf = new char[Math.Max(1 << 16, prefix.Length)];
        prefix.CopyTo(0, _buf, 0, prefix.Length);
        _len = prefix.Length;
    }

    /// <summary>1-based physical line on which the last record returned started.</summary>
    public long RecordLine { get; private set; }

    /// <summary>Reads the next record into <paramref name="fields"/>; false at the end of the input.</summary>
    public bool ReadRecord(List<string> fields)
    {
        fields.Clear();
        // Skip blank lines (and, in whitespace mode, blank-only lines).
        while (true)
        {
            int c = Peek();
            if (c < 0) return false;
            if (c == '\n' || c == '\r') { ConsumeNewline(); continue; }
            if (_whitespace && (c == ' ' || c == '\t')) { _pos++; continue; }
            break;
        }
        RecordLine = _line;
        _recordChars = 0;
        while (true)
        {
            bool endOfRecord = ReadField(fields.Count + 1);
            fields.Add(_field.ToString());
            if (endOfRecord) return true;
        }
    }

    /// <summary>Reads one field into <see cref="_field"/>; returns true when it was the record's last field.</summary>
    private bool ReadField(int fieldNumber)
    {
        _field.Clear();
        int c = Peek();
        if (c == _quote)
        {
            Take();
            long startLine = _line;
            while (true)
            {
                c = Take();
                if (c < 0)
                    throw new DataFormatException($"quoted field opened on line {startLine} is never closed (missing {_quote})",
                        _source, RecordLine, fieldNumber);
                if (c == _quote)
                {
                    if (Peek() == _quote) { Take(); _field.Append(_quote); continue; }
                    break;
                }
                if (c == '\n') _line++;
                else if (c == '\r' && Peek() != '\n') _line++;
                _field.Append((char)c);
            }
            if (_whitespace) SkipBlanks();
            c = Peek();
            if (c < 0) return true;
            if (c == '\n' || c == '\r') { ConsumeNewline(); return true; }
            if (_whitespace) return false;
            if (c == _delimiter) { Take(); return false; }
            throw new DataFormatException(
                $"unexpected character '{(char)c}' after the closing quote of field {fieldNumber}; expected the delimiter '{Show(_delimiter)}' or the end of the line",
                _source, _line, fieldNumber);
        }
        while (true)
        {
            c = Peek();
            if (c < 0) return true;
            if (c == '\n' || c == '\r') { ConsumeNewline(); return true; }
            if (_whitespace ? c is ' ' or '\t' : c == _delimiter)
            {
                Take();
                if (!_whitespace) return false;
                SkipBlanks();
                c = Peek();
                if (c < 0) return true;
                if (c == '\n' || c == '\r') { ConsumeNewline(); return true; }
                return false;
            }
            _field.Append((char)Take());
        }
    }

    internal static string Show(char d) => d switch { '\t' => "\\t", CsvOptions.Whitespace => "whitespace", _ => d.ToString() };

    private void SkipBlanks()
    {
        while (Peek() is ' ' or '\t') Take();
    }

    private void ConsumeNewline()
    {
        int c = Take();
        if (c == '\r' && Peek() == '\n') Take();
        _line++;
    }

    private int Peek()
    {
        if (_pos < _len) return _buf[_pos];
        if (!Fill()) return -1;
        return _buf[_pos];
    }

    private int Take()
    {
        int c = Peek();
        if (c >= 0)
        {
            _pos++;
            if (++_recordChars > _maxRecord)
                throw new DataFormatException(
                    $"the record starting here is longer than the limit of {_maxRecord} characters (CsvOptions.MaxRecordLength); " +
                    "an unclosed quote or a binary file can cause this", _source, RecordLine);
        }
        return c;
    }

    private bool Fill()
    {
        if (_eof) return false;
        if (_buf.Length > 1 << 16) _buf = new char[1 << 16];   // drop the (large) sniffing prefix once consumed
        int n;
        try
        {
            n = _reader.Read(_buf, 0, _buf.Length);
        }
        catch (InvalidDataException ex)
        {
            throw new DataFormatException($"the gzip data is corrupt: {ex.Message}", _source, _line, inner: ex);
        }
        catch (System.Text.DecoderFallbackException ex)
        {
            throw TextEncodings.InvalidText((_reader as StreamReader)?.CurrentEncoding, ex, _source, _line);
        }
        _pos = 0;
        _len = n;
        if (n == 0) { _eof = true; return false; }
        return true;
    }
}
