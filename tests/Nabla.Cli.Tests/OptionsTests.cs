using Nabla.Cli.Options;
using Nabla.Cli.Parsing;

namespace Nabla.Cli.Tests;

public class OptionsTests
{
    private static RawOptions Raw(params string[] pairs)
    {
        var raw = new RawOptions();
        for (int i = 0; i < pairs.Length; i += 2) raw.Set(pairs[i], pairs[i + 1], "--" + pairs[i]);
        return raw;
    }

    [Fact]
    public void TrainOptions_NoArguments_AreTheDocumentedDefaults()
    {
        var o = TrainOptions.From(Raw());
        Assert.Equal("digits", o.Dataset);
        Assert.Null(o.Layers);   // sized from the training rows at run time
        Assert.Equal((1000, 20), (o.Epochs, o.EarlyStopping));
        Assert.Equal(("adam", "minibatch", 32, 42), (o.Optimizer, o.Mode, o.BatchSize, o.Seed));
        Assert.Null(o.Lr);
    }

    [Fact]
    public void TrainOptions_ChoicesAreCaseInsensitive_ReturnedAsSpelledInTheList()
    {
        var o = TrainOptions.From(Raw("optimizer", "AdamW", "activation", "Leaky-ReLU"));
        Assert.Equal("adamw", o.Optimizer);
        Assert.Equal("leaky-relu", o.Activation);
    }

    [Fact]
    public void TrainOptions_EmptyLayers_MeansLinearModel() =>
        Assert.Empty(TrainOptions.From(Raw("layers", "")).Layers!);

    [Fact]
    public void CompareOptions_Lists_TrainEveryCombination()
    {
        var raw = Raw("optimizers", "sgd,adam", "inits", "zeros,he-normal,normal");
        var runs = CompareOptions.From(raw).Variations();
        Assert.Equal(6, runs.Count);
        Assert.Equal("sgd zeros", runs[0].Label);
        Assert.Equal(("sgd", "zeros"), (runs[0].Options.Optimizer, runs[0].Options.Init));
        Assert.Equal("adam normal", runs[^1].Label);
        Assert.Equal(("adam", "normal"), (runs[^1].Options.Optimizer, runs[^1].Options.Init));
    }

    [Fact]
    public void ExplainOptions_At_KeepsOrderAndValues()
    {
        var raw = Raw("at", "w1=3, w2=-4.5,w3=5e-1");
        raw.Arguments.Add("z = (w2 - 2*w1)*w3");
        var o = ExplainOptions.From(raw);
        Assert.Equal(["w1", "w2", "w3"], o.At.Select(p => p.Key));
        Assert.Equal([3f, -4.5f, 0.5f], o.At.Select(p => p.Value));
    }

    [Theory]
    [InlineData("nan")]
    [InlineData("inf")]
    [InlineData("1e40")]
    public void RawOptions_NonFiniteNumber_IsRejected(string value)
    {
        var e = Assert.Throws<UsageException>(() => Raw("lr", value).GetFloatOrNull("lr"));
        Assert.Contains($"--lr: '{value}' is not a number.", e.Message);
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("no", false)]
    [InlineData("0", false)]
    public void RawOptions_Flag_AcceptsConfigSpellings(string value, bool expected) =>
        Assert.Equal(expected, Raw("quiet", value).GetFlag("quiet"));
}
