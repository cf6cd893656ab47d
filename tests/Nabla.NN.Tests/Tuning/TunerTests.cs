using Nabla.NN.Data;
using Nabla.NN.Training;
using Nabla.NN.Tests.Training;
using Nabla.NN.Tuning;

namespace Nabla.NN.Tests.Tuning;

public class TunerTests
{
    private static readonly SearchSpace Tiny = new()
    {
        Widths = [4, 8], Depths = [1, 2], LearningRates = [0.01f, 0.05f], WeightDecays = [0f], BatchSizes = [8, 16],
    };

    private static Leaderboard Run(ulong seed, int parallelism, int folds = 0)
    {
        var split = DatasetSplit.Split(TrainingData.Blobs(12, seed: 2), 0.3, 0, seed: 3);
        var tuner = new Tuner(new TunerOptions { Space = Tiny, Trials = 4, Seed = seed, MaxEpochs = 8, Patience = 3, Parallelism = parallelism, Folds = folds });
        return tuner.Run(split.Train, new TaskSpec(TaskKind.MulticlassClassification, 3, 1), split.Validation);
    }

    [Fact]
    public void SameSeed_SameLeaderboard_WhateverTheParallelism()
    {
        string once = Run(7, parallelism: 2).ToCsv();
        Assert.Equal(once, Run(7, parallelism: 2).ToCsv());
        Assert.Equal(once, Run(7, parallelism: 1).ToCsv());
        Assert.NotEqual(once, Run(8, parallelism: 2).ToCsv());
    }

    [Fact]
    public void KFold_ScoresEveryTrial_BestFirst()
    {
        var board = Run(1, parallelism: 2, folds: 3);
        Assert.Equal(4, board.Trials.Count);
        Assert.Equal("accuracy", board.Metric);
        Assert.True(board.Trials.Zip(board.Trials.Skip(1)).All(p => p.First.Score >= p.Second.Score));
        Assert.StartsWith("rank,trial,width,depth,lr,weight_decay,batch_size,accuracy,", board.ToCsv());
    }

    [Fact]
    public void Grid_VisitsEveryPoint_AndRandomDrawsDistinctOnes()
    {
        Assert.Equal(16, new Tuner(new TunerOptions { Space = Tiny, Strategy = SearchStrategy.Grid }).Points().Count);
        var random = new Tuner(new TunerOptions { Space = Tiny, Trials = 10, Seed = 3 }).Points();
        Assert.Equal(10, random.Distinct().Count());
    }

    [Fact]
    public void NoValidationAndNoFolds_IsAClearError()
    {
        var e = Assert.Throws<ArgumentException>(() => new Tuner(new TunerOptions { Space = Tiny }).Run(TrainingData.Blobs(4, 1), new TaskSpec(TaskKind.MulticlassClassification, 3, 1)));
        Assert.Contains("Folds", e.Message);
    }
}
