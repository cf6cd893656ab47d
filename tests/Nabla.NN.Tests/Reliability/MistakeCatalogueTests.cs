using Nabla.NN.Data;
using Nabla.NN.Optim;
using Nabla.NN.Training;

namespace Nabla.NN.Tests.Reliability;

/// <summary>
/// Issue #8, item 4: a catalogue of the mistakes people make with the public API. Each row does the mistake and
/// lists what the message must contain: the operation, the shapes or values involved, and words of the fix.
/// Adding a mistake is adding a row.
/// </summary>
[Collection(Nabla.NN.Tests.Reliability.ReliabilityCollection.Name)]
public class MistakeCatalogueTests
{
    /// <summary>One mistake: what is done, the exception type, and the fragments the message must contain.</summary>
    public sealed record Mistake(string Name, Action Do, Type Exception, string[] Operation, string[] Shapes, string[] Fix)
    {
        public override string ToString() => Name;
    }

    private static Tensor T(int[] shape, float fill = 0.5f) => Tensor.Full(fill, shape);

    private static Tensor Labels(params float[] v) => Tensor.FromArray(v, v.Length);

    private static Sequential Mlp(int inputs, int outputs) => new(new Dense(inputs, 8), new ReLU(), new Dense(8, outputs));

    private static TensorDataset Data(int n, int features, Func<int, float> target) =>
        new(Tensor.Randn(new Rng(1), n, features), Tensor.FromArray(Enumerable.Range(0, n).Select(target).ToArray(), n));

    public static readonly Mistake[] Catalogue =
    [
        new("wrong input width to Dense", () => new Dense(4, 3).Forward(T([2, 5])), typeof(ArgumentException),
            ["Dense(4 -> 3)"], ["[2, 5]"], ["must be 4"]),
        new("wrong input width deep in a Sequential", () => Mlp(4, 3).Forward(T([2, 6])), typeof(ArgumentException),
            ["Dense(4 -> 8)"], ["[2, 6]"], ["must be 4"]),
        new("regression targets [N] for outputs [N, 1]", () => new MseLoss().Forward(T([4, 1]), T([4])), typeof(ArgumentException),
            ["MseLoss"], ["[4, 1]", "[4]"], ["Reshape", "[4, 1]"]),
        new("targets of the wrong batch size", () => new MseLoss().Forward(T([4, 2]), T([5, 2])), typeof(ArgumentException),
            ["MseLoss"], ["[4, 2]", "[5, 2]"], ["same shape"]),
        new("class label out of range", () => new CrossEntropyLoss().Forward(T([3, 4]), Labels(0, 4, 1)), typeof(ArgumentException),
            ["CrossEntropyLoss"], ["class 4", "4 outputs"], ["0..3", "subtract 1"]),
        new("negative class label", () => new CrossEntropyLoss().Forward(T([3, 4]), Labels(0, -1, 1)), typeof(ArgumentException),
            ["CrossEntropyLoss"], ["-1"], ["0..3"]),
        new("fractional class label", () => new CrossEntropyLoss().Forward(T([2, 4]), Labels(0, 1.5f)), typeof(ArgumentException),
            ["CrossEntropyLoss"], ["1.5"], ["whole number"]),
        new("one-hot targets of the wrong width", () => new CrossEntropyLoss().Forward(T([3, 4]), T([3, 5], 0.2f)), typeof(ArgumentException),
            ["CrossEntropyLoss"], ["[3, 4]", "[3, 5]"], ["[3]", "[3, 4]"]),
        new("labels [N, 1] instead of [N]", () => new CrossEntropyLoss().Forward(T([3, 4]), Tensor.Zeros(3, 1)), typeof(ArgumentException),
            ["CrossEntropyLoss"], ["[3, 4]", "[3, 1]"], ["[3]"]),
        new("logits given to BceLoss (which wants probabilities)", () => new BceLoss().Forward(Tensor.FromArray([2.5f, -1f], 2), Labels(1, 0)), typeof(ArgumentException),
            ["BceLoss"], ["2.5"], ["Sigmoid", "BceWithLogitsLoss"]),
        new("probabilities given to a logits loss: model ends with Softmax, loss is CrossEntropyLoss",
            () => new Trainer(new Sequential(new Dense(3, 4), new Softmax(1)), new CrossEntropyLoss(), new Sgd(new Dense(1, 1).Parameters(), 0.1f))
                .Fit(Data(12, 3, i => i % 4), 1), typeof(InvalidOperationException),
            ["Softmax", "CrossEntropyLoss"], [], ["logits", "remove"]),
        new("probabilities given to a logits loss: model ends with Sigmoid, loss is BceWithLogitsLoss",
            () => new Trainer(new Sequential(new Dense(3, 1), new Sigmoid()), new BceWithLogitsLoss(), new Sgd(new Dense(1, 1).Parameters(), 0.1f))
                .Fit(Data(12, 3, i => i % 2), 1), typeof(InvalidOperationException),
            ["Sigmoid", "BceWithLogitsLoss"], [], ["logits", "remove"]),
        new("class count and output width disagree", () => new Trainer(Mlp(3, 2), new CrossEntropyLoss(), new Adam(Mlp(3, 2).Parameters()))
                .Fit(Data(12, 3, i => i % 3), 1), typeof(InvalidOperationException),
            ["Dense(8 -> 2)"], ["3 classes", "2 outputs"], ["needs 3 outputs"]),
        new("backward twice through a freed graph", () =>
            {
                var w = Tensor.Scalar(2f, requiresGrad: true);
                var loss = (w * w).Sum();
                loss.Backward();
                loss.Backward();
            }, typeof(InvalidOperationException), ["Backward"], [], ["retainGraph: true"]),
        new("backward from a non-scalar without a gradient", () =>
            {
                var w = Tensor.Ones(3); w.RequiresGrad = true;
                (w * 2f).Backward();
            }, typeof(InvalidOperationException), ["Backward"], ["[3]"], ["Sum()", "Mean()"]),
        new("backward on a tensor that does not require a gradient", () => (T([2]) * 2f).Sum().Backward(), typeof(InvalidOperationException),
            ["Backward"], [], ["RequiresGrad"]),
        new("optimizer with no parameters", () => new Adam(Array.Empty<Parameter>()), typeof(ArgumentException),
            ["Adam"], [], ["model.Parameters()"]),
        new("optimizer with a negative learning rate", () => new Sgd(Mlp(2, 1).Parameters(), -0.1f), typeof(ArgumentOutOfRangeException),
            ["Sgd"], ["-0.1"], [">= 0"]),
        new("matrix product of incompatible shapes", () => T([2, 3]).MatMul(T([4, 5])), typeof(ArgumentException),
            ["MatMul"], ["[2, 3]", "[4, 5]"], ["3", "4"]),
        new("broadcasting incompatible shapes", () => _ = T([2, 3]) + T([4]), typeof(ArgumentException),
            ["Add"], ["[2, 3]", "[4]"], ["broadcast"]),
        new("reshape to a different size", () => T([2, 3]).Reshape(4, 2), typeof(ArgumentException),
            ["Reshape"], ["[2, 3]", "[4, 2]"], ["6"]),
        new("Item() on a tensor with many values", () => T([2, 2]).Item(), typeof(InvalidOperationException),
            ["Item"], ["[2, 2]"], ["ToArray"]),
        new("loading a state dict with a wrong shape", () => new Dense(4, 3).LoadStateDict(new Dictionary<string, Tensor> { ["weight"] = T([3, 5]), ["bias"] = T([3]) }),
            typeof(ArgumentException), ["weight"], ["[3, 5]", "[3, 4]"], []),
        new("loading a state dict with a missing key", () => new Dense(4, 3).LoadStateDict(new Dictionary<string, Tensor> { ["weight"] = T([3, 4]) }),
            typeof(ArgumentException), ["bias"], [], ["missing"]),
        new("features and targets of different lengths", () => new TensorDataset(T([10, 3]), T([9])), typeof(ArgumentException),
            ["TensorDataset"], ["10", "9"], []),
        new("softmax over a dimension that does not exist", () => T([2, 3]).Softmax(2), typeof(ArgumentOutOfRangeException),
            ["Softmax(dim: 2)"], ["[2, 3]"], ["expected -2..1"]),
        new("mean over a dimension that does not exist", () => T([2, 3]).Mean(-3), typeof(ArgumentOutOfRangeException),
            ["Mean(dim: -3)"], ["[2, 3]"], ["expected -2..1"]),
    ];

    public static TheoryData<Mistake> Rows() => new(Catalogue);

    [Theory]
    [MemberData(nameof(Rows))]
    public void Mistake_MessageNamesOperationShapesAndFix(Mistake m)
    {
        var e = Assert.ThrowsAny<Exception>(m.Do);
        Assert.True(m.Exception.IsInstanceOfType(e), $"{m.Name}: expected {m.Exception.Name}, got {e.GetType().Name}: {e.Message}");
        foreach (string part in m.Operation.Concat(m.Shapes).Concat(m.Fix))
            Assert.True(e.Message.Contains(part, StringComparison.Ordinal), $"{m.Name}: the message does not contain \"{part}\":\n{e.Message}");
    }

    [Fact]
    public void Catalogue_CoversTheIssuesList()
    {
        // The six mistakes issue #8 names, plus the rest; the count is published in docs/RELIABILITY.md.
        Assert.True(Catalogue.Length >= 20, $"{Catalogue.Length} rows");
        Assert.Equal(Catalogue.Length, Catalogue.Select(m => m.Name).Distinct().Count());
    }
}
