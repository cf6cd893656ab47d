using Nabla.NN.Data;

namespace Nabla.NN.Tests.Data;

public class BuiltInDatasetsTests
{
    public static TheoryData<string, int, int, int?> Shipped() => new()
    {
        // name, samples, features, classes (null = regression)
        { "iris", 150, 4, 3 },
        { "breast-cancer", 569, 30, 2 },
        { "digits", 1797, 64, 10 },
        { "diabetes", 442, 10, null },
    };

    [Theory]
    [MemberData(nameof(Shipped))]
    public void ByName_ShippedSet_HasDocumentedShapeAndCitation(string name, int count, int features, int? classes)
    {
        var d = BuiltInDatasets.ByName(name);
        Assert.Equal((count, features), (d.Count, d.FeatureCount));
        Assert.Equal(classes, d.ClassNames?.Count);
        Assert.Contains("BSD-3-Clause", d.License);
        Assert.False(string.IsNullOrWhiteSpace(d.Citation));
        Assert.All(d.Features, v => Assert.True(float.IsFinite(v)));
        if (classes is int k) Assert.All(d.Targets, t => Assert.InRange(t, 0, k - 1));
    }

    [Fact]
    public void Iris_FirstRowAndClassCounts_MatchTheFile()
    {
        var d = BuiltInDatasets.Iris();
        Assert.Equal(new[] { 5.1f, 3.5f, 1.4f, 0.2f }, d.Features[..4]);
        Assert.Equal(["setosa", "versicolor", "virginica"], d.ClassNames);
        Assert.Equal([50, 50, 50], d.Targets.GroupBy(t => t).OrderBy(g => g.Key).Select(g => g.Count()));
    }

    [Fact]
    public void BreastCancer_ClassBalance_Is212MalignantAnd357Benign()
    {
        var d = BuiltInDatasets.BreastCancer();
        Assert.Equal(212, d.Targets.Count(t => t == 0));
        Assert.Equal("malignant", d.ClassNames![0]);
        Assert.Equal("mean radius", d.FeatureNames[0]);
        Assert.Equal("worst fractal dimension", d.FeatureNames[29]);
    }

    [Fact]
    public void Diabetes_FirstRow_IsUnscaledOriginalUnits()
    {
        var d = BuiltInDatasets.Diabetes();
        Assert.Equal(new[] { 59f, 2, 32.1f, 101, 157, 93.2f, 38, 4, 4.8598f, 87 }, d.Features[..10]);
        Assert.Equal(151f, d.Targets[0]);
    }

    [Fact]
    public void Generators_SameSeed_SameData_DifferentSeed_DifferentData()
    {
        Assert.Equal(BuiltInDatasets.Moons(new Rng(3)).Features, BuiltInDatasets.Moons(new Rng(3)).Features);
        Assert.NotEqual(BuiltInDatasets.Moons(new Rng(3)).Features, BuiltInDatasets.Moons(new Rng(4)).Features);
        Assert.Equal(BuiltInDatasets.Spirals(new Rng(1)).Features, BuiltInDatasets.Spirals(new Rng(1)).Features);
    }

    [Fact]
    public void Moons_NoNoise_PointsLieOnTheTwoHalfCircles()
    {
        var d = BuiltInDatasets.Moons(new Rng(0), count: 50, noise: 0);
        for (int i = 0; i < d.Count; i++)
        {
            float x = d.Features[2 * i], y = d.Features[2 * i + 1];
            // class 0: x^2 + y^2 = 1, y >= 0; class 1: (x - 1)^2 + (y - 0.5)^2 = 1, y <= 0.5
            double r = d.Targets[i] == 0 ? x * x + y * y : (x - 1) * (x - 1) + (y - 0.5) * (y - 0.5);
            Assert.Equal(1.0, r, 5);
        }
        Assert.Equal(25, d.Targets.Count(t => t == 1));
    }

    [Fact]
    public void Spirals_KClasses_HasBalancedLabelsInsideUnitDisc()
    {
        var d = BuiltInDatasets.Spirals(new Rng(5), pointsPerClass: 40, classes: 4);
        Assert.Equal(160, d.Count);
        Assert.Equal(4, d.ClassNames!.Count);
        for (int i = 0; i < d.Count; i++)
            Assert.True(d.Features[2 * i] * d.Features[2 * i] + d.Features[2 * i + 1] * d.Features[2 * i + 1] <= 1.0001f);
    }

    [Fact]
    public void Xor_TruthTable_IsExact()
    {
        var d = BuiltInDatasets.Xor();
        Assert.Equal(new[] { 0f, 1, 1, 0 }, d.Targets);
        var (x, y) = d.ToTensors();
        Assert.Equal(new Shape(4, 2), x.Shape);
        Assert.Equal(new Shape(4), y.Shape);
    }

    [Fact]
    public void HeightWeightBmi_TargetIsWeightOverHeightSquared()
    {
        var d = BuiltInDatasets.HeightWeightBmi(new Rng(2), 30);
        for (int i = 0; i < d.Count; i++)
        {
            double h = d.Features[2 * i] / 100.0, w = d.Features[2 * i + 1];
            Assert.Equal(w / (h * h), d.Targets[i], 3);
            Assert.InRange(d.Features[2 * i], 145f, 205f);
        }
    }

    [Fact]
    public void ByName_Unknown_ListsKnownNames()
    {
        var ex = Assert.Throws<ArgumentException>(() => BuiltInDatasets.ByName("cifar"));
        Assert.Contains("iris, digits, breast-cancer, diabetes, xor, moons, spirals, bmi", ex.Message);
    }

    [Fact]
    public void Preprocessor_BreastCancerCsvShape_EncodesWithoutError()
    {
        // The shipped CSV path end to end: the sklearn file minus its count line, read and encoded by the CSV stack.
        var d = BuiltInDatasets.BreastCancer();
        var lines = new List<string> { string.Join(",", d.FeatureNames.Select(n => "\"" + n + "\"")) + ",diagnosis" };
        for (int i = 0; i < d.Count; i++)
            lines.Add(string.Join(",", d.Features.Skip(i * 30).Take(30).Select(v => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture))) + "," + d.ClassNames![(int)d.Targets[i]]);
        var table = CsvTable.Parse(string.Join("\n", lines));
        var p = Preprocessor.Fit(table, new PreprocessorOptions { Target = "diagnosis" });
        var e = p.Transform(table);
        Assert.Equal(["benign", "malignant"], p.ClassNames);
        Assert.Equal(569 * 30, e.Features.Length);
        Assert.Equal(0.0, e.Features.Where((_, i) => i % 30 == 0).Average(v => (double)v), 4);   // standardised
    }
}
