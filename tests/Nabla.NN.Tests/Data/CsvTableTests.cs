using System.Text;
using Nabla.NN.Data;

namespace Nabla.NN.Tests.Data;

public class CsvTableTests
{
    public static TheoryData<string, string, char, bool, int> Dialects() => new()
    {
        { "comma with header", "a,b,c\n1,2,3\n4,5,6\n", ',', true, 3 },
        { "semicolon", "x;y\n1,5;2\n3;4\n", ';', true, 2 },
        { "tab", "x\ty\n1\t2\n3\t4\n", '\t', true, 2 },
        { "pipe", "x|y|z\n1|2|3\n", '|', true, 3 },
        { "whitespace like diabetes", "59 2 32.1  101.0\n48 1 21.6 87.0\n", CsvOptions.Whitespace, false, 4 },
        { "no header all numeric", "1,2\n3,4\n", ',', false, 2 },
        { "text header over text data", "name,colour\nann,red\nbob,blue\n", ',', true, 2 },
        { "comma beats spaces", "a, b\n1, 2\n", ',', true, 2 },
    };

    [Theory]
    [MemberData(nameof(Dialects))]
    public void Read_Dialect_IsDetected(string situation, string text, char delimiter, bool header, int columns)
    {
        var t = CsvTable.Parse(text);
        Assert.True(t.Dialect.Delimiter == delimiter, $"{situation}: delimiter '{t.Dialect.Delimiter}'");
        Assert.True(t.HasHeader == header, $"{situation}: header {t.HasHeader}");
        Assert.Equal(columns, t.ColumnCount);
    }

    [Fact]
    public void Read_QuotedFields_KeepDelimitersQuotesAndNewlines()
    {
        const string text = "id,comment\r\n1,\"a, b\"\r\n2,\"she said \"\"hi\"\"\"\r\n3,\"two\nlines\"\r\n4,\r\n";
        var t = CsvTable.Parse(text);
        Assert.Equal(["a, b", "she said \"hi\"", "two\nlines", ""], t.GetColumn("comment"));
        Assert.Equal([2L, 3, 4, 6], t.Rows.Select(r => r.Line));
    }

    [Fact]
    public void Read_Utf8BomAndCrOnlyLineEnds_AreHandled()
    {
        byte[] bytes = [.. Encoding.UTF8.GetPreamble(), .. "név,ár\r1,2\r3,4"u8.ToArray()];
        var t = CsvTable.Read(new MemoryStream(bytes));
        Assert.Equal(["név", "ár"], t.ColumnNames);
        Assert.Equal(2, t.RowCount);
    }

    [Fact]
    public void Read_GzippedContent_IsDetectedByMagicBytes()
    {
        var t = CsvTable.Read(new MemoryStream(IdxTests.Gzip("a,b\n1,2\n"u8.ToArray())));
        Assert.Equal("2", t[0, 1]);
    }

    public static TheoryData<string, string, CsvOptions?, string> BadFiles() => new()
    {
        { "ragged row", "a,b\n1,2\n3\n", null, "line 3: the record has 1 field(s) but the header has 2" },
        { "unclosed quote", "a,b\n1,\"oops\n2,3\n", null, "line 2, column 2: quoted field opened on line 2 is never closed" },
        { "text after quote", "a,b\n1,\"x\"y\n", null, "unexpected character 'y' after the closing quote of field 2" },
        { "duplicate header", "a,a\nx,1\n", new CsvOptions { HasHeader = true }, "column name \"a\" appears twice" },
        { "line too long", "a,b\n1," + new string('9', 500) + "\n", new CsvOptions { MaxRecordLength = 100 }, "longer than the limit of 100 characters" },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public void Read_BadFile_ThrowsDataFormatExceptionWithLocation(string situation, string text, CsvOptions? options, string expected)
    {
        var ex = Assert.Throws<DataFormatException>(() => CsvTable.Parse(text, options, "bad.csv"));
        Assert.True(ex.Message.Contains(expected, StringComparison.Ordinal), $"{situation}: {ex.Message}");
        Assert.StartsWith("bad.csv: line ", ex.Message);
    }

    [Fact]
    public void Read_HugeLineInStream_FailsWithoutReadingItAll()
    {
        // 64 MB of one line, produced lazily: the reader must stop at the limit, not buffer the line.
        var stream = new EndlessLineStream(64L << 20);
        var ex = Assert.Throws<DataFormatException>(() => CsvTable.Read(stream, new CsvOptions { Delimiter = ',', HasHeader = false, MaxRecordLength = 1 << 16 }));
        Assert.Contains("longer than the limit", ex.Message);
        Assert.True(stream.Served < 1 << 20, $"read {stream.Served} bytes");
    }

    [Fact]
    public void CsvSource_TwoPasses_ReReadTheFile()
    {
        string path = Path.Combine(Path.GetTempPath(), $"nabla-src-{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, "x;y\n1;a\n2;b\n");
        try
        {
            var src = CsvSource.FromFile(path);
            Assert.Equal(';', src.Dialect.Delimiter);
            Assert.Equal(2, src.EnumerateRows().Count());
            Assert.Equal(["2", "b"], src.EnumerateRows().Last().Fields);
        }
        finally { File.Delete(path); }
    }

    private sealed class EndlessLineStream(long length) : Nabla.Fuzzing.ReadOnlyTestStream
    {
        public long Served;
        public override int Read(Span<byte> buffer)
        {
            int n = (int)Math.Min(buffer.Length, length - Served);
            buffer[..n].Fill((byte)'7');
            Served += n;
            return n;
        }
    }
}
