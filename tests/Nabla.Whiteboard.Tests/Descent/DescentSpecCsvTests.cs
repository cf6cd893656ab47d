using Nabla.Whiteboard.Descent;

namespace Nabla.Whiteboard.Tests.Descent;

/// <summary><see cref="DescentSpec.FromCsv"/>: the table <c>nabla descend --data</c> traces.</summary>
public sealed class DescentSpecCsvTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("nabla-descent-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string text)
    {
        string path = Path.Combine(_dir, "table.csv");
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void FromCsv_TargetAnywhere_EveryOtherColumnIsAFeatureInRowOrder()
    {
        var spec = DescentSpec.FromCsv(Write("h,bmi,w\n160,21,60\n170,22.5,65\n"), "bmi");

        Assert.Equal(["h", "w"], spec.FeatureNames);
        Assert.Equal([160f, 60f, 170f, 65f], spec.Features);
        Assert.Equal([21f, 22.5f], spec.Targets);
        Assert.Equal(("bmi", "table.csv (2 rows)"), (spec.TargetName, spec.Source));
    }

    [Theory]
    [InlineData("h,w\n1,2\n", "has no column 'bmi'; its columns are h, w.")]
    [InlineData("bmi\n1\n", "has only the target column 'bmi'")]
    [InlineData("h,bmi\n", "has no data rows.")]
    [InlineData("h,bmi\n1,2\ntall,3\n", "line 3, column 'h': 'tall' is not a number (descend needs numeric columns).")]
    public void FromCsv_UnusableTable_NamesTheProblem(string text, string expected) =>
        Assert.Contains(expected, Assert.Throws<ArgumentException>(() => DescentSpec.FromCsv(Write(text), "bmi")).Message);
}
