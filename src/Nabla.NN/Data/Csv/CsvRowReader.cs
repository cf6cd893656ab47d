using System.Text;

namespace Nabla.NN.Data;

/// <summary>
/// One pass over a delimited stream: gunzips if needed, strips a UTF-8 BOM, detects the dialect from the first
/// 64 KiB (unless known), reads the header, then yields rows. Shared by <see cref="CsvTable"/> and <see cref="CsvSource"/>.
/// </summary>
internal sealed class CsvRowReader
{
    private const int SampleChars = 1 << 16;
    private readonly CsvTokenizer _tokenizer;
    private readonly string? _source;
    private readonly List<string>? _firstData;
    private readonly long _firstDataLine;
    private readonly NumberFormats? _numbers;

    public CsvDialect Dialect { get; }
    public string[] ColumnNames { get; }

    public CsvRowReader(Stream stream, CsvOptions options, string? sourceName, CsvDialect? knownDialect)
    {
        _source = sourceName;
        Stream body = StreamUtil.MaybeGunzip(stream, out _);
        if (options.MemoryBudget is long budget) body = new MemoryBudget.CountingStream(body, budget, sourceName);
        var encoding = knownDialect?.Encoding ?? options.Encoding;
        bool detected = encoding is null;
        if (encoding is null)
        {
            var head = new byte[SampleChars];
            int got;
            try { got = StreamUtil.ReadFully(body, head); }
            catch (InvalidDataException ex) { throw new DataFormatException($"the gzip data is corrupt: {ex.Message}", sourceName, inner: ex); }
            body = new StreamUtil.PrefixedStream(head[..got], body);
            encoding = TextEncodings.Detect(head.AsSpan(0, got), complete: got < head.Length).Encoding;
        }
        // UTF-8 is checked byte by byte, so an invalid byte is reported (line, offset) instead of merging values as U+FFFD.
        if (encoding.CodePage == Encoding.UTF8.CodePage) body = new Utf8CheckingStream(body, sourceName, 0);
        // A detected encoding already read the byte-order mark: letting StreamReader re-detect it would swap in its own
        // UTF-16 decoder, which turns invalid bytes into U+FFFD instead of an error. The mark then reads as U+FEFF, dropped below.
        var reader = new StreamReader(body, encoding.CodePage == Encoding.UTF8.CodePage ? new UTF8Encoding(false, false) : encoding,
            detectEncodingFromByteOrderMarks: !(detected || knownDialect?.EncodingDetected == true), bufferSize: 1 << 16);
        var sample = new char[SampleChars];
        int n;
        try { n = reader.ReadBlock(sample, 0, sample.Length); }
        catch (InvalidDataException ex) { throw new DataFormatException($"the gzip data is corrupt: {ex.Message}", sourceName, inner: ex); }
        catch (DecoderFallbackException ex) { throw TextEncodings.InvalidText(encoding, ex, sourceName, line: null); }
        string prefix = new(sample, 0, n);
        if (prefix.Length > 0 && prefix[0] == '\uFEFF') prefix = prefix[1..];
        Dialect = knownDialect ?? CsvDialect.Detect(prefix, complete: n < SampleChars, options) with { Encoding = encoding, EncodingDetected = detected };
        _numbers = NumberFormats.For(Dialect);
        _tokenizer = new CsvTokenizer(reader, Dialect.Delimiter, Dialect.Quote, options.MaxRecordLength, sourceName, prefix);

        var fields = new List<string>();
        if (!_tokenizer.ReadRecord(fields))
        {
            ColumnNames = [];
            return;
        }
        if (Dialect.HasHeader)
        {
            ColumnNames = new string[fields.Count];
            var seen = new Dictionary<string, int>(StringComparer.Ordinal);
            for (int j = 0; j < fields.Count; j++)
            {
                string name = fields[j].Trim();
                if (name.Length == 0) name = "column" + (j + 1);
                if (seen.TryGetValue(name, out int prev))
                    throw new DataFormatException($"column name \"{name}\" appears twice in the header (columns {prev + 1} and {j + 1}); names must be unique",
                        sourceName, _tokenizer.RecordLine, j + 1, value: name);
                seen[name] = j;
                ColumnNames[j] = name;
            }
        }
        else
        {
            ColumnNames = Enumerable.Range(1, fields.Count).Select(j => "column" + j).ToArray();
            _firstData = fields;
            _firstDataLine = _tokenizer.RecordLine;
        }
    }

    public IEnumerable<CsvRow> Rows()
    {
        if (_firstData is not null) yield return Check(new CsvRow(_firstDataLine, _firstData.ToArray()));
        var fields = new List<string>(ColumnNames.Length);
        while (_tokenizer.ReadRecord(fields))
            yield return Check(new CsvRow(_tokenizer.RecordLine, fields.ToArray()));
    }

    private CsvRow Check(CsvRow row)
    {
        if (_numbers is not null)
            for (int j = 0; j < row.Fields.Length; j++) row.Fields[j] = _numbers.Normalize(row.Fields[j]);
        if (row.Fields.Length != ColumnNames.Length)
            throw new DataFormatException(
                $"the record has {row.Fields.Length} field(s) but {(Dialect.HasHeader ? "the header has" : "the first record has")} {ColumnNames.Length} " +
                $"(delimiter '{CsvTokenizer.Show(Dialect.Delimiter)}'); a field containing the delimiter must be quoted",
                _source, row.Line);
        return row;
    }
}
