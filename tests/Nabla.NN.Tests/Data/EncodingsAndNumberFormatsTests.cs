using System.Text;
using Nabla.NN.Data;

namespace Nabla.NN.Tests.Data;

/// <summary>Issue 14 item 3 through the library: text encodings, decimal commas and thousands separators, numeric-looking headers.</summary>
public class EncodingsAndNumberFormatsTests
{
    private const string Cafes = "drink,price,place\ncoffee,2.5,café\ntea,3.5,cafè\ncoffee,2.0,café\n";

    private static CsvTable Read(byte[] bytes, CsvOptions? options = null) => CsvTable.Read(new MemoryStream(bytes), options, "cafes.csv");

    [Fact]
    public void Encodings_Latin1Utf16AndUtf8_AreDetectedAndKeepValuesDistinct()
    {
        var latin1 = Read(Encoding.Latin1.GetBytes(Cafes));
        Assert.Equal(["café", "cafè", "café"], latin1.GetColumn("place"));
        Assert.True(latin1.Dialect.EncodingDetected);
        Assert.Equal(1252, latin1.Dialect.Encoding!.CodePage);

        var utf16 = Read([.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(Cafes)]);
        Assert.Equal(["café", "cafè", "café"], utf16.GetColumn("place"));
        var utf8Bom = Read([0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(Cafes)]);
        Assert.Equal("drink", utf8Bom.ColumnNames[0]);
        Assert.Equal(["café", "cafè", "café"], utf8Bom.GetColumn("place"));

        // Given explicitly, the encoding is used as is.
        Assert.Equal(["café", "cafè", "café"], Read(Encoding.Latin1.GetBytes(Cafes), new CsvOptions { Encoding = TextEncodings.Parse("latin1") }).GetColumn("place"));
        Assert.Throws<ArgumentException>(() => TextEncodings.Parse("klingon"));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Utf16_BytesThatDoNotDecode_AreRefusedNamingTheEncoding(bool mark)
    {
        // A lone high surrogate (D800) before a newline; with a byte-order mark StreamReader's own UTF-16 decoder
        // used to turn it into U+FFFD silently. Without a mark, an odd byte count at the end of the file.
        byte[] bytes = mark
            ? [0xFF, 0xFE, .. Encoding.Unicode.GetBytes("a,b\n1,"), 0x00, 0xD8, .. Encoding.Unicode.GetBytes("\n")]
            : [.. Encoding.Unicode.GetBytes("a,b\n1,2\n"), 0x6C];
        var ex = Assert.Throws<DataFormatException>(() => Read(bytes));
        Assert.Contains("cafes.csv", ex.Message);
        Assert.Contains("not valid UTF-16 LE", ex.Message);
        Assert.Contains("--encoding", ex.Message);
    }

    [Fact]
    public void Utf8_InvalidByteAfterTheSample_IsRefusedWithLineAndOffset()
    {
        var text = new StringBuilder("x,y\n");
        while (text.Length < 70_000) text.Append("1,a\n");
        int lines = text.ToString().Count(c => c == '\n');
        byte[] bytes = [.. Encoding.UTF8.GetBytes(text.ToString()), .. "2,caf"u8, 0xE9, .. "\n"u8];
        var ex = Assert.Throws<DataFormatException>(() => Read(bytes));
        Assert.Contains($"line {lines + 1}", ex.Message);
        Assert.Contains($"byte offset {bytes.Length - 2}", ex.Message);
        Assert.Contains("--encoding", ex.Message);
        // Told it is UTF-8, a Latin-1 file is refused rather than merged.
        Assert.Throws<DataFormatException>(() => Read(Encoding.Latin1.GetBytes(Cafes), new CsvOptions { Encoding = TextEncodings.Parse("utf-8") }));
    }

    [Fact]
    public void DecimalComma_IsDetectedWithSemicolons_GivenOrWarnedAbout()
    {
        var table = CsvTable.Parse("a;b;y\n3,5;1.234,5;x\n4,25;2.000;z\n-1;7;x\n");
        Assert.Equal(',', table.Dialect.DecimalSeparator);
        Assert.True(table.Dialect.DecimalDetected);
        Assert.Equal(["3.5", "4.25", "-1"], table.GetColumn("a"));
        Assert.Equal(["1234.5", "2000", "7"], table.GetColumn("b"));
        Assert.Equal(ColumnKind.Numeric, Preprocessor.Fit(table).Features[0].Kind);

        // '.' given: thousands commas go, as written otherwise.
        var dots = CsvTable.Parse("a;y\n\"1,234.5\";x\n2;z\n", new CsvOptions { DecimalSeparator = '.' });
        Assert.Equal(["1234.5", "2"], dots.GetColumn("a"));

        // Not detected (quoted in a comma file): the one-hot encoding is warned about, naming a flag that exists.
        var quoted = CsvTable.Parse("a,y\n\"3,5\",x\n\"4,5\",z\n\"5,5\",x\n");
        var pre = Preprocessor.Fit(quoted);
        Assert.Contains(pre.Warnings, w => w.Contains("--decimal ,"));
        Assert.Equal(["3.5", "4.5", "5.5"], CsvTable.Parse("a,y\n\"3,5\",x\n\"4,5\",z\n\"5,5\",x\n", new CsvOptions { DecimalSeparator = ',' }).GetColumn("a"));
    }

    [Fact]
    public void NumericLookingHeader_IsDetected_AndCanBeOverridden()
    {
        const string text = "2019,2020,label\n1.5,2.5,a\n3.5,4.5,b\n";
        var table = CsvTable.Parse(text);
        Assert.True(table.HasHeader);
        Assert.Equal(["2019", "2020", "label"], table.ColumnNames);
        Assert.False(CsvTable.Parse(text, new CsvOptions { HasHeader = false }).HasHeader);
        // Data whose first row is just data stays headerless.
        Assert.False(CsvTable.Parse("5,3.5,a\n6,2.5,b\n7,1.5,c\n").HasHeader);
    }

    [Fact]
    public void TransformFeatures_IgnoresABlankTarget()
    {
        var pre = Preprocessor.Fit(CsvTable.Parse("x,y\n1,a\n2,b\n3,a\n"));
        var e = pre.TransformFeatures(CsvTable.Parse("x,y\n4,\n5,b\n"));
        Assert.Null(e.Targets);
        Assert.Equal(2, e.RowCount);
        Assert.Throws<DataFormatException>(() => pre.Transform(CsvTable.Parse("x,y\n4,\n")));
    }
}
