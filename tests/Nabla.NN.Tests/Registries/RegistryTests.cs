using Nabla.NN.Models;
using Nabla.NN.Optim;
using Nabla.NN.Registries;
using Nabla.NN.Training;

namespace Nabla.NN.Tests.Registries;

/// <summary>
/// Every registry row builds what it names, and everything that takes a name takes exactly the registry's names:
/// these tests iterate the rows, so a new row is tested by being added.
/// </summary>
public class RegistryTests
{
    public static TheoryData<string> Activations => new(ActivationRegistry.All.Names);
    public static TheoryData<string> Inits => new(InitRegistry.All.Names);

    [Theory]
    [MemberData(nameof(Activations))]
    public void EveryActivation_BuildsAModelSpecThatRunsAndSavesIt(string name)
    {
        var spec = new ModelSpec(3, [4], 2, name, 0f, "he-normal");
        var model = spec.Build(new Rng(1));
        var y = model.Forward(Tensor.FromArray([1f, -2f, 3f, -1f, 0.5f, 2f], 2, 3));
        Assert.Equal([2, 2], y.Shape.Dims);
        Assert.Equal(ActivationRegistry.All[name].Create().GetType(), model[1].GetType());
    }

    [Theory]
    [MemberData(nameof(Inits))]
    public void EveryInit_FillsWeightsAndZeroesBiasesExceptTheDefault(string name)
    {
        var model = new ModelSpec(8, [], 3, "relu", 0f, name).Build(new Rng(2));
        var bias = model.StateDict()["0.bias"].ToArray();
        Assert.Equal(name == "default", bias.Any(b => b != 0));
        Assert.Equal(name == "zeros", model.StateDict()["0.weight"].ToArray().All(w => w == 0));
    }

    [Fact]
    public void Optimizers_DefaultLearningRatesAndKinds()
    {
        var p = new[] { new Parameter(Tensor.Zeros(2)) };
        var expected = new Dictionary<string, (float Lr, Type Kind)>
        {
            ["sgd"] = (0.1f, typeof(Sgd)), ["momentum"] = (0.01f, typeof(Sgd)), ["nesterov"] = (0.01f, typeof(Sgd)),
            ["adagrad"] = (0.01f, typeof(Adagrad)), ["rmsprop"] = (0.01f, typeof(RmsProp)), ["adam"] = (0.001f, typeof(Adam)), ["adamw"] = (0.001f, typeof(AdamW)),
        };
        Assert.Equal(expected.Keys, OptimizerRegistry.All.Names);
        foreach (var row in OptimizerRegistry.All.Rows)
        {
            Assert.Equal(expected[row.Name].Lr, row.DefaultLr);
            var optimizer = row.Create(p, row.DefaultLr, null);
            Assert.IsType(expected[row.Name].Kind, optimizer);
            Assert.Equal(row.DefaultLr, optimizer.Lr);
        }
    }

    [Fact]
    public void Schedules_OnlyConstantHasNoCallback()
    {
        var optimizer = new Sgd([new Parameter(Tensor.Zeros(1))], 0.1f);
        foreach (var row in ScheduleRegistry.All.Rows)
            Assert.Equal(row.Name == "constant", row.Create(optimizer, 30, 0.1f) is null);
    }

    [Fact]
    public void Losses_AutoPicksByTaskAndAMismatchListsTheFittingOnes()
    {
        var multiclass = new TaskSpec(TaskKind.MulticlassClassification, 3, 1);
        Assert.Equal("mse", LossRegistry.Resolve("auto", new TaskSpec(TaskKind.Regression, 0, 1)).Name);
        Assert.Equal(1, LossRegistry.Resolve("auto", new TaskSpec(TaskKind.BinaryClassification, 2, 1)).OutputsFor(new TaskSpec(TaskKind.BinaryClassification, 2, 1)));
        Assert.Equal(3, LossRegistry.Resolve("auto", multiclass).OutputsFor(multiclass));
        var e = Assert.Throws<ArgumentException>(() => LossRegistry.Resolve("mse", multiclass));
        Assert.Contains("Losses for this task: cross-entropy", e.Message);
        foreach (var row in LossRegistry.All.Rows) Assert.Equal(Reduction.Mean, row.Create().Reduction);
    }

    [Fact]
    public void UnknownName_ListsTheChoices()
    {
        var e = Assert.Throws<ArgumentException>(() => ActivationRegistry.All["swish"]);
        Assert.Equal($"Unknown activation 'swish'. Choices: {string.Join(", ", ActivationRegistry.All.Names)}.", e.Message);
    }

    [Fact]
    public void Activations_EachRowIsOneConsistentDefinition()
    {
        Assert.Equal(ActivationRegistry.All.Names.Order(), ActivationRegistry.InLessonOrder.Select(r => r.Name).Order());
        foreach (var row in ActivationRegistry.All.Rows)
        {
            var module = row.Create();
            Assert.Equal(row.ModuleType, module.GetType());
            Assert.Same(row, ActivationRegistry.ForModule(module));
            Assert.Equal(row.Parameter, row.ParameterOf?.Invoke(module));
            // The row's tensor op is the module's forward, and its derivative is the engine's gradient.
            var z = Tensor.FromArray([-1.5f, -0.25f, 0.5f, 2f], 4);
            var x = Tensor.FromArray(z.ToArray(), 4);
            x.RequiresGrad = true;
            var y = row.Apply(x, row.Parameter ?? 0f);
            Assert.Equal(module.Forward(z).ToArray(), y.ToArray());
            y.Sum().Backward();
            var want = z.ToArray().Zip(y.ToArray(), (zv, av) => row.Derivative(zv, av, row.Parameter ?? 0f)).ToArray();
            var got = x.Grad!.ToArray();
            for (int i = 0; i < want.Length; i++) Assert.Equal(want[i], got[i], 1e-6);   // f'(z) in double, the engine in float
        }
        Assert.Equal(MathF.Sqrt(2f), Init.CalculateGain(ActivationRegistry.All["relu"]));
        Assert.Equal(Init.RectifierGain(0.2f), Init.CalculateGain(ActivationRegistry.All["leaky-relu"], 0.2f));
    }

    [Fact]
    public void Modes_BatchSizeReachesOnlyMiniBatch()
    {
        Assert.Equal(["batch", "minibatch", "sgd"], ModeRegistry.All.Names);
        Assert.Same(Nabla.NN.Data.GradientDescentMode.Batch, ModeRegistry.All["batch"].Create(8));
        Assert.Same(Nabla.NN.Data.GradientDescentMode.Stochastic, ModeRegistry.All["sgd"].Create(8));
        Assert.Equal(8, ModeRegistry.All["minibatch"].Create(8).RequestedBatchSize);
    }

    [Fact]
    public void DataPolicies_NameEveryPolicyOnce()
    {
        Assert.Equal(Enum.GetValues<Nabla.NN.Data.UnknownCategoryPolicy>().Order(), DataPolicyRegistry.UnknownCategories.Rows.Select(r => r.Value).Order());
        Assert.Equal(Enum.GetValues<Nabla.NN.Data.DateColumnPolicy>().Order(), DataPolicyRegistry.Dates.Rows.Select(r => r.Value).Order());
        Assert.Equal(Nabla.NN.Data.UnknownCategoryPolicy.Ignore, DataPolicyRegistry.UnknownCategories["ignore"].Value);
        Assert.Equal(Nabla.NN.Data.DateColumnPolicy.Categorical, DataPolicyRegistry.Dates["categorical"].Value);
    }
}
