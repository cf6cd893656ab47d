using Nabla.NN.Data;
using Nabla.NN.Models;
using Nabla.NN.Training;

namespace Nabla.NN.Tests.Data;

/// <summary>Issue 14 item 1: a regression target is standardised when fitted and decoded wherever values come out.</summary>
public class TargetScalingTests
{
    // price has mean 3000 and population std sqrt(((-1000)^2 + 0 + 1000^2) / 3) = 816.4966.
    private const string Houses = "rooms,price\n2,2000\n3,3000\n4,4000\n";

    [Fact]
    public void Fit_RegressionTarget_IsStandardisedAndDecodedBack()
    {
        var table = CsvTable.Parse(Houses);
        var p = Preprocessor.Fit(table, new PreprocessorOptions { TargetKind = TargetKind.Regression, Target = "price" });
        var scale = p.Target!.Scale!;
        Assert.Equal(3000, scale.Mean, 9);
        Assert.Equal(Math.Sqrt(2e6 / 3), scale.Std, 9);
        float z = (float)(1000 / Math.Sqrt(2e6 / 3));
        Assert.Equal(new[] { -z, 0, z }, p.Transform(table).Targets!);
        Assert.Equal(4000f, p.DecodeTarget(z), 2);

        // The scale survives the JSON, and the opt-out keeps today's raw targets.
        var q = Preprocessor.FromJson(p.ToJson());
        Assert.Equal(scale, q.Target!.Scale);
        var raw = Preprocessor.Fit(table, new PreprocessorOptions { TargetKind = TargetKind.Regression, Target = "price", StandardizeTarget = false });
        Assert.Null(raw.Target!.Scale);
        Assert.Equal([2000f, 3000, 4000], raw.Transform(table).Targets!);
        Assert.DoesNotContain("\"scale\"", raw.ToJson());
    }

    [Fact]
    public void FromJson_Version1WithoutScale_KeepsTargetsRaw()
    {
        var v1 = Preprocessor.Fit(CsvTable.Parse(Houses), new PreprocessorOptions { TargetKind = TargetKind.Regression, Target = "price", StandardizeTarget = false })
            .ToJson().Replace("\"version\": 2", "\"version\": 1");
        var p = Preprocessor.FromJson(v1);
        Assert.Null(p.Target!.Scale);
        Assert.Equal(1234f, p.DecodeTarget(1234f));
    }

    [Theory]
    [InlineData("people-regression")]
    [InlineData("people-multiclass")]
    [InlineData("cancer-binary")]
    public void FromJson_CheckedInVersion1Fixture_RoundTripsFieldForField(string model)
    {
        // The source-generated writer keeps version 1's shape: only the version number changes.
        using var card = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(Models.FixtureModelTests.Fixture(model), "model.json")));
        var original = card.RootElement.GetProperty("preprocessing");
        var p = Preprocessor.FromJson(original);
        Assert.Null(p.Target!.Scale);
        using var written = System.Text.Json.JsonDocument.Parse(p.ToJson().Replace("\"version\": 2", "\"version\": 1"));
        Assert.True(System.Text.Json.JsonElement.DeepEquals(original, written.RootElement), p.ToJson());
    }

    [Fact]
    public void Decode_Evaluation_ReportsErrorsInTheTargetsUnits()
    {
        var p = Preprocessor.Fit(CsvTable.Parse(Houses), new PreprocessorOptions { TargetKind = TargetKind.Regression, Target = "price" });
        float std = (float)p.Target!.Scale!.Std;
        // Predictions 0.1 standard deviations off on every row: 81.6 in price units.
        var outputs = Tensor.FromArray([-1.2247449f + 0.1f, 0.1f, 1.2247449f + 0.1f], 3, 1);
        var targets = Tensor.FromArray([-1.2247449f, 0f, 1.2247449f], 3);
        var task = new TaskSpec(TaskKind.Regression, 0, 1);
        var set = PredictionSet.FromOutputs(outputs, targets, task);
        var scaled = new Evaluation(0.01, new Dictionary<string, double> { ["mae"] = Metric.Mae.Compute(set), ["r2"] = Metric.R2.Compute(set) }, set);

        var e = TargetUnits.Decode(scaled, p, new MseLoss());
        Assert.Equal(0.1 * std, e.Metrics["mae"], 1);
        Assert.Equal(scaled.Metrics["r2"], e.Metrics["r2"], 4);
        Assert.Equal(0.01 * std * std, e.Loss, 0);
        Assert.Equal(2000f, e.Predictions.ActualValues[0], 1);
        Assert.Same(scaled, TargetUnits.Decode(scaled, null, new MseLoss()));
    }

    [Fact]
    public void Decode_ACustomMetric_IsRecomputedWhenGivenAndRefusedWhenNot()
    {
        var p = Preprocessor.Fit(CsvTable.Parse(Houses), new PreprocessorOptions { TargetKind = TargetKind.Regression, Target = "price" });
        float std = (float)p.Target!.Scale!.Std;
        var outputs = Tensor.FromArray([-1.2247449f + 0.1f, 0f, 1.2247449f - 0.3f], 3, 1);
        var targets = Tensor.FromArray([-1.2247449f, 0f, 1.2247449f], 3);
        var set = PredictionSet.FromOutputs(outputs, targets, new TaskSpec(TaskKind.Regression, 0, 1));
        var maxError = new MaxErrorMetric();
        var scaled = new Evaluation(0.01, new Dictionary<string, double> { ["max_error"] = maxError.Compute(set), ["mae"] = Metric.Mae.Compute(set) }, set);

        var e = TargetUnits.Decode(scaled, p, new MseLoss(), [maxError, Metric.Mae]);
        Assert.Equal(0.3 * std, e.Metrics["max_error"], 1);
        Assert.Equal(0.4 / 3 * std, e.Metrics["mae"], 1);
        var refused = Assert.Throws<ArgumentException>(() => TargetUnits.Decode(scaled, p, new MseLoss()));
        Assert.Contains("'max_error'", refused.Message);
    }

    /// <summary>A metric the library does not define: the largest absolute error.</summary>
    private sealed class MaxErrorMetric : Metric
    {
        public override string Name => "max_error";
        public override bool HigherIsBetter => false;
        public override bool Supports(TaskSpec task) => task.Kind == TaskKind.Regression;
        public override double Compute(PredictionSet predictions)
        {
            double max = 0;
            for (int i = 0; i < predictions.ActualValues.Length; i++)
                max = Math.Max(max, Math.Abs(predictions.PredictedValues[i] - predictions.ActualValues[i]));
            return max;
        }
    }
}
