using Nabla.NN.Optim;
using Nabla.NN.Schedules;

namespace Nabla.NN.Tests;

public class OptimizerTests
{
    private static Parameter Param(float value, float grad)
    {
        var p = new Parameter(Tensor.FromArray([value], 1));
        p.Grad = Tensor.FromArray([grad], 1);
        return p;
    }

    [Fact]
    public void Sgd_OneStep_IsPMinusLrTimesGrad()
    {
        var p = Param(1f, 0.5f);
        new Sgd([p], lr: 0.1f).Step();
        Assert.Equal(1f - 0.1f * 0.5f, p.Value.Item(), 6);
    }

    [Fact]
    public void Sgd_MomentumTwoSteps_BufferAccumulates()
    {
        // b1 = g = 1; p1 = 1 - 0.1 * 1 = 0.9;  b2 = 0.9 * 1 + 1 = 1.9; p2 = 0.9 - 0.19 = 0.71
        var p = Param(1f, 1f);
        var opt = new Sgd([p], lr: 0.1f, momentum: 0.9f);
        opt.Step();
        Assert.Equal(0.9f, p.Value.Item(), 6);
        opt.Step();
        Assert.Equal(0.71f, p.Value.Item(), 6);
    }

    [Fact]
    public void Sgd_DecoupledWeightDecayWithMomentum_KeepsTheDecayOutOfTheBuffer()
    {
        // SGDW, lr 0.1, lambda 0.5, mu 0.9, g = 1 each step:
        // step 1: b = 1;           p = (1 - 0.05) * 1 - 0.1 * 1     = 0.85
        // step 2: b = 0.9 + 1 = 1.9; p = 0.95 * 0.85 - 0.1 * 1.9    = 0.6175
        // (coupled L2 puts 0.5 p into the buffer and gives 0.5725 at step 2: see the next test)
        var p = Param(1f, 1f);
        var opt = new Sgd([p], lr: 0.1f, momentum: 0.9f, weightDecay: 0.5f, decoupledWeightDecay: true);
        opt.Step();
        Assert.Equal(0.85f, p.Value.Item(), 6);
        opt.Step();
        Assert.Equal(0.6175f, p.Value.Item(), 6);
    }

    [Fact]
    public void Sgd_CoupledWeightDecayWithMomentum_AddsTheDecayToTheGradient()
    {
        // step 1: g = 1 + 0.5 = 1.5, b = 1.5, p = 1 - 0.15 = 0.85
        // step 2: g = 1 + 0.425 = 1.425, b = 1.35 + 1.425 = 2.775, p = 0.85 - 0.2775 = 0.5725
        var p = Param(1f, 1f);
        var opt = new Sgd([p], lr: 0.1f, momentum: 0.9f, weightDecay: 0.5f);
        opt.Step();
        opt.Step();
        Assert.Equal(0.5725f, p.Value.Item(), 6);
    }

    [Fact]
    public void Adam_FirstStep_MovesByLrTimesSignOfGradient()
    {
        // After one step the bias-corrected m / sqrt(v) is g / |g| = +-1, so p moves by lr (eps aside).
        var p = Param(2f, -3f);
        new Adam([p], lr: 0.01f).Step();
        Assert.Equal(2.01f, p.Value.Item(), 5);
    }

    [Fact]
    public void AdamW_ZeroGradient_OnlyDecaysTheWeight()
    {
        // p = p (1 - lr lambda) = 1 * (1 - 0.1 * 0.5), then the Adam step of a zero gradient is 0.
        var p = Param(1f, 0f);
        new AdamW([p], lr: 0.1f, weightDecay: 0.5f).Step();
        Assert.Equal(0.95f, p.Value.Item(), 6);
    }

    [Fact]
    public void Adagrad_FirstStep_MovesByLr()
    {
        // s = g^2, step = lr g / (|g| + eps) = lr sign(g)
        var p = Param(0f, 4f);
        new Adagrad([p], lr: 0.5f).Step();
        Assert.Equal(-0.5f, p.Value.Item(), 6);
    }

    [Fact]
    public void RmsProp_FirstStep_DividesByRootOfWeightedSquare()
    {
        // v = (1 - 0.99) g^2 = 0.01 g^2 -> sqrt = 0.1 |g|; step = lr g / (0.1 |g|) = 10 lr sign(g)
        var p = Param(0f, 2f);
        new RmsProp([p], lr: 0.01f).Step();
        Assert.Equal(-0.1f, p.Value.Item(), 5);
    }

    [Fact]
    public void Step_ParameterWithoutGradient_IsLeftAlone()
    {
        var a = Param(1f, 1f);
        var b = new Parameter(Tensor.FromArray([5f], 1));
        var opt = new Adam([a, b], lr: 0.1f);
        opt.Step();
        Assert.Equal(5f, b.Value.Item());
        Assert.DoesNotContain(opt.StateDict().Buffers.Keys, k => k.StartsWith("1.", StringComparison.Ordinal));
    }

    public static TheoryData<string> Names => ["sgd", "adagrad", "rmsprop", "adam", "adamw"];

    private static Optimizer Create(string name, IEnumerable<Parameter> ps) => name switch
    {
        "sgd" => new Sgd(ps, 0.01f, momentum: 0.9f, nesterov: true, weightDecay: 1e-4f),
        "adagrad" => new Adagrad(ps, lrDecay: 0.01f),
        "rmsprop" => new RmsProp(ps, momentum: 0.5f, centered: true),
        "adam" => new Adam(ps, amsgrad: true),
        _ => new AdamW(ps),
    };

    [Theory]
    [MemberData(nameof(Names))]
    public void Step_SteadyState_AllocatesNothing(string name)
    {
        // 10,000 + 37 elements: exercises the 512-bit, 256-bit and scalar parts of the fused loops.
        var rng = new Rng(1);
        var ps = new[] { new Parameter(Tensor.Randn(rng, 100, 100)), new Parameter(Tensor.Randn(rng, 37)) };
        foreach (var p in ps)
        {
            p.Grad = Tensor.Randn(rng, p.Shape.Dims);
        }
        var opt = Create(name, ps);
        opt.Step(); // creates the state buffers
        opt.Step();
        // NOTE: the runtime may allocate on this thread while it re-compiles a hot method (tiered JIT), so the
        // quietest of three rounds is the step's own allocation.
        long allocated = long.MaxValue;
        for (int round = 0; round < 3; round++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 10; i++)
            {
                opt.Step();
            }
            allocated = Math.Min(allocated, GC.GetAllocatedBytesForCurrentThread() - before);
        }
        // Not a buffer, a string or even the no-grad scope (a struct): a steady-state step allocates nothing.
        Assert.True(allocated == 0, $"{name}: 10 steps allocated {allocated} bytes");
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Step_VectorAndScalarLanes_AgreeElementwise(string name)
    {
        // The same values placed in a 37-element tensor (vector lanes + scalar tail) and in 37 one-element tensors
        // (scalar lane only) must give identical updates.
        var rng = new Rng(3);
        var values = Tensor.Randn(rng, 37).ToArray();
        var grads = Tensor.Randn(rng, 37).ToArray();
        var big = new Parameter(Tensor.FromArray(values, 37)) { Grad = Tensor.FromArray(grads, 37) };
        var small = values.Select((v, i) => new Parameter(Tensor.FromArray([v], 1)) { Grad = Tensor.FromArray([grads[i]], 1) }).ToArray();
        var o1 = Create(name, [big]);
        var o2 = Create(name, small);
        for (int s = 0; s < 5; s++)
        {
            o1.Step();
            o2.Step();
        }
        Assert.Equal(small.Select(p => p.Value.Item()).ToArray(), big.Value.ToArray());
    }

    [Fact]
    public void Validation_BadValues_NameTheOption()
    {
        var ps = new[] { Param(0f, 0f) };
        Assert.Contains("Sgd: momentum must be in [0, 1), got 1.5",
            Assert.Throws<ArgumentOutOfRangeException>(() => new Sgd(ps, 0.1f, momentum: 1.5f)).Message, StringComparison.Ordinal);
        Assert.Contains("nesterov needs momentum > 0 and dampening = 0",
            Assert.Throws<ArgumentException>(() => new Sgd(ps, 0.1f, nesterov: true)).Message, StringComparison.Ordinal);
        Assert.Contains("Adam: beta2 must be in [0, 1), got 1",
            Assert.Throws<ArgumentOutOfRangeException>(() => new Adam(ps, betas: (0.9f, 1f))).Message, StringComparison.Ordinal);
        Assert.Contains("AdamW: lr must be a finite number >= 0, got -1",
            Assert.Throws<ArgumentOutOfRangeException>(() => new AdamW(ps, lr: -1f)).Message, StringComparison.Ordinal);
        Assert.Contains("RmsProp: alpha must be in [0, 1], got 2",
            Assert.Throws<ArgumentOutOfRangeException>(() => new RmsProp(ps, alpha: 2f)).Message, StringComparison.Ordinal);
        Assert.Contains("Adagrad: lrDecay must be a finite number >= 0, got -0.1",
            Assert.Throws<ArgumentOutOfRangeException>(() => new Adagrad(ps, lrDecay: -0.1f)).Message, StringComparison.Ordinal);
        Assert.Contains("empty parameter list",
            Assert.Throws<ArgumentException>(() => new Adam([])).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadStateDict_OtherOptimizer_IsRefused()
    {
        var ps = new[] { Param(0f, 1f) };
        var adam = new Adam(ps);
        adam.Step();
        var ex = Assert.Throws<ArgumentException>(() => new Sgd(ps, 0.1f).LoadStateDict(adam.StateDict()));
        Assert.Contains("cannot load a Adam state into Sgd", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_Record_RoundTripsThroughConstructor()
    {
        var ps = new[] { Param(0f, 1f) };
        var options = new AdamOptions(Lr: 0.005f, Beta1: 0.8f, Amsgrad: true);
        Assert.Equal(options, new Adam(ps, options).Options);
        Assert.Equal(new SgdOptions(0.1f, Momentum: 0.9f), new Sgd(ps, 0.1f, momentum: 0.9f).Options);
    }

    [Fact]
    public void OneCycle_PastTotalSteps_Throws_AndNeedsMomentumToCycle()
    {
        var ps = new[] { Param(0f, 1f) };
        var sched = new OneCycleLR(new Sgd(ps, 0.1f, momentum: 0.9f), maxLr: 1f, totalSteps: 3);
        sched.Step();
        sched.Step();
        sched.Step();
        Assert.Throws<InvalidOperationException>(sched.Step);
        var ex = Assert.Throws<ArgumentException>(() => new OneCycleLR(new Adagrad(ps), maxLr: 1f, totalSteps: 3));
        Assert.Contains("Adagrad has no momentum to cycle: pass cycleMomentum: false", ex.Message, StringComparison.Ordinal);
    }
}
