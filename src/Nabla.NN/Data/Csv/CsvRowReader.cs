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

    public CsvDialect Dialect { get; }
    public string[] ColumnNames { get; }

    public CsvRowReader(Stream stream, CsvOptions options, string? sourceName, CsvDialect? knownDialect)
    {
        _source = sourceName;
        Stream body = StreamUtil.MaybeGunzip(stream, out _);
        if (options.MemoryBudget is long budget) body = new MemoryBudget.CountingStream(body, budget, sourceName);
        // Invalid UTF-8 becomes U+FFFD rather than an exception: the value then fails to parse with a clear message.
        var reader = new StreamReader(body, new UTF8Encoding(false, false), detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
        var sample = new char[SampleChars];
        int n;
        try { n = reader.ReadBlock(sample, 0, sample.Length); }
        catch (InvalidDataException ex) { throw new DataFormatException($"the gzip data is corrupt: {ex.Message}", sourceName, inner: ex); }
        string prefix = new(sample, 0, n);
        if (prefix.Length > 0 && prefix[0] == '\uFEFF') prefix = prefix[1..];
        Dialect = knownDialect ?? CsvDialect.Detect(prefix, complete: n < SampleChars, options);
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
        if (row.Fields.Length != ColumnNames.Length)
            throw new DataFormatException(
                $"the record has {row.Fields.Length} field(s) but {(Dialect.HasHeader ? "the header has" : "the first record has")} {ColumnNames.Length} " +
                $"(delimiter '{CsvTokenizer.Show(Dialect.Delimiter)}'); a field containing the delimiter must be quoted",
                _source, row.Line);
        return row;
    }
}
