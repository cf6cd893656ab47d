using Nabla.NN.Data;
using Nabla.NN.Models;

namespace Nabla.NN.Tests.Models;

/// <summary><see cref="ModelPackage.Evaluate"/> against an independent oracle: the labels and probabilities the Predictor gives for the same rows.</summary>
public class ModelPackageEvaluateTests
{
    private static readonly string Rows = FixtureModelTests.Fixture("cancer-rows.csv");

    /// <summary>The rows encoded with the package's own preprocessing, targets included.</summary>
    private static TensorDataset Labelled(ModelPackage package) => package.LabelledData(Rows);

    [Fact]
    public void Evaluate_LabelledRows_AccuracyAndLossAgreeWithThePredictions()
    {
        var package = ModelPackage.Load(FixtureModelTests.Fixture("cancer-binary"));

        var evaluation = package.Evaluate(Labelled(package), CancellationToken.None);

        var predictions = new Predictor(package).Predict(CsvSource.FromFile(Rows));
        var actual = CsvTable.Load(Rows).EnumerateRows().Select(r => r.Fields[^1]).ToArray();
        Assert.Contains(actual, a => a == "benign"); // both classes are present, so accuracy and loss are not trivially 0 or 1
        Assert.Equal(actual.Length, predictions.Count);
        int positive = package.Card.ClassNames!.ToList().IndexOf("malignant");
        double accuracy = predictions.Zip(actual).Count(p => p.First.Label == p.Second) / (double)actual.Length;
        // Binary cross-entropy of the predicted probabilities: -mean(y log p + (1 - y) log(1 - p)).
        double loss = -predictions.Zip(actual).Average(p =>
        {
            double q = p.First.Probabilities[positive];
            return p.Second == "malignant" ? Math.Log(q) : Math.Log(1 - q);
        });
        Assert.Equal(accuracy, evaluation.Summary()["accuracy"], 12);
        Assert.Equal(loss, evaluation.Loss, 4);
    }

    [Fact]
    public void Evaluate_Cancelled_Throws()
    {
        var package = ModelPackage.Load(FixtureModelTests.Fixture("cancer-binary"));
        Assert.ThrowsAny<OperationCanceledException>(() => package.Evaluate(Labelled(package), new CancellationToken(canceled: true)));
    }
}
