using Nabla.NN.Optim;
using Nabla.NN.Training;

namespace Nabla.NN.Tests.Training;

/// <summary>The fused training path against the autograd path it replaces: same loss, outputs and gradients.</summary>
public class FusedMlpTests
{
    public static TheoryData<string, string, int> Cases()
    {
        var data = new TheoryData<string, string, int>();
        foreach (string act in new[] { "relu", "leaky", "leaky-negative", "sigmoid", "tanh", "identity", "none" })
            foreach (string loss in new[] { "ce", "mse" })
                foreach (int batch in new[] { 1, 7, 33 })
                    data.Add(act, loss, batch);
        return data;
    }

    private static Module? Activation(string name) => name switch
    {
        "relu" => new ReLU(),
        "leaky" => new LeakyReLU(0.1f),
        "leaky-negative" => new LeakyReLU(-0.3f),
        "sigmoid" => new Sigmoid(),
        "tanh" => new Tanh(),
        "identity" => new Identity(),
        "none" => null,
        _ => throw new ArgumentException(name),
    };

    /// <summary>13 -> 17 -> 11 -> 5 with the activation after each hidden layer (and optionally dropout).</summary>
    private static Sequential Mlp(string act, ulong seed, float dropout = 0f, ulong dropoutSeed = 0, bool lastBias = true)
    {
        var rng = new Rng(seed);
        var layers = new List<Module> { new Dense(13, 17, rng: rng) };
        if (Activation(act) is { } a1) layers.Add(a1);
        if (dropout > 0f) layers.Add(new Dropout(dropout, new Rng(dropoutSeed)));
        layers.Add(new Dense(17, 11, rng: rng));
        if (Activation(act) is { } a2) layers.Add(a2);
        if (dropout > 0f) layers.Add(new Dropout(dropout, new Rng(dropoutSeed + 1)));
        layers.Add(new Dense(11, 5, bias: lastBias, rng: rng));
        return new Sequential([.. layers]);
    }

    private static Loss LossFor(string name) => name == "ce" ? new CrossEntropyLoss() : new MseLoss();

    private static (Tensor X, Tensor Y) Batch(string loss, int batch, ulong seed)
    {
        var rng = new Rng(seed);
        var x = Tensor.Randn(rng, batch, 13);
        if (loss == "ce")
        {
            var classes = new float[batch];
            for (int i = 0; i < batch; i++) classes[i] = rng.NextInt(5);
            return (x, Tensor.FromArray(classes, batch));
        }
        return (x, Tensor.Randn(rng, batch, 5));
    }

    private static (float Loss, float[] Output, float[][] Grads) Autograd(Module model, Loss loss, Tensor x, Tensor y)
    {
        model.ZeroGrad();
        Tensor output = model.Forward(x);
        Tensor l = loss.Forward(output, y);
        l.Backward();
        return (l.Item(), output.ToArray(), [.. model.Parameters().Select(p => p.Grad?.ToArray() ?? [])]);
    }

    private static void AssertClose(float[] expected, ReadOnlySpan<float> actual, float tolerance, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        float scale = Math.Max(1e-3f, expected.Max(MathF.Abs));
        for (int i = 0; i < expected.Length; i++)
            Assert.True(MathF.Abs(expected[i] - actual[i]) <= tolerance * scale,
                $"{what}[{i}]: autograd {expected[i]}, fused {actual[i]} (tolerance {tolerance} x {scale})");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void ComputeGradients_RandomNetAndBatch_EqualsAutogradBackward(string act, string lossName, int batch)
    {
        var model = Mlp(act, seed: 11);
        var loss = LossFor(lossName);
        var (x, y) = Batch(lossName, batch, seed: (ulong)(batch * 31 + 7));
        var expected = Autograd(model, loss, x, y);

        var fused = FusedMlp.Create(model, loss);
        model.ZeroGrad();
        float fusedLoss = fused.ComputeGradients(x, y);

        Assert.Equal(expected.Loss, fusedLoss, 1e-5f * Math.Max(1f, MathF.Abs(expected.Loss)));
        AssertClose(expected.Output, fused.Output, 1e-5f, "output");
        var parameters = model.Parameters().ToArray();
        for (int p = 0; p < parameters.Length; p++)
            AssertClose(expected.Grads[p], parameters[p].Grad!.AsSpan(), 1e-5f, $"grad of parameter {p}");
    }

    [Theory]
    [InlineData("relu", "ce")]
    [InlineData("tanh", "mse")]
    [InlineData("sigmoid", "ce")]
    public void ComputeGradients_WithDropout_DrawsTheSameMasksAsAutograd(string act, string lossName)
    {
        // Two copies of one model whose dropout generators start from the same seeds.
        var reference = Mlp(act, seed: 3, dropout: 0.4f, dropoutSeed: 99);
        var model = Mlp(act, seed: 3, dropout: 0.4f, dropoutSeed: 99);
        var loss = LossFor(lossName);
        var fused = FusedMlp.Create(model, loss);
        for (int step = 0; step < 3; step++)
        {
            var (x, y) = Batch(lossName, 9, seed: (ulong)step);
            var expected = Autograd(reference, loss, x, y);
            float fusedLoss = fused.ComputeGradients(x, y);
            Assert.Equal(expected.Loss, fusedLoss, 1e-5f * Math.Max(1f, MathF.Abs(expected.Loss)));
            var parameters = model.Parameters().ToArray();
            for (int p = 0; p < parameters.Length; p++)
                AssertClose(expected.Grads[p], parameters[p].Grad!.AsSpan(), 1e-5f, $"step {step}, grad of parameter {p}");
        }
    }

    [Fact]
    public void ComputeGradients_EvalMode_SkipsDropout()
    {
        var model = Mlp("relu", seed: 5, dropout: 0.5f, dropoutSeed: 1);
        model.Eval();
        var loss = new CrossEntropyLoss();
        var (x, y) = Batch("ce", 6, seed: 2);
        var expected = Autograd(model, loss, x, y);
        var fused = FusedMlp.Create(model, loss);
        Assert.Equal(expected.Loss, fused.ComputeGradients(x, y), 1e-5f);
    }

    [Fact]
    public void ComputeGradients_FrozenWeightAndNoBias_LeavesFrozenGradNullAndMatchesTheRest()
    {
        var model = Mlp("tanh", seed: 8, lastBias: false);
        var first = (Dense)model[0];
        first.Weight.RequiresGrad = false;
        var loss = new MseLoss();
        var (x, y) = Batch("mse", 5, seed: 4);
        var expected = Autograd(model, loss, x, y);
        var fused = FusedMlp.Create(model, loss);
        model.ZeroGrad();
        fused.ComputeGradients(x, y);
        Assert.Null(first.Weight.Grad);
        var parameters = model.Parameters().ToArray();
        for (int p = 0; p < parameters.Length; p++)
            if (parameters[p].RequiresGrad)
                AssertClose(expected.Grads[p], parameters[p].Grad!.AsSpan(), 1e-5f, $"grad of parameter {p}");
    }

    public static TheoryData<string> OptimizerNames() => ["sgd-momentum", "adam", "adamw", "rmsprop", "adagrad"];

    private static Optimizer MakeOptimizer(string name, Module model) => name switch
    {
        "sgd-momentum" => new Sgd(model.Parameters(), lr: 0.05f, momentum: 0.9f),
        "adam" => new Adam(model.Parameters(), lr: 0.01f),
        "adamw" => new AdamW(model.Parameters(), lr: 0.01f),
        "rmsprop" => new RmsProp(model.Parameters(), lr: 0.01f),
        "adagrad" => new Adagrad(model.Parameters(), lr: 0.05f),
        _ => throw new ArgumentException(name),
    };

    [Theory]
    [MemberData(nameof(OptimizerNames))]
    public void TrainStep_TenSteps_FollowsTheAutogradTrajectory(string optimizerName)
    {
        var reference = Mlp("relu", seed: 21);
        var model = Mlp("relu", seed: 21);
        var loss = new CrossEntropyLoss();
        var refOpt = MakeOptimizer(optimizerName, reference);
        var fused = FusedMlp.Create(model, loss, MakeOptimizer(optimizerName, model));
        for (int step = 0; step < 10; step++)
        {
            var (x, y) = Batch("ce", 16, seed: (ulong)(100 + step));
            refOpt.ZeroGrad();
            Tensor l = loss.Forward(reference.Forward(x), y);
            l.Backward();
            refOpt.Step();
            Assert.Equal(l.Item(), fused.TrainStep(x, y), 1e-4f);
        }
        var expected = reference.Parameters().ToArray();
        var actual = model.Parameters().ToArray();
        for (int p = 0; p < expected.Length; p++)
            AssertClose(expected[p].Value.ToArray(), actual[p].Value.AsSpan(), 1e-4f, $"parameter {p} after 10 steps");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(64)]
    public void Predict_IntoCallerBuffer_EqualsEvalForward(int batch)
    {
        foreach (string act in new[] { "relu", "leaky", "sigmoid", "tanh" })
        {
            var model = Mlp(act, seed: 13, dropout: 0.5f, dropoutSeed: 3);
            var fused = FusedMlp.Create(model, new CrossEntropyLoss());
            var (x, _) = Batch("ce", batch, seed: 9);
            model.Eval();
            float[] expected;
            using (GradMode.NoGrad()) expected = model.Forward(x).ToArray();
            model.Train();                          // Predict ignores the mode: dropout is always off
            var output = new float[batch * 5];
            fused.Predict(x.AsSpan(), batch, output);
            AssertClose(expected, output, 1e-5f, $"{act} output");
        }
    }

    [Fact]
    public void TrainStep_SteadyState_AllocatesAlmostNothing()
    {
        var model = new Sequential(new Dense(64, 48, rng: new Rng(1)), new ReLU(), new Dense(48, 10, rng: new Rng(2)));
        var fused = FusedMlp.Create(model, new CrossEntropyLoss(), new Adam(model.Parameters()));
        var (x, y) = (Tensor.Randn(new Rng(3), 32, 64), Tensor.FromArray(Enumerable.Range(0, 32).Select(i => (float)(i % 10)).ToArray(), 32));
        var features = x.ToArray();
        var targets = y.ToArray();
        for (int i = 0; i < 5; i++) fused.TrainStep(features, targets, 32);
        long perStep = long.MaxValue; // quietest of three rounds: tiered JIT may allocate while re-compiling
        for (int round = 0; round < 3; round++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 20; i++) fused.TrainStep(features, targets, 32);
            perStep = Math.Min(perStep, (GC.GetAllocatedBytesForCurrentThread() - before) / 20);
        }
        Assert.True(perStep < 1024, $"a steady-state step allocated {perStep} bytes");
    }

    public static TheoryData<string, string> Ineligible() => new()
    {
        { "softmax-layer", "layer 1 (Softmax)" },
        { "bce", "BceLoss is not fused" },
        { "smoothing", "label smoothing" },
        { "sum", "mean-reduced" },
        { "regularizer", "regularizer" },
        { "starts-with-relu", "layer 0 (ReLU)" },
    };

    [Theory]
    [MemberData(nameof(Ineligible))]
    public void TryCreate_UnsupportedModelOrLoss_ReturnsNullAndSaysWhy(string situation, string expectedReason)
    {
        Module model = situation switch
        {
            "softmax-layer" => new Sequential(new Dense(4, 3), new Softmax(1)),
            "starts-with-relu" => new Sequential(new ReLU(), new Dense(4, 3)),
            _ => new Sequential(new Dense(4, 3), new ReLU(), new Dense(3, 2)),
        };
        if (situation == "regularizer") model.Regularizer = Regularizer.L2(0.1f);
        Loss loss = situation switch
        {
            "bce" => new BceLoss(),
            "smoothing" => new CrossEntropyLoss(labelSmoothing: 0.1f),
            "sum" => new MseLoss(Reduction.Sum),
            _ => new CrossEntropyLoss(),
        };
        Assert.Null(FusedMlp.TryCreate(model, loss, null, out string? reason));
        Assert.Contains(expectedReason, reason);
    }

    [Fact]
    public void ComputeGradients_ClassIndexOutOfRange_NamesTheRow()
    {
        var fused = FusedMlp.Create(new Sequential(new Dense(4, 3)), new CrossEntropyLoss());
        var e = Assert.Throws<ArgumentException>(() => fused.ComputeGradients(new float[8], new float[] { 1, 3 }, 2));
        Assert.Contains("target 1 is 3", e.Message);
    }
}
