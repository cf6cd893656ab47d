using System.Text;
using Nabla.NN.Training;

namespace Nabla.NN.Tests.Training;

/// <summary>
/// The JSON the commands print or write beside a run (evaluate and compare summaries, config.json), byte for byte as the
/// CLI wrote it by hand before it moved into the library: key order, 6-decimal metrics, null for a metric that is not finite.
/// </summary>
public class RunJsonTests
{
    [Fact]
    public void EvaluationSummary_ToJson_MetricsAtTopLevelThenClasses()
    {
        var summary = new EvaluationSummary
        {
            Model = "runs/a",
            Data = "rows.csv",
            Rows = 3,
            Metrics = [new("loss", 0.1234567891), new("accuracy", double.NaN)],
            Classes = [new ClassMetrics("cat", 1, 0.5, 2.0 / 3, 3)],
        };
        const string expected = """
            {
              "model": "runs/a",
              "data": "rows.csv",
              "rows": 3,
              "loss": 0.123457,
              "accuracy": null,
              "classes": [
                {
                  "class": "cat",
                  "precision": 1,
                  "recall": 0.5,
                  "f1": 0.6666666666666666,
                  "support": 3
                }
              ]
            }
            """;
        Assert.Equal(expected.ReplaceLineEndings("\n"), summary.ToJson().ReplaceLineEndings("\n"));
        Assert.DoesNotContain("classes", (summary with { Classes = null }).ToJson());
    }

    [Fact]
    public void ComparisonSummary_ToJson_OneObjectPerRun()
    {
        var summary = new ComparisonSummary("runs/cmp", [new ComparisonRun("adam batch", "runs/cmp/adam-batch", 3, 0.25,
            TrainingSummary.Numbers(new Dictionary<string, double> { ["loss"] = 0.5, ["r2"] = double.NegativeInfinity }))]);
        const string expected = """
            {
              "output": "runs/cmp",
              "runs": [
                {
                  "label": "adam batch",
                  "output": "runs/cmp/adam-batch",
                  "epochs": 3,
                  "seconds": 0.25,
                  "test": {
                    "loss": 0.5,
                    "r2": null
                  }
                }
              ]
            }
            """;
        Assert.Equal(expected.ReplaceLineEndings("\n"), summary.ToJson().ReplaceLineEndings("\n"));
    }

    [Fact]
    public void RunConfig_ToJsonBytes_TextValuesInOrderNullsKept()
    {
        byte[] json = RunConfig.ToJsonBytes([new("dataset", "iris"), new("layers", "64,32"), new("target", null), new("out", "runs/x")]);
        const string expected = """
            {
              "dataset": "iris",
              "layers": "64,32",
              "target": null,
              "out": "runs/x"
            }
            """;
        Assert.Equal(expected.ReplaceLineEndings("\n"), Encoding.UTF8.GetString(json).ReplaceLineEndings("\n"));
        Assert.Throws<ArgumentException>(() => RunConfig.ToJsonBytes([new("lr", "0.1"), new("lr", "0.2")]));
    }
}
