using Nabla.NN.Data;

namespace Nabla.NN.Tests.Data;

public class PreprocessorTests
{
    private const string People =
        "age,city,income,label\n" +
        "20,Paris,1,yes\n" +
        "30,Rome,1,no\n" +
        "40,Paris,1,yes\n";

    [Fact]
    public void Fit_MixedColumns_StandardisesOneHotsAndEncodesLabels()
    {
        var p = Preprocessor.Fit(CsvTable.Parse(People));
        var e = p.Transform(CsvTable.Parse(People));

        // age: mean 30, population std sqrt(((-10)^2 + 0 + 10^2) / 3) = sqrt(200/3) = 8.1650
        float z = (float)(10 / Math.Sqrt(200.0 / 3));
        Assert.Equal(["age", "city=Paris", "city=Rome", "income"], e.FeatureNames);
        Assert.Equal(new[] { -z, 1, 0, 0, 0, 0, 1, 0, z, 1, 0, 0 }, e.Features);
        Assert.Equal(["no", "yes"], p.ClassNames);
        Assert.Equal([1f, 0, 1], e.Targets!);
        Assert.Equal("yes", p.DecodeLabel(1));
        // income is constant: centred, not divided by zero, and reported.
        Assert.True(p.Features[2].IsConstant);
        Assert.Contains(p.Warnings, w => w.Contains("\"income\" is constant"));
    }

    [Fact]
    public void ToJson_RoundTrip_GivesIdenticalEncoding()
    {
        var data = CsvTable.Parse(People);
        var p = Preprocessor.Fit(data, new PreprocessorOptions { Target = "label", MissingValues = MissingValuePolicy.ImputeMean });
        var q = Preprocessor.FromJson(p.ToJson());
        Assert.Equal(p.Transform(data).Features, q.Transform(data).Features);
        Assert.Equal(p.ToJson(), q.ToJson());
    }

    [Fact]
    public void Transform_PredictionFileWithoutTarget_EncodesFeaturesOnly()
    {
        var p = Preprocessor.Fit(CsvTable.Parse(People));
        var e = p.Transform(CsvTable.Parse("city,age,income\nRome,30,1\n"));   // other column order, no label
        Assert.Null(e.Targets);
        Assert.Equal(new[] { 0f, 0, 1, 0 }, e.Features);
    }

    [Fact]
    public void Transform_NoHeaderFileWithoutTarget_MatchesByPosition()
    {
        var p = Preprocessor.Fit(CsvTable.Parse("1,2,0\n3,4,1\n5,6,0\n"));
        var e = p.Transform(CsvTable.Parse("3,4\n"));
        Assert.Equal(new[] { 0f, 0 }, e.Features);
    }

    [Fact]
    public void Transform_UnknownCategory_ErrorsOrIgnoresAsAsked()
    {
        var strict = Preprocessor.Fit(CsvTable.Parse(People));
        var ex = Assert.Throws<DataFormatException>(() => strict.Transform(CsvTable.Parse("age,city,income\n20,Oslo,1\n", sourceName: "new.csv")));
        Assert.Equal("new.csv: line 2, column 2 (\"city\"): value \"Oslo\": unknown category: not seen when the preprocessor was fitted (known: Paris, Rome); use UnknownCategoryPolicy.Ignore (CLI --unknown-categories ignore) to encode it as all zeros", ex.Message);

        var lenient = Preprocessor.Fit(CsvTable.Parse(People), new PreprocessorOptions { UnknownCategories = UnknownCategoryPolicy.Ignore });
        var e = lenient.Transform(CsvTable.Parse("age,city,income\n30,Oslo,1\n"));
        Assert.Equal(new[] { 0f, 0, 0, 0 }, e.Features);
        Assert.Equal(1, e.UnknownCategoryCount);
    }

    [Fact]
    public void Fit_MissingValue_NamesRowAndColumnOrImputes()
    {
        const string text = "a,b,y\n1,x,0\n,x,1\n3,,0\n5,z,1\n";
        var ex = Assert.Throws<DataFormatException>(() => Preprocessor.Fit(CsvTable.Parse(text, sourceName: "m.csv")));
        Assert.StartsWith("m.csv: line 3, column 1 (\"a\"): missing value", ex.Message);
        Assert.Equal(3, ex.Line);
        Assert.Equal(1, ex.Column);

        var p = Preprocessor.Fit(CsvTable.Parse(text), new PreprocessorOptions { MissingValues = MissingValuePolicy.ImputeMean, Standardize = false });
        var e = p.Transform(CsvTable.Parse(text));
        // a: mean of 1, 3, 5 = 3 fills row 2; b: most frequent "x" fills row 3.
        Assert.Equal(new[] { 1f, 1, 0, 3, 1, 0, 3, 1, 0, 5, 0, 1 }, e.Features);
        Assert.Equal(2, e.ImputedCount);
    }

    [Theory]
    [InlineData("x,y\n1,0\ninf,1\n", "line 3, column 1 (\"x\"): value \"inf\": the number is infinite")]
    [InlineData("x,y\n1,a\n2,\n", "line 3, column 2 (\"y\"): the target is missing")]
    [InlineData("x,y\n1,0.5\n2,abc\n", "the target is a regression target")]
    [InlineData("x,y\n,0\n,1\n", "column 1 (\"x\"): the column has no values")]
    [InlineData("x,y\n1,a\n2,a\n", "the target has a single class")]
    public void Fit_BadData_ThrowsDataFormatException(string text, string expected)
    {
        var options = text.Contains("abc") ? new PreprocessorOptions { TargetKind = TargetKind.Regression } : null;
        var ex = Assert.Throws<DataFormatException>(() => Preprocessor.Fit(CsvTable.Parse(text), options));
        Assert.Contains(expected, ex.Message);
    }

    [Fact]
    public void Fit_TargetKinds_AreInferred()
    {
        var cls = Preprocessor.Fit(CsvTable.Parse("x,y\n1,10\n2,2\n3,10\n"));
        Assert.Equal(["2", "10"], cls.ClassNames);                     // numeric order, exact spelling
        var reg = Preprocessor.Fit(CsvTable.Parse("x,y\n1,0.5\n2,1.5\n"));
        Assert.Equal(TargetKind.Regression, reg.Target!.Kind);
        // A regression target is standardised (issue 14): mean 1, std 0.5; decoding gives the values back.
        var targets = reg.Transform(CsvTable.Parse("x,y\n1,0.5\n2,1.5\n")).Targets!;
        Assert.Equal([-1f, 1f], targets);
        Assert.Equal([0.5f, 1.5f], targets.Select(reg.DecodeTarget));
    }

    [Fact]
    public void Fit_ColumnSelection_ByNameAndIndex()
    {
        var t = CsvTable.Parse(People);
        var p = Preprocessor.Fit(t, new PreprocessorOptions { TargetIndex = 0, Features = ["income", "label"], TargetKind = TargetKind.Regression });
        Assert.Equal("age", p.Target!.Name);
        Assert.Equal(["income", "label=no", "label=yes"], p.FeatureNames);
        var ex = Assert.Throws<ArgumentException>(() => Preprocessor.Fit(t, new PreprocessorOptions { Target = "salary" }));
        Assert.Contains("the columns are: age, city, income, label", ex.Message);
    }

    [Fact]
    public void TransformBatches_LargeStreamedFile_YieldsBoundedBatches()
    {
        string path = Path.Combine(Path.GetTempPath(), $"nabla-big-{Guid.NewGuid():N}.csv");
        using (var w = new StreamWriter(path))
        {
            w.WriteLine("x,y");
            for (int i = 0; i < 25_000; i++) w.WriteLine($"{i % 100},{i % 3}");
        }
        try
        {
            var src = CsvSource.FromFile(path);
            var p = Preprocessor.Fit(src);
            var batches = p.TransformBatches(src, 10_000).ToList();
            Assert.Equal([10_000, 10_000, 5_000], batches.Select(b => b.RowCount));
            Assert.Equal(10_002, batches[1].FirstLine);
            Assert.Equal(49.5, p.Features[0].Mean, 9);
        }
        finally { File.Delete(path); }
    }

    [Theory]
    [InlineData("{}", "field \"format\" is missing")]
    [InlineData("[1]", "must be an object")]
    [InlineData("{\"format\":\"nabla-preprocessor\",\"version\":3}", "\"version\" 3 is not supported")]
    [InlineData("{not json", "not valid JSON")]
    public void FromJson_Malformed_ThrowsDataFormatException(string json, string expected)
    {
        var ex = Assert.Throws<DataFormatException>(() => Preprocessor.FromJson(json, "p.json"));
        Assert.Contains(expected, ex.Message);
    }

    [Fact]
    public void FromJson_RepeatedColumnOrFeature_ThrowsDataFormatException()
    {
        string json = Preprocessor.Fit(CsvTable.Parse("a,b,y\n1,2,0\n3,4,1\n2,5,0\n")).ToJson();
        // Columns "a", "a", "y" with features a@0 and a@1: consistent index by index, but encoding matches by name.
        var repeated = Assert.Throws<DataFormatException>(() => Preprocessor.FromJson(json.Replace("\"b\"", "\"a\""), "p.json"));
        Assert.Contains("column name \"a\" appears more than once", repeated.Message);
        var node = System.Text.Json.Nodes.JsonNode.Parse(json)!;
        var features = node["features"]!.AsArray();
        features.Add(features[0]!.DeepClone());
        var twice = Assert.Throws<DataFormatException>(() => Preprocessor.FromJson(node.ToJsonString(), "p.json"));
        Assert.Contains("feature \"a\" is listed twice", twice.Message);
    }
}
