using Nabla.NN.Data;

namespace Nabla.NN.Tests.Training;

/// <summary>Tests that reseed the process-wide default generator run alone, so no other test draws from it meanwhile.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class DefaultGeneratorCollection
{
    /// <summary>The collection's name.</summary>
    public const string Name = "default generator";
}

/// <summary>One rule for every object given no <see cref="Rng"/>: a generator drawn from the seedable default one.</summary>
[Collection(DefaultGeneratorCollection.Name)]
public class DefaultGeneratorTests
{
    private static TensorDataset Numbered(int n) =>
        new(Tensor.FromArray(Enumerable.Range(0, n).Select(i => (float)i).ToArray(), n, 1), Tensor.Zeros(n));

    private static float[] FirstEpoch(DataLoader loader) => loader.SelectMany(b => b.Features.ToArray()).ToArray();

    [Fact]
    public void ManualSeed_DenseWithoutRng_IsTheSeedsFirstFork()
    {
        Rng.ManualSeed(42);
        var implicitSeed = new Dense(4, 3);
        var explicitSeed = new Dense(4, 3, rng: new Rng(42).Fork());
        Assert.Equal(explicitSeed.Weight.Value.ToArray(), implicitSeed.Weight.Value.ToArray());
        Assert.Equal(explicitSeed.Bias!.Value.ToArray(), implicitSeed.Bias!.Value.ToArray());
    }

    [Fact]
    public void ManualSeed_ShufflingLoaderWithoutRng_ShufflesAndRepeatsPerSeed()
    {
        Rng.ManualSeed(7);
        var first = FirstEpoch(new DataLoader(Numbered(20), 4, shuffle: true));
        Rng.ManualSeed(7);
        var again = FirstEpoch(new DataLoader(Numbered(20), 4, shuffle: true));
        var seeded = FirstEpoch(new DataLoader(Numbered(20), 4, shuffle: true, rng: new Rng(7).Fork()));

        Assert.Equal(first, again);
        Assert.Equal(seeded, first);
        Assert.NotEqual(Enumerable.Range(0, 20).Select(i => (float)i), first);
        Assert.Equal(Enumerable.Range(0, 20).Select(i => (float)i), first.Order());
    }

    [Fact]
    public void DefaultGenerator_SuccessiveObjects_DrawDifferentStreams()
    {
        Rng.ManualSeed(3);
        Assert.NotEqual(new Dense(4, 3).Weight.Value.ToArray(), new Dense(4, 3).Weight.Value.ToArray());
    }

    [Fact]
    public void ToTensors_UnlabeledTable_SaysThereAreNoTargets()
    {
        var labeled = CsvTable.Parse("x,y\n1,a\n2,b\n");
        var pre = Preprocessor.Fit(labeled, new PreprocessorOptions { Target = "y" });
        var (x, y) = pre.Transform(labeled).ToTensors();
        Assert.Equal([2, 1], x.Shape.Dims);
        Assert.Equal([0f, 1f], y.ToArray());

        var unlabeled = pre.Transform(CsvTable.Parse("x\n3\n"));
        Assert.False(unlabeled.HasTargets);
        var e = Assert.Throws<InvalidOperationException>(() => unlabeled.ToTensors());
        Assert.Contains("this table has no targets", e.Message);
        Assert.Equal([1, 1], unlabeled.FeaturesTensor().Shape.Dims);
    }
}
