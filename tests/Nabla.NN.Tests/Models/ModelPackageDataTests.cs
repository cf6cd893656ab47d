using Nabla.NN.Data;
using Nabla.NN.Models;

namespace Nabla.NN.Tests.Models;

/// <summary><see cref="ModelPackageData"/>: the labelled data <c>nabla evaluate</c> scores a saved model on.</summary>
public class ModelPackageDataTests
{
    private static readonly string Rows = FixtureModelTests.Fixture("cancer-rows.csv");

    /// <summary>The cancer fixture as if it had been trained on <see cref="Rows"/> with these settings.</summary>
    private static ModelPackage TrainedOn(string data, params (string Key, string Value)[] settings)
    {
        var package = ModelPackage.Load(FixtureModelTests.Fixture("cancer-binary"));
        return package with { Card = package.Card with { Data = data, Settings = [.. settings.Select(s => KeyValuePair.Create(s.Key, s.Value))] } };
    }

    private static float[][] RowsOf(TensorDataset data)
    {
        var x = data.Features.AsSpan().ToArray();
        return [.. Enumerable.Range(0, data.Count).Select(i => x[(i * data.FeatureSize)..((i + 1) * data.FeatureSize)])];
    }

    [Fact]
    public void LabelledData_FileWithTarget_EncodesEveryRowWithItsLabel()
    {
        var package = TrainedOn(Rows);

        var data = package.LabelledData(Rows);

        var labels = CsvTable.Load(Rows).EnumerateRows().Select(r => r.Fields[^1]).ToArray();
        Assert.Equal((labels.Length, package.Card.Spec.Inputs), (data.Count, data.FeatureSize));
        Assert.Equal(labels, data.Targets.AsSpan().ToArray().Select(t => package.Card.ClassNames![(int)t]));
    }

    [Fact]
    public void LabelledData_FileWithoutTarget_NamesTheMissingColumn()
    {
        var package = ModelPackage.Load(FixtureModelTests.Fixture("people-multiclass"));
        var e = Assert.Throws<ArgumentException>(() => package.LabelledData(FixtureModelTests.Fixture("new-people.csv")));
        Assert.Contains("has no target column", e.Message);
        Assert.Throws<FileNotFoundException>(() => package.LabelledData("no-such-file.csv"));
    }

    [Fact]
    public void HeldOutData_CsvRun_IsTheValidationShareOfTheFileRows()
    {
        var package = TrainedOn(Rows, ("validation-split", "0.25"), ("seed", "3"));

        var heldOut = package.HeldOutData();

        var all = RowsOf(package.LabelledData(Rows));
        Assert.Equal(10, heldOut.Count); // round(40 * 0.25)
        Assert.All(RowsOf(heldOut), row => Assert.Contains(all, r => r.SequenceEqual(row)));
        Assert.Equal(RowsOf(heldOut), RowsOf(package.HeldOutData())); // the seed fixes the split
        Assert.NotEqual(RowsOf(heldOut), RowsOf(TrainedOn(Rows, ("validation-split", "0.25"), ("seed", "4")).HeldOutData()));
    }

    [Fact]
    public void HeldOutData_BuiltInDataSet_IsItsTestSplit()
    {
        var heldOut = TrainedOn("iris", ("seed", "5")).HeldOutData();

        var expected = TrainingData.Load(new TrainingDataOptions { Dataset = "iris", Seed = 5 }).Split.Test!;
        Assert.Equal(30, heldOut.Count);
        Assert.Equal(expected.Features.AsSpan().ToArray(), heldOut.Features.AsSpan().ToArray());
    }

    [Fact]
    public void HeldOutData_NothingHeldOutOrDataGone_SaysSo()
    {
        Assert.Contains("validation split 0", Assert.Throws<ArgumentException>(() => TrainedOn(Rows, ("validation-split", "0")).HeldOutData()).Message);
        Assert.Contains("is not available here", Assert.Throws<ArgumentException>(() => TrainedOn("gone/data.csv").HeldOutData()).Message);
    }
}
