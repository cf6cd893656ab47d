using Nabla.NN.Data;

namespace Nabla.NN.Tests.Data;

/// <summary>Issue #11 item 9: what a PyTorch user writes first compiles and does what it says.</summary>
public class FirstProgramApiTests
{
    [Fact]
    public void Loader_DeconstructsIntoFeaturesAndTargets()
    {
        var data = new TensorDataset(Tensor.FromArray([1f, 2f, 3f, 4f, 5f, 6f], 3, 2), Tensor.FromArray([0f, 1f, 0f], 3));
        var loader = new DataLoader(data, batchSize: 2);
        int rows = 0;
        foreach (var (x, y) in loader)
        {
            Assert.Equal(x.Shape[0], y.Shape[0]);
            rows += x.Shape[0];
        }
        Assert.Equal(3, rows);
    }

    [Fact]
    public void CsvSource_FromText_ReadsLikeAFile()
    {
        var source = CsvSource.FromText("a,b\n1,x\n2,\"y,z\"\n", "inline.csv");
        Assert.Equal(["a", "b"], source.ColumnNames);
        Assert.Equal(["2", "y,z"], source.EnumerateRows().Last().Fields);
        Assert.Equal("inline.csv", source.SourceName);
    }

    [Fact]
    public void CsvText_Quote_QuotesDelimitersQuotesAndLineBreaks()
    {
        Assert.Equal("plain", CsvText.Quote("plain"));
        Assert.Equal("\"a,b\"", CsvText.Quote("a,b"));
        Assert.Equal("\"say \"\"hi\"\"\"", CsvText.Quote("say \"hi\""));
        Assert.Equal("\"two\nlines\"", CsvText.Quote("two\nlines"));
        Assert.Equal("\"cr\rhere\"", CsvText.Quote("cr\rhere"));
    }
}
