using System.Reflection;
using Nabla.Cli.Commands;
using Nabla.Cli.Options;
using Nabla.Cli.Parsing;
using Nabla.NN.Tuning;

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
    public void ShellCommands_RecordDefaultsHelpAndParsing_ComeFromOneDeclaration()
    {
        static string Help(IReadOnlyList<OptionSpec> specs, string name) => specs.Single(s => s.Name == name).Default!;
        var net = ExplainNetOptions.From(Raw("x", "1,2,3", "y", "1"));
        var blank = new ExplainNetOptions();
        Assert.Equal((blank.Activation, blank.Seed, blank.Loss, blank.Lr, blank.Precision, blank.Format),
            (net.Activation, net.Seed, net.Loss, net.Lr, net.Precision, net.Format));
        Assert.Equal(blank.Layers, net.Layers);
        Assert.Equal(("3,2,2,1", "0.1", "1", "sigmoid"),
            (Help(ExplainNetOptions.Specs, "layers"), Help(ExplainNetOptions.Specs, "lr"), Help(ExplainNetOptions.Specs, "seed"), Help(ExplainNetOptions.Specs, "activation")));

        var descend = DescendOptions.From(Raw());
        var plain = new DescendOptions();
        Assert.Equal((plain.Model, plain.Mode, plain.BatchSize, plain.Steps, plain.Seed, plain.Precision, plain.Format),
            (descend.Model, descend.Mode, descend.BatchSize, descend.Steps, descend.Seed, descend.Precision, descend.Format));
        Assert.Equal(("2", "5", "linear"), (Help(DescendOptions.Specs, "batch-size"), Help(DescendOptions.Specs, "steps"), Help(DescendOptions.Specs, "model")));
        Assert.Contains("leaky-relu", Assert.Single(CompareOptions.Specs, s => s.Name == "activations").Description);
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

    /// <summary>Every spec held by a static TypedOption field anywhere in the CLI: the only place an option may be declared.</summary>
    private static HashSet<OptionSpec> DeclaredSpecs() =>
        typeof(TypedOptions).Assembly.GetTypes()
            .SelectMany(t => t.GetFields(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            .Where(f => f.FieldType.IsGenericType && f.FieldType.GetGenericTypeDefinition() == typeof(TypedOption<>))
            .Select(f => (OptionSpec)f.FieldType.GetProperty(nameof(TypedOption<int>.Spec))!.GetValue(f.GetValue(null))!)
            .ToHashSet(ReferenceEqualityComparer.Instance as IEqualityComparer<OptionSpec>);

    [Fact]
    public void EveryCommandOption_IsDeclaredOnceAsATypedOption()
    {
        var declared = DeclaredSpecs();
        var handMade = CommandCatalog.All
            .SelectMany(c => c.Options.Append(CommandBuilder.Config).Append(CommandBuilder.Verbose).Select(o => (Command: c.Name, Option: o)))
            .Where(x => !declared.Contains(x.Option))
            .Select(x => $"{x.Command} --{x.Option.Name}")
            .ToArray();
        Assert.Empty(handMade);
        Assert.All(CommandCatalog.All, c => Assert.Equal(c.Options.Count, c.Options.Select(o => o.Name).Distinct().Count()));
    }

    [Fact]
    public void TuneOptions_SearchSpaceDefaults_AreTheLibrarys()
    {
        var o = TuneOptions.From(Raw());
        var library = new SearchSpace();
        Assert.Equal(library.Widths, o.Space.Widths);
        Assert.Equal(library.Depths, o.Space.Depths);
        Assert.Equal(library.LearningRates, o.Space.LearningRates);
        Assert.Equal(library.WeightDecays, o.Space.WeightDecays);
        Assert.Equal(library.BatchSizes, o.Space.BatchSizes);
        string Help(string name) => TuneOptions.Specs.Single(s => s.Name == name).Default!;
        Assert.Equal(("32,64,128,256", "0.0003,0.001,0.003,0.01", "0,1e-05,0.0001,0.001"), (Help("widths"), Help("lrs"), Help("weight-decays")));
        Assert.Equal([0.5f, 2e-3f], TuneOptions.From(Raw("lrs", "0.5, 2e-3")).Space.LearningRates);
        Assert.Equal("--lrs: '0' is not a number of at least 1E-45.", Assert.Throws<UsageException>(() => TuneOptions.From(Raw("lrs", "0.1,0"))).Message);
    }

    [Fact]
    public void TrainOptions_MemoryBudget_ReadsASizeOrNamesTheFlag()
    {
        Assert.Equal(2L << 30, TrainOptions.From(Raw("memory-budget", "2GB")).MemoryBudget);
        Assert.StartsWith("--memory-budget: ", Assert.Throws<UsageException>(() => TrainOptions.From(Raw("memory-budget", "lots"))).Message);
    }
}
