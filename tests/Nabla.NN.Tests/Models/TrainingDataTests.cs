using Nabla.NN.Models;

namespace Nabla.NN.Tests.Models;

public class TrainingDataTests
{
    [Fact]
    public void Load_UnknownTask_ListsTheTasks()
    {
        var e = Assert.Throws<ArgumentException>(() => TrainingData.Load(new TrainingDataOptions { Dataset = "xor", Task = "multi" }));
        Assert.Equal("Unknown task 'multi'. Choices: auto, regression, binary, multiclass.", e.Message);
    }

    [Fact]
    public void Load_FileWithoutTarget_SaysWhichSettingIsMissing()
    {
        var e = Assert.Throws<ArgumentException>(() => TrainingData.Load(new TrainingDataOptions { Data = "people.csv" }));
        Assert.Equal("Data file 'people.csv' needs a target column to train on: set TrainingDataOptions.Target.", e.Message);
    }

    [Fact]
    public void Load_BuiltInTable_TargetsComeWithoutAnyNullCheck()
    {
        var data = TrainingData.Load(new TrainingDataOptions { Dataset = "xor", Task = "binary" });
        Assert.Equal(4, data.Split.Train.Count + (data.Split.Validation?.Count ?? 0) + (data.Split.Test?.Count ?? 0));
        Assert.Equal(data.Split.Train.Count, data.Split.Train.Targets.Size);
    }
}
