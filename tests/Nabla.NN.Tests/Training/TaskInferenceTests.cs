using Nabla.NN.Data;
using Nabla.NN.Training;

namespace Nabla.NN.Tests.Training;

public class TaskInferenceTests
{
    public static TheoryData<float[], int[], TaskKind, int> Cases => new()
    {
        { new float[] { 0, 1, 1, 0 }, new[] { 4 }, TaskKind.BinaryClassification, 2 },
        { new float[] { 0, 1, 1, 0 }, new[] { 4, 1 }, TaskKind.BinaryClassification, 2 },
        { new float[] { 0, 1, 2, 2, 1, 0 }, new[] { 6 }, TaskKind.MulticlassClassification, 3 },
        { new float[] { 0.5f, 1, 2, 3 }, new[] { 4 }, TaskKind.Regression, 0 },
        { new float[] { 25, 40, 346, 100 }, new[] { 4 }, TaskKind.Regression, 0 },    // counts, not classes (min is not 0)
        { new float[] { 0, 2, 2, 0 }, new[] { 4 }, TaskKind.Regression, 0 },          // a gap: class 1 missing
        { new float[] { 0, 1, 2 }, new[] { 3 }, TaskKind.Regression, 0 },             // as many classes as samples
        { new float[] { 1, 0, 0, 0, 1, 0, 0, 0, 1 }, new[] { 3, 3 }, TaskKind.MulticlassClassification, 3 }, // one-hot rows
        { new float[] { 1, 2, 3, 4 }, new[] { 2, 2 }, TaskKind.Regression, 0 },       // two regression outputs
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Infer_TargetTable_GivesKindAndClasses(float[] values, int[] shape, TaskKind kind, int classes)
    {
        var task = TaskInference.Infer(Tensor.FromArray(values, shape));
        Assert.Equal(kind, task.Kind);
        Assert.Equal(classes, task.NumClasses);
    }

    [Fact]
    public void Infer_NaNTarget_ThrowsNamingValue()
    {
        var e = Assert.Throws<ArgumentException>(() => TaskInference.Infer(Tensor.FromArray([0f, float.NaN])));
        Assert.Contains("not finite", e.Message);
    }
}
