using Nabla.NN.Registries;

namespace Nabla.NN.Tests;

/// <summary>Large draws of each initialiser have the mean and variance of its formula.</summary>
public class InitTests
{
    private const int Out = 200, In = 300; // 60,000 draws: the sample variance is within ~1.5% (4 sigma)

    public static TheoryData<string, double> Expected => new()
    {
        // name, expected variance for a [200, 300] weight (fanIn 300, fanOut 200)
        { "normal(0, 0.5)", 0.25 },
        { "uniform(-1, 3)", 16.0 / 12 },
        { "xavier_uniform", 2.0 / 500 },
        { "xavier_normal", 2.0 / 500 },
        { "kaiming_uniform", 2.0 / 300 },
        { "kaiming_normal", 2.0 / 300 },
        { "kaiming_normal_fan_out_tanh", 25.0 / 9 / 200 },
        { "lecun_normal", 1.0 / 300 },
        { "default (nn.Linear)", 1.0 / 3 / 300 },
    };

    private static Tensor Draw(string name)
    {
        var t = Tensor.Zeros(Out, In);
        var rng = new Rng(42);
        switch (name)
        {
            case "normal(0, 0.5)": Init.Normal(t, rng, 0f, 0.5f); break;
            case "uniform(-1, 3)": Init.Uniform(t, rng, -1f, 3f); break;
            case "xavier_uniform": Init.XavierUniform(t, rng); break;
            case "xavier_normal": Init.XavierNormal(t, rng); break;
            case "kaiming_uniform": Init.KaimingUniform(t, rng); break;
            case "kaiming_normal": Init.KaimingNormal(t, rng); break;
            case "kaiming_normal_fan_out_tanh": Init.KaimingNormal(t, rng, mode: FanMode.FanOut, gain: Init.CalculateGain(ActivationRegistry.All["tanh"])); break;
            case "lecun_normal": Init.LecunNormal(t, rng); break;
            case "default (nn.Linear)": Init.DefaultWeight(t, rng); break;
            default: throw new ArgumentException(name);
        }
        return t;
    }

    [Theory]
    [MemberData(nameof(Expected))]
    public void Initializer_LargeDraw_MeanAndVarianceMatchFormula(string name, double variance)
    {
        var v = Draw(name).ToArray();
        double mean = v.Average(x => (double)x);
        double var = v.Sum(x => (x - mean) * (x - mean)) / (v.Length - 1);
        double expectedMean = name == "uniform(-1, 3)" ? 1.0 : 0.0;
        // Standard error of the mean is sqrt(var / n); allow 4 of them.
        Assert.InRange(mean, expectedMean - 4 * Math.Sqrt(variance / v.Length), expectedMean + 4 * Math.Sqrt(variance / v.Length));
        Assert.InRange(var / variance, 0.97, 1.03);
    }

    [Fact]
    public void Uniform_Bounds_AreRespected()
    {
        var t = Init.XavierUniform(Tensor.Zeros(Out, In), new Rng(1));
        float bound = MathF.Sqrt(6f / (Out + In));
        Assert.All(t.ToArray(), w => Assert.InRange(w, -bound, bound));
    }

    [Fact]
    public void Constants_FillEveryElement()
    {
        Assert.All(Init.Constant(Tensor.Zeros(3, 4), 0.25f).ToArray(), v => Assert.Equal(0.25f, v));
        Assert.All(Init.Ones(Tensor.Zeros(5)).ToArray(), v => Assert.Equal(1f, v));
        Assert.All(Init.Zeros(Tensor.Ones(5)).ToArray(), v => Assert.Equal(0f, v));
    }

    [Fact]
    public void Fans_OfAVector_ExplainWhatToDoInstead()
    {
        var ex = Assert.Throws<ArgumentException>(() => Init.XavierUniform(Tensor.Zeros(5), new Rng(1)));
        Assert.Contains("rank >= 2", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ZeroInit_XorNet_HiddenUnitsStaySymmetricAndNeverLearn()
    {
        // With every weight and bias 0, both hidden units compute the same function, receive the same gradient and
        // stay identical forever: the net is no better than one hidden unit, which cannot represent XOR.
        Initializer zeros = (t, _) => Init.Zeros(t);
        var hidden = new Dense(2, 2, weightInit: zeros, biasInit: zeros);
        var model = new Sequential(hidden, new Sigmoid(), new Dense(2, 1, weightInit: zeros, biasInit: zeros), new Sigmoid());
        var (x, y) = ToyData.Xor();
        var opt = new Optim.Sgd(model.Parameters(), lr: 2f);
        var lossFn = new MseLoss();
        float loss = 0;
        for (int i = 0; i < 2000; i++)
        {
            opt.ZeroGrad();
            var l = lossFn.Forward(model.Forward(x), y);
            l.Backward();
            opt.Step();
            loss = l.Item();
        }
        var w = hidden.Weight.Value.ToArray();
        var b = hidden.Bias!.Value.ToArray();
        Assert.Equal(w[0], w[2]); // row 0 == row 1
        Assert.Equal(w[1], w[3]);
        Assert.Equal(b[0], b[1]);
        Assert.True(loss > 0.1f, $"a symmetric net should not fit XOR, but the loss reached {loss}");
    }
}
