using Nabla.NN.Training;

namespace Nabla.NN.Tests.Training;

public class MetricsTests
{
    // actual    = 0 0 0 1 1 2 2 2 2
    // predicted = 0 1 0 1 2 2 2 0 2
    // Confusion (rows actual, cols predicted):
    //   0: [2 1 0]   1: [0 1 1]   2: [1 0 3]
    // Precision: c0 = 2/3 (col 2+0+1), c1 = 1/2, c2 = 3/4; recall: c0 = 2/3, c1 = 1/2, c2 = 3/4.
    // F1 = P = R per class here; macro F1 = (2/3 + 1/2 + 3/4) / 3 = 23/36. Accuracy = 6/9.
    private static readonly int[] Actual = [0, 0, 0, 1, 1, 2, 2, 2, 2];
    private static readonly int[] Predicted = [0, 1, 0, 1, 2, 2, 2, 0, 2];

    [Fact]
    public void ConfusionMatrix_HandExample_CountsPairsRowsActual()
    {
        var m = Metrics.ConfusionMatrix(Predicted, Actual, 3);
        Assert.Equal(new long[,] { { 2, 1, 0 }, { 0, 1, 1 }, { 1, 0, 3 } }, m.ToArray());
        Assert.Equal(9, m.Total);
        Assert.Equal(4, m.Support(2));
        Assert.Equal(3, m.PredictedCount(0));
    }

    [Fact]
    public void PrecisionRecallF1_HandExample_MatchesDerivation()
    {
        Assert.Equal(6.0 / 9, Metrics.Accuracy(Predicted, Actual), 12);
        Assert.Equal([2.0 / 3, 0.5, 0.75], Metrics.PrecisionPerClass(Predicted, Actual, 3), Close);
        Assert.Equal([2.0 / 3, 0.5, 0.75], Metrics.RecallPerClass(Predicted, Actual, 3), Close);
        Assert.Equal([2.0 / 3, 0.5, 0.75], Metrics.F1PerClass(Predicted, Actual, 3), Close);
        Assert.Equal(23.0 / 36, Metrics.F1Macro(Predicted, Actual, 3), 12);
    }

    [Fact]
    public void F1_PrecisionDiffersFromRecall_IsHarmonicMean()
    {
        // actual 1 1 1 0, predicted 1 0 0 0: class 1 has P = 1/1, R = 1/3, F1 = 2 * 1 * 1/3 / (4/3) = 1/2.
        // class 0: P = 1/3, R = 1/1, F1 = 1/2. A class never predicted gets precision 0, not NaN.
        int[] actual = [1, 1, 1, 0], predicted = [1, 0, 0, 0];
        Assert.Equal([0.5, 0.5], Metrics.F1PerClass(predicted, actual, 2), Close);
        Assert.Equal([1.0 / 3, 1.0, 0.0], Metrics.PrecisionPerClass(predicted, actual, 3), Close);
    }

    [Theory]
    // Perfect separation -> 1; perfectly inverted -> 0.
    [InlineData(new float[] { 0.1f, 0.2f, 0.8f, 0.9f }, new[] { 0, 0, 1, 1 }, 1.0)]
    [InlineData(new float[] { 0.9f, 0.8f, 0.2f, 0.1f }, new[] { 0, 0, 1, 1 }, 0.0)]
    // Pairs (pos, neg): positives {0.35, 0.8}, negatives {0.1, 0.4}: 0.35>0.1, 0.35<0.4, 0.8>0.1, 0.8>0.4 -> 3/4.
    [InlineData(new float[] { 0.1f, 0.4f, 0.35f, 0.8f }, new[] { 0, 0, 1, 1 }, 0.75)]
    // A tie between a positive and a negative counts 1/2: positives {0.5, 0.9}, negatives {0.5, 0.1} -> (0.5 + 1 + 1 + 1)/4.
    [InlineData(new float[] { 0.5f, 0.1f, 0.5f, 0.9f }, new[] { 0, 0, 1, 1 }, 0.875)]
    // All scores equal -> 1/2.
    [InlineData(new float[] { 0.3f, 0.3f, 0.3f }, new[] { 0, 1, 1 }, 0.5)]
    public void RocAuc_HandExamples_EqualsPairwiseProbability(float[] scores, int[] actual, double expected) =>
        Assert.Equal(expected, Metrics.RocAuc(scores, actual), 12);

    [Fact]
    public void RocAuc_RandomScores_MatchesQuadraticPairCount()
    {
        var rng = new Rng(7);
        var scores = new float[200];
        var labels = new int[200];
        for (int i = 0; i < 200; i++) { labels[i] = rng.NextInt(2); scores[i] = MathF.Round(rng.NextFloat() * 20) / 20 + labels[i] * 0.1f; }
        double wins = 0; long pairs = 0;
        for (int i = 0; i < 200; i++)
            for (int j = 0; j < 200; j++)
                if (labels[i] == 1 && labels[j] == 0) { pairs++; wins += scores[i] > scores[j] ? 1 : scores[i] == scores[j] ? 0.5 : 0; }
        Assert.Equal(wins / pairs, Metrics.RocAuc(scores, labels), 12);
    }

    [Fact]
    public void RocAuc_OneClassOnly_ThrowsNamingCounts()
    {
        var e = Assert.Throws<ArgumentException>(() => Metrics.RocAuc([0.1f, 0.2f], [1, 1]));
        Assert.Contains("2 positives, 0 negatives", e.Message);
    }

    [Fact]
    public void RegressionMetrics_HandExample_MatchDefinitions()
    {
        // y = [1, 2, 3, 4], yhat = [1, 3, 2, 6]: errors 0, 1, -1, 2 -> MSE = 6/4, MAE = 4/4, RMSE = sqrt(1.5).
        // mean y = 2.5, SS_tot = 2.25 + 0.25 + 0.25 + 2.25 = 5, SS_res = 6, R^2 = 1 - 6/5 = -0.2.
        float[] y = [1, 2, 3, 4], yhat = [1, 3, 2, 6];
        Assert.Equal(1.5, Metrics.Mse(yhat, y), 12);
        Assert.Equal(Math.Sqrt(1.5), Metrics.Rmse(yhat, y), 12);
        Assert.Equal(1.0, Metrics.Mae(yhat, y), 12);
        Assert.Equal(-0.2, Metrics.R2(yhat, y), 12);
        Assert.Equal(1.0, Metrics.R2(y, y), 12);
    }

    [Fact]
    public void R2_ConstantTarget_FollowsScikitLearnConvention()
    {
        Assert.Equal(1.0, Metrics.R2([2f, 2f], [2f, 2f]));
        Assert.Equal(0.0, Metrics.R2([1f, 3f], [2f, 2f]));
    }

    [Fact]
    public void Metrics_LengthMismatch_ThrowsNamingBothLengths()
    {
        var e = Assert.Throws<ArgumentException>(() => Metrics.Mse([1f, 2f], [1f]));
        Assert.Contains("2 values but actual has 1", e.Message);
        Assert.Throws<ArgumentException>(() => Metrics.ConfusionMatrix([0, 3], [0, 1], 3));
    }

    [Fact]
    public void PredictionSet_BinaryLogitsAndProbabilities_ThresholdAtZeroAndHalf()
    {
        var task = new TaskSpec(TaskKind.BinaryClassification, 2, 1);
        var targets = Tensor.FromArray([0f, 1f, 1f, 0f]);
        var logits = PredictionSet.FromOutputs(Tensor.FromArray([-1f, 0.5f, 0f, 2f], 4, 1), targets, task, OutputKind.Logits);
        Assert.Equal([0, 1, 0, 1], logits.PredictedLabels);
        var probs = PredictionSet.FromOutputs(Tensor.FromArray([0.2f, 0.5f, 0.7f, 0.4f], 4, 1), targets, task, OutputKind.Probabilities);
        Assert.Equal([0, 1, 1, 0], probs.PredictedLabels);
        var multi = PredictionSet.FromOutputs(Tensor.FromArray([1f, 3f, 2f, 5f, 0f, 0f], 2, 3), Tensor.FromArray([1f, 0f]),
            new TaskSpec(TaskKind.MulticlassClassification, 3, 1));
        Assert.Equal([1, 0], multi.PredictedLabels);
    }

    [Fact]
    public void ConfusionMatrix_Report_ListsClassesAccuracyAndMacroAverages()
    {
        var lines = Metrics.ConfusionMatrix(Predicted, Actual, 3).Report(["cat", "dog", "bird"]).Split('\n');
        Assert.Equal("         cat     0.6667     0.6667     0.6667          3", lines[1]);
        Assert.Equal("    accuracy" + new string(' ', 27) + "0.6667          9", lines[5]);
        Assert.StartsWith("   macro avg     0.6389", lines[6]);
    }

    private static readonly IEqualityComparer<double> Close = EqualityComparer<double>.Create((a, b) => Math.Abs(a - b) < 1e-12, _ => 0);
}
