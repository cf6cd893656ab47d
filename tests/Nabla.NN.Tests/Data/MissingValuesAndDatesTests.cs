using Nabla.NN.Data;

namespace Nabla.NN.Tests.Data;

/// <summary>Issue 14 item 2 through the library: imputation per run and per column, unknown categories, dropped columns, dates.</summary>
public class MissingValuesAndDatesTests
{
    // x: 1, 2, 3, 10, missing (mean 4, median 2.5); city: Paris x2, Rome, missing, Rome... most frequent Paris (tie to ordinal).
    private const string Gappy =
        "x,city,when,y\n" +
        "1,Paris,2024-01-01,a\n" +
        "2,Rome,2024-03-15,b\n" +
        "3,Paris,2024-06-30,a\n" +
        "10,,2024-12-31,b\n" +
        ",Oslo,,a\n";


    [Fact]
    public void Impute_RunWideAndPerColumn_FillsAsAsked()
    {
        var table = CsvTable.Parse(Gappy);
        var options = new PreprocessorOptions
        {
            Target = "y", Standardize = false, MissingValues = MissingValuePolicy.ImputeMedian,
            ColumnMissingValues = new Dictionary<string, Imputation> { ["city"] = Imputation.Parse("constant:unknown") },
        };
        var pre = Preprocessor.Fit(table, options);
        Assert.Equal("2.5", pre.Features[0].FillValue);                      // median of 1, 2, 3, 10
        Assert.Equal(["Oslo", "Paris", "Rome", "unknown"], pre.Features[1].Categories); // the constant is a category
        var e = pre.Transform(table);
        Assert.Equal(3, e.ImputedCount);                                     // x and when on row 5, city on row 4
        Assert.Equal(2.5f, e.Features[4 * e.FeatureCount]);                 // row 5's x
        int unknownAt = e.FeatureNames.ToList().IndexOf("city=unknown");
        Assert.Equal(1f, e.Features[3 * e.FeatureCount + unknownAt]);       // row 4's city

        // The fill values travel with the JSON; mean and most-frequent and constant numbers too.
        var again = Preprocessor.FromJson(pre.ToJson());
        Assert.Equal(e.Features, again.Transform(table).Features);
        Assert.Equal("4", Preprocessor.Fit(table, new PreprocessorOptions { Target = "y", MissingValues = MissingValuePolicy.ImputeMean }).Features[0].FillValue);
        Assert.Equal("-1", Preprocessor.Fit(table, new PreprocessorOptions { Target = "y", MissingValues = MissingValuePolicy.ImputeConstant, MissingValueConstant = "-1", ColumnMissingValues = new Dictionary<string, Imputation> { ["city"] = new(MissingValuePolicy.ImputeMostFrequent) } }).Features[0].FillValue);

        // Without imputation, the refusal names a flag that exists.
        var ex = Assert.Throws<DataFormatException>(() => Preprocessor.Fit(table, new PreprocessorOptions { Target = "y" }));
        Assert.Contains("--impute", ex.Message);
        Assert.Throws<ArgumentException>(() => Preprocessor.Fit(table, new PreprocessorOptions { Target = "y", MissingValues = MissingValuePolicy.ImputeMean, ColumnMissingValues = new Dictionary<string, Imputation> { ["x"] = Imputation.Parse("constant:abc") } }));
        // A fill beyond float32 would be refused by the encoder at every missing value it replaced: refused when fitting.
        var big = Assert.Throws<ArgumentException>(() => Preprocessor.Fit(table, new PreprocessorOptions { Target = "y", MissingValues = MissingValuePolicy.ImputeMean, ColumnMissingValues = new Dictionary<string, Imputation> { ["x"] = Imputation.Parse("constant:1e300") } }));
        Assert.Contains("finite float32 number", big.Message);
    }

    [Fact]
    public void Imputation_ParseList_ReadsRunWideAndPerColumnStrategies()
    {
        var (all, columns) = Imputation.ParseList(["median", "city=most-frequent", "age=constant:0"]);
        Assert.Equal(MissingValuePolicy.ImputeMedian, all!.Policy);
        Assert.Equal(new Imputation(MissingValuePolicy.ImputeConstant, "0"), columns["age"]);
        Assert.Throws<FormatException>(() => Imputation.ParseList(["avg"]));
        Assert.Throws<FormatException>(() => Imputation.ParseList(["mean", "median"]));
    }

    [Fact]
    public void Dates_AreExpanded_DroppedOrOneHot_AndDropRemovesColumns()
    {
        var table = CsvTable.Parse(Gappy);
        var pre = Preprocessor.Fit(table, new PreprocessorOptions { Target = "y", MissingValues = MissingValuePolicy.ImputeMostFrequent, Drop = ["city"], Standardize = false });
        Assert.Equal(["x", "when.year", "when.month", "when.day", "when.weekday"], pre.FeatureNames);
        var e = pre.Transform(table);
        // 2024-03-15 is a Friday (Monday 0): row 2.
        Assert.Equal(new[] { 2f, 2024, 3, 15, 4 }, e.Features.AsSpan(5, 5).ToArray());
        Assert.Contains(pre.Warnings, w => w.Contains("--dates drop"));
        Assert.Equal(pre.FeatureNames, Preprocessor.FromJson(pre.ToJson()).FeatureNames);

        var dropped = Preprocessor.Fit(table, new PreprocessorOptions { Target = "y", MissingValues = MissingValuePolicy.ImputeMean, Dates = DateColumnPolicy.Drop, Drop = ["city"] });
        Assert.Equal(["x"], dropped.FeatureNames);
        var oneHot = Preprocessor.Fit(table, new PreprocessorOptions { Target = "y", MissingValues = MissingValuePolicy.ImputeMean, Dates = DateColumnPolicy.Categorical, Drop = ["city"] });
        Assert.Equal(5, oneHot.FeatureCount);
        Assert.Throws<ArgumentException>(() => Preprocessor.Fit(table, new PreprocessorOptions { Target = "y", Drop = ["nope"] }));

        // Times add hour and minute; a non-date at prediction names the line.
        var timed = Preprocessor.Fit(CsvTable.Parse("t,y\n2024-01-01T08:30,1.5\n2024-01-02 17:45:10,2.5\n"), new PreprocessorOptions { Target = "y" });
        Assert.Equal(6, timed.FeatureCount);
        var bad = Assert.Throws<DataFormatException>(() => timed.Transform(CsvTable.Parse("t,y\nyesterday,1\n")));
        Assert.Contains("not a date", bad.Message);
    }

    [Fact]
    public void Parquet_ImputeUnknownAndDates_WorkAsForCsv()
    {
        string path = Path.Combine(Path.GetTempPath(), $"nabla-impute-{Guid.NewGuid():N}.parquet");
        try
        {
            using (var stream = File.Create(path))
            using (var w = new ParquetTableWriter(stream, [("x", true), ("city", false), ("when", false), ("y", false)]))
                w.WriteRowGroup([new[] { 1.0, 2, 3, 4 }, new[] { "Paris", "", "Rome", "Paris" }, new[] { "2024-01-01", "2024-02-01", "2024-03-01", "2024-04-01" }, new[] { "a", "b", "a", "b" }]);
            var pre = Preprocessor.Fit(ParquetSource.FromFile(path), new PreprocessorOptions
            {
                Target = "y", MissingValues = MissingValuePolicy.ImputeMostFrequent, UnknownCategories = UnknownCategoryPolicy.Ignore,
            });
            Assert.Equal(["x", "city=Paris", "city=Rome", "when.year", "when.month", "when.day", "when.weekday"], pre.FeatureNames);
            var e = pre.Transform(CsvTable.Parse("x,city,when\n5,Berlin,2024-05-01\n"));
            Assert.Equal(1, e.UnknownCategoryCount);
            Assert.Equal([0f, 0f], e.Features.AsSpan(1, 2).ToArray());
        }
        finally { File.Delete(path); }
    }
}
