namespace Nabla.NN.Tests;

public class ModuleTests
{
    // The lecture's 3-2-2-1 network without biases: 3*2 + 2*2 + 2*1 = 12 weights.
    private static Sequential Lecture() => new(
        new Dense(3, 2, bias: false, rng: new Rng(1)), new Sigmoid(),
        new Dense(2, 2, bias: false, rng: new Rng(2)), new Sigmoid(),
        new Dense(2, 1, bias: false, rng: new Rng(3)), new Sigmoid());

    [Fact]
    public void NamedParameters_Sequential_UsesDottedPositionalNames()
    {
        var model = new Sequential(new Dense(3, 4, rng: new Rng(1)), new ReLU(), new Dense(4, 2, rng: new Rng(2)));
        Assert.Equal(["0.weight", "0.bias", "2.weight", "2.bias"], model.NamedParameters().Select(p => p.Key));
        Assert.Equal([new[] { 4, 3 }, [4], [2, 4], [2]], model.Parameters().Select(p => p.Shape.Dims));
        Assert.Equal(26, model.ParameterCount());
    }

    [Fact]
    public void NamedParameters_NestedContainers_JoinNamesWithDots()
    {
        var inner = new Sequential(new Dense(2, 2, rng: new Rng(1)));
        var list = new ModuleList(inner, new Dense(2, 1, bias: false, rng: new Rng(2)));
        Assert.Equal(["0.0.weight", "0.0.bias", "1.weight"], list.NamedParameters().Select(p => p.Key));
    }

    [Fact]
    public void Summary_Lecture321NetWithoutBiases_Counts12Weights()
    {
        string summary = Lecture().Summary(3);
        Assert.Contains("Total params: 12", summary, StringComparison.Ordinal);
        Assert.Contains("Trainable params: 12", summary, StringComparison.Ordinal);
        Assert.Contains("0: Dense(3 -> 2, bias=False)", summary, StringComparison.Ordinal);
        Assert.Contains("[N, 1]", summary, StringComparison.Ordinal);
        // One row per layer: six layers.
        Assert.Equal(6, summary.Split('\n').Count(l => l.Length > 0 && char.IsDigit(l[0])));
    }

    [Fact]
    public void Summary_FrozenParameter_CountedAsNonTrainable()
    {
        var model = Lecture();
        model.Parameters().First().RequiresGrad = false;
        string summary = model.Summary(3);
        Assert.Contains("Trainable params: 6", summary, StringComparison.Ordinal);
        Assert.Contains("Non-trainable params: 6", summary, StringComparison.Ordinal);
    }

    [Fact]
    public void ToString_Sequential_PrintsIndentedTree()
    {
        var model = new Sequential(new Dense(784, 256, rng: new Rng(1)), new ReLU(), new Dropout(0.2f, new Rng(1)), new Dense(256, 10, rng: new Rng(1)));
        Assert.Equal(
            "Sequential(\n  (0): Dense(784 -> 256)\n  (1): ReLU()\n  (2): Dropout(p=0.2)\n  (3): Dense(256 -> 10)\n)",
            model.ToString());
    }

    [Fact]
    public void Dense_WrongInputWidth_NamesLayerAndBothShapes()
    {
        var dense = new Dense(784, 256, rng: new Rng(1));
        var ex = Assert.Throws<ArgumentException>(() => dense.Forward(Tensor.Zeros(64, 100)));
        Assert.StartsWith("Dense(784 -> 256) got input of shape [64, 100]: the last dimension must be 784", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Dense_Forward_IsInputTimesWeightTransposedPlusBias()
    {
        var dense = new Dense(2, 3, rng: new Rng(1));
        dense.LoadStateDict(new Dictionary<string, Tensor>
        {
            ["weight"] = Tensor.FromArray([1, 2, 3, 4, 5, 6], 3, 2),
            ["bias"] = Tensor.FromArray([0.5f, -1, 2], 3),
        });
        // [1, 1] . rows (1,2), (3,4), (5,6) = 3, 7, 11; plus bias.
        Assert.Equal([3.5f, 6, 13], dense.Forward(Tensor.FromArray([1f, 1], 1, 2)).ToArray());
        Assert.Equal([3.5f, 6, 13], dense.Forward(Tensor.FromArray([1f, 1], 2)).ToArray());
    }

    [Fact]
    public void Dense_Rank3Input_AppliesToTheLastDimension()
    {
        var dense = new Dense(4, 3, rng: new Rng(2));
        var x = Tensor.Randn(new Rng(3), 2, 5, 4);
        var y = dense.Forward(x);
        Assert.Equal([2, 5, 3], y.Shape.Dims);
        // Row by row it is the same as the 2-d path.
        var flat = dense.Forward(x.Reshape(10, 4));
        Close.All(flat.ToArray(), y, 1e-6, "rank-3 vs rank-2 Dense");
    }

    [Fact]
    public void Dense_DefaultInit_WithinPyTorchBound()
    {
        var dense = new Dense(100, 50, rng: new Rng(5));
        float bound = 1f / MathF.Sqrt(100);
        Assert.All(dense.Weight.Value.ToArray(), w => Assert.InRange(w, -bound, bound));
        Assert.All(dense.Bias!.Value.ToArray(), b => Assert.InRange(b, -bound, bound));
        // Not all equal: the draw actually happened.
        Assert.True(dense.Weight.Value.ToArray().Distinct().Count() > 4000);
    }

    [Fact]
    public void StateDict_RoundTrip_RestoresValuesAndIsACopy()
    {
        var a = Lecture();
        var b = new Sequential(
            new Dense(3, 2, bias: false, rng: new Rng(7)), new Sigmoid(),
            new Dense(2, 2, bias: false, rng: new Rng(8)), new Sigmoid(),
            new Dense(2, 1, bias: false, rng: new Rng(9)), new Sigmoid());
        var state = a.StateDict();
        b.LoadStateDict(state);
        var x = Tensor.FromArray([0.1f, -0.2f, 0.3f], 1, 3);
        Assert.Equal(a.Forward(x).ToArray(), b.Forward(x).ToArray());
        // Changing the model later does not change the saved copy.
        float saved = state["0.weight"].ToArray()[0];
        using (GradMode.NoGrad())
        {
            a.Parameters().First().AsSpan()[0] += 1f;
        }
        Assert.Equal(saved, state["0.weight"].ToArray()[0]);
    }

    [Fact]
    public void LoadStateDict_WrongShape_NamesTheEntry()
    {
        var model = Lecture();
        var state = model.StateDict();
        state["2.weight"] = Tensor.Zeros(3, 2);
        var ex = Assert.Throws<ArgumentException>(() => model.LoadStateDict(state));
        Assert.Contains("'2.weight' has shape [3, 2] in the state dict but [2, 2] in the model", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadStateDict_MissingAndUnexpected_NamesThem()
    {
        var model = Lecture();
        var state = model.StateDict();
        state.Remove("4.weight");
        state["5.weight"] = Tensor.Zeros(1);
        var ex = Assert.Throws<ArgumentException>(() => model.LoadStateDict(state));
        Assert.Contains("missing entries: 4.weight", ex.Message, StringComparison.Ordinal);
        Assert.Contains("unexpected entries: 5.weight", ex.Message, StringComparison.Ordinal);
        // Non-strict loading takes what matches.
        model.LoadStateDict(new Dictionary<string, Tensor> { ["0.weight"] = Tensor.Ones(2, 3) }, strict: false);
        Assert.All(model.Parameters().First().Value.ToArray(), v => Assert.Equal(1f, v));
    }

    [Fact]
    public void TrainEval_PropagateToChildren()
    {
        var model = new Sequential(new Dense(2, 2, rng: new Rng(1)), new Dropout(0.5f, new Rng(1)));
        model.Eval();
        Assert.All(model.NamedModules(), m => Assert.False(m.Value.Training));
        model.Train();
        Assert.All(model.NamedModules(), m => Assert.True(m.Value.Training));
    }

    [Fact]
    public void ZeroGrad_AfterBackward_ClearsEveryGradient()
    {
        var model = Lecture();
        model.Forward(Tensor.Ones(2, 3)).Sum().Backward();
        Assert.All(model.Parameters(), p => Assert.NotNull(p.Grad));
        model.ZeroGrad();
        Assert.All(model.Parameters(), p => Assert.Null(p.Grad));
    }

    [Fact]
    public void Dropout_Training_ZeroesAboutPAndScalesSurvivors_EvalIsIdentity()
    {
        var dropout = new Dropout(0.25f, new Rng(3));
        var y = dropout.Forward(Tensor.Ones(100, 100)).ToArray();
        int zeros = y.Count(v => v == 0f);
        Assert.InRange(zeros, 2300, 2700);
        Assert.All(y.Where(v => v != 0f), v => Assert.Equal(1f / 0.75f, v, 6));
        dropout.Eval();
        Assert.All(dropout.Forward(Tensor.Ones(10, 10)).ToArray(), v => Assert.Equal(1f, v));
    }

    [Fact]
    public void Dropout_SameSeed_SameMask()
    {
        var a = new Dropout(0.5f, new Rng(11)).Forward(Tensor.Ones(50)).ToArray();
        var b = new Dropout(0.5f, new Rng(11)).Forward(Tensor.Ones(50)).ToArray();
        Assert.Equal(a, b);
    }

    [Fact]
    public void Dropout_Backward_MasksTheGradientLikeTheValues()
    {
        var x = Tensor.Ones(4, 5);
        x.RequiresGrad = true;
        var y = new Dropout(0.5f, new Rng(2)).Forward(x);
        y.Sum().Backward();
        Assert.Equal(y.ToArray(), x.Grad!.ToArray());
    }

    [Fact]
    public void Flatten_ImageBatch_KeepsBatchDimension()
    {
        var y = new Flatten().Forward(Tensor.Zeros(8, 1, 28, 28));
        Assert.Equal([8, 784], y.Shape.Dims);
    }

    [Fact]
    public void Activations_ElementWise_MatchTheirDefinitions()
    {
        var x = Tensor.FromArray([-2f, -0.5f, 0.5f, 2f], 4);
        Assert.Equal([0f, 0f, 0.5f, 2f], new ReLU().Forward(x).ToArray());
        Assert.Equal([-0.2f, -0.05f, 0.5f, 2f], new LeakyReLU(0.1f).Forward(x).ToArray());
        Assert.Equal([0f, 0f, 1f, 1f], new Step().Forward(x).ToArray());
        Assert.Equal(x.ToArray(), new Identity().Forward(x).ToArray());
        var s = new Softmax().Forward(Tensor.FromArray([1f, 2f, 3f, 1f, 1f, 1f], 2, 3)).ToArray();
        Assert.Equal(1f, s[0] + s[1] + s[2], 6);
        Assert.Equal(1f / 3f, s[4], 6);
    }

    [Fact]
    public void RegisterModule_DuplicateName_Throws()
    {
        var ex = Assert.Throws<ArgumentException>(() => new DuplicateNames());
        Assert.Contains("already has a parameter or child named 'weight'", ex.Message, StringComparison.Ordinal);
    }

    private sealed class DuplicateNames : Module
    {
        public DuplicateNames()
        {
            RegisterParameter("weight", Tensor.Zeros(1));
            RegisterParameter("weight", Tensor.Zeros(1));
        }

        public override Tensor Forward(Tensor input) => input;
    }
}
