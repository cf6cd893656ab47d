using Nabla.NN.Optim;

namespace Nabla.NN.Tests;

/// <summary>End-to-end: small networks, fixed seeds, full-batch training; each must actually learn its task.</summary>
public class LearningTests
{
    private static float Train(Module model, Optimizer opt, Loss lossFn, Tensor x, Tensor y, int steps)
    {
        float last = float.NaN;
        for (int i = 0; i < steps; i++)
        {
            opt.ZeroGrad();
            var loss = lossFn.Forward(model.Forward(x), y);
            loss.Backward();
            opt.Step();
            last = loss.Item();
        }
        return last;
    }

    [Fact]
    public void Xor_221SigmoidNet_ReachesLossBelow001()
    {
        var (x, y) = ToyData.Xor();
        // NOTE: a 2-2-1 sigmoid net has local minima: with this recipe, seeds 7 and 12 of 1..12 stall at loss 0.125
        // (one point wrong). Seed 1 is one of the ten that solve it.
        var rng = new Rng(1);
        var model = new Sequential(new Dense(2, 2, rng: rng), new Sigmoid(), new Dense(2, 1, rng: rng), new Sigmoid());
        var opt = new Sgd(model.Parameters(), lr: 1f, momentum: 0.9f);
        float loss = Train(model, opt, new MseLoss(), x, y, 1000);
        Assert.True(loss < 0.01f, $"XOR loss after 1000 steps: {loss}");
        var predictions = model.Forward(x).ToArray().Select(p => p > 0.5f ? 1f : 0f);
        Assert.Equal(y.ToArray(), predictions);
    }

    private static Sequential MoonsNet(ulong seed)
    {
        var rng = new Rng(seed);
        return new Sequential(new Dense(2, 16, rng: rng), new Tanh(), new Dense(16, 16, rng: rng), new Tanh(), new Dense(16, 2, rng: rng));
    }

    public static TheoryData<string> OptimizerNames => ["sgd", "sgd_nesterov", "adagrad", "rmsprop", "adam", "adamw"];

    private static Optimizer MoonsOptimizer(string name, IEnumerable<Parameter> ps) => name switch
    {
        "sgd" => new Sgd(ps, lr: 0.5f, momentum: 0.9f),
        "sgd_nesterov" => new Sgd(ps, lr: 0.3f, momentum: 0.9f, nesterov: true, weightDecay: 1e-4f),
        "adagrad" => new Adagrad(ps, lr: 0.3f),
        "rmsprop" => new RmsProp(ps, lr: 0.01f),
        "adam" => new Adam(ps, lr: 0.03f),
        _ => new AdamW(ps, lr: 0.03f, weightDecay: 1e-3f),
    };

    [Theory]
    [MemberData(nameof(OptimizerNames))]
    public void Moons_EachOptimizer_ReachesAtLeast97PercentOnHeldOutData(string name)
    {
        var (x, y) = ToyData.Moons(400, 0.1f, seed: 11);
        var (xTest, yTest) = ToyData.Moons(400, 0.1f, seed: 12);
        var model = MoonsNet(3);
        Train(model, MoonsOptimizer(name, model.Parameters()), new CrossEntropyLoss(), x, y, 400);
        model.Eval();
        double acc;
        using (GradMode.NoGrad())
        {
            acc = ToyData.Accuracy(model.Forward(xTest), yTest);
        }
        Assert.True(acc >= 0.97, $"{name}: moons test accuracy {acc:P1}");
    }

    [Fact]
    public void Spiral_ThreeClasses_ReachesAtLeast95Percent()
    {
        var (x, y) = ToyData.Spiral(100, 3, seed: 5);
        var rng = new Rng(9);
        var model = new Sequential(new Dense(2, 32, rng: rng), new ReLU(), new Dense(32, 32, rng: rng), new ReLU(), new Dense(32, 3, rng: rng));
        Train(model, new Adam(model.Parameters(), lr: 0.03f), new CrossEntropyLoss(), x, y, 200);
        var (xTest, yTest) = ToyData.Spiral(100, 3, seed: 6);
        double acc, testAcc;
        using (GradMode.NoGrad())
        {
            acc = ToyData.Accuracy(model.Forward(x), y);
            testAcc = ToyData.Accuracy(model.Forward(xTest), yTest);
        }
        Assert.True(acc >= 0.95, $"spiral training accuracy {acc:P1}");
        Assert.True(testAcc >= 0.9, $"spiral held-out accuracy {testAcc:P1}");
    }

    [Fact]
    public void Bmi_HeightWeightRegression_ReachesRSquaredAbove095()
    {
        var (x, y) = ToyData.Bmi(300, seed: 21);
        var (xTest, yTest) = ToyData.Bmi(300, seed: 22);
        var rng = new Rng(4);
        var model = new Sequential(new Dense(2, 16, rng: rng), new Tanh(), new Dense(16, 1, rng: rng));
        model.Regularizer = Regularizer.L2(1e-5f);
        var lossFn = new MseLoss();
        var opt = new Adam(model.Parameters(), lr: 0.02f);
        for (int i = 0; i < 500; i++)
        {
            opt.ZeroGrad();
            var loss = lossFn.Forward(model.Forward(x), y) + model.RegularizationLoss();
            loss.Backward();
            opt.Step();
        }
        float[] predicted, truth = yTest.ToArray();
        using (GradMode.NoGrad())
        {
            predicted = model.Forward(xTest).ToArray();
        }
        double mean = truth.Average(v => (double)v);
        double ssRes = truth.Zip(predicted).Sum(p => (p.First - p.Second) * (double)(p.First - p.Second));
        double ssTot = truth.Sum(v => (v - mean) * (v - mean));
        double r2 = 1 - ssRes / ssTot;
        Assert.True(r2 >= 0.95, $"BMI regression R^2 on held-out data: {r2:F4}");
    }

    [Fact]
    public void Moons_BceWithLogitsAndOneOutput_LearnsToo()
    {
        var (x, labels) = ToyData.Moons(400, 0.1f, seed: 13);
        var y = labels.Reshape(-1, 1);
        var rng = new Rng(2);
        var model = new Sequential(new Dense(2, 16, rng: rng), new ReLU(), new Dense(16, 16, rng: rng), new ReLU(), new Dense(16, 1, rng: rng));
        Train(model, new Adam(model.Parameters(), lr: 0.03f), new BceWithLogitsLoss(), x, y, 400);
        float[] logits;
        using (GradMode.NoGrad())
        {
            logits = model.Forward(x).ToArray();
        }
        double acc = logits.Zip(y.ToArray()).Count(p => (p.First > 0 ? 1f : 0f) == p.Second) / (double)logits.Length;
        Assert.True(acc >= 0.97, $"moons (BCE with logits) accuracy {acc:P1}");
    }

    [Fact]
    public void Spirals_FromBuiltInDatasets_TrainsTo95Percent()
    {
        var (x, y) = Nabla.NN.Data.BuiltInDatasets.Spirals(new Rng(3), pointsPerClass: 100, classes: 3).ToTensors();
        var rng = new Rng(9);
        var model = new Sequential(new Dense(2, 32, rng: rng), new ReLU(), new Dense(32, 32, rng: rng), new ReLU(), new Dense(32, 3, rng: rng));
        Train(model, new Adam(model.Parameters(), lr: 0.03f), new CrossEntropyLoss(), x, y, 300);
        double acc;
        using (GradMode.NoGrad())
        {
            acc = ToyData.Accuracy(model.Forward(x), y);
        }
        Assert.True(acc >= 0.95, $"BuiltInDatasets.Spirals training accuracy {acc:P1}");
    }
}
