using Nabla.Fused;

namespace Nabla.Tests.Fused;

/// <summary>The fused dense-stack engine through its public surface, against the same computation in Tensor ops + autograd.</summary>
public class DenseStackTests
{
    private sealed class Dropout(float p, ulong seed) : IDropoutSource
    {
        public float P { get; } = p;
        public Rng Rng { get; } = new(seed);
        public bool Training { get; set; } = true;
    }

    private static Tensor Leaf(Rng rng, params int[] shape)
    {
        var t = Tensor.Randn(rng, shape).Detach();
        t.RequiresGrad = true;
        return t;
    }

    private static DenseStage Stage(Rng rng, int inFeatures, int outFeatures, ActivationKind kind, float slope = 0f, IDropoutSource? dropout = null) =>
        new(Leaf(rng, outFeatures, inFeatures), Leaf(rng, outFeatures), kind, slope, dropout,
            Tensor.Zeros(outFeatures, inFeatures), Tensor.Zeros(outFeatures));

    private static Tensor Activate(Tensor z, ActivationKind kind, float slope) => kind switch
    {
        ActivationKind.Identity => z,
        ActivationKind.Relu => z.Relu(),
        ActivationKind.LeakyRelu => z.LeakyRelu(slope),
        ActivationKind.Sigmoid => z.Sigmoid(),
        ActivationKind.Tanh => z.Tanh(),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>The reference: the stages as Tensor ops (masks given per stage), then the loss, then Backward().</summary>
    private static float Reference(DenseStage[] stages, Tensor x, Tensor y, DenseStackLoss loss, Tensor?[] masks)
    {
        Tensor h = x;
        for (int i = 0; i < stages.Length; i++)
        {
            DenseStage s = stages[i];
            h = Activate(h.MatMul(s.Weight.T) + s.Bias!, s.Activation, s.Slope);
            if (masks[i] is { } mask) h *= mask;
        }
        Tensor l = loss == DenseStackLoss.SoftmaxCrossEntropy ? Tensor.CrossEntropyWithLogits(h, y) : (h - y).Square().Mean();
        l.Backward();
        return l.Item();
    }

    private static void AssertClose(Tensor expected, Tensor actual)
    {
        float[] e = expected.ToArray(), a = actual.ToArray();
        Assert.Equal(e.Length, a.Length);
        for (int i = 0; i < e.Length; i++) Assert.Equal(e[i], a[i], 1e-4f * (1 + Math.Abs(e[i])));
    }

    [Theory]
    [InlineData(ActivationKind.Relu, DenseStackLoss.SoftmaxCrossEntropy)]
    [InlineData(ActivationKind.LeakyRelu, DenseStackLoss.SoftmaxCrossEntropy)]
    [InlineData(ActivationKind.Sigmoid, DenseStackLoss.MeanSquaredError)]
    [InlineData(ActivationKind.Tanh, DenseStackLoss.MeanSquaredError)]
    public void ComputeGradients_EqualsAutograd(ActivationKind kind, DenseStackLoss loss)
    {
        var rng = new Rng(11);
        DenseStage[] stages = [Stage(rng, 5, 7, kind, 0.1f), Stage(rng, 7, 3, ActivationKind.Identity)];
        var engine = new DenseStack(stages, loss);
        const int batch = 6;
        var x = Tensor.Randn(rng, batch, 5);
        var y = loss == DenseStackLoss.SoftmaxCrossEntropy
            ? Tensor.FromArray([0, 2, 1, 1, 0, 2], batch)
            : Tensor.Randn(rng, batch, 3);

        float fused = engine.ComputeGradients(x.AsSpan(), y.AsSpan(), batch);
        float reference = Reference(stages, x, y, loss, [null, null]);

        Assert.Equal(reference, fused, 1e-4f * (1 + Math.Abs(reference)));
        foreach (var s in stages)
        {
            AssertClose(s.Weight.Grad!, s.WeightGrad!);
            AssertClose(s.Bias!.Grad!, s.BiasGrad!);
        }
        // Prediction runs the same forward pass (no dropout here), on its own buffers.
        var predicted = new float[batch * 3];
        engine.Predict(x.AsSpan(), batch, predicted);
        Assert.Equal(engine.Output.ToArray(), predicted);
    }

    [Fact]
    public void Dropout_DrawsOneMaskValuePerElementInOrder_AndStopsOutsideTraining()
    {
        var rng = new Rng(3);
        var dropout = new Dropout(0.5f, seed: 42);
        DenseStage[] stages = [Stage(rng, 4, 8, ActivationKind.Relu, dropout: dropout), Stage(rng, 8, 2, ActivationKind.Identity)];
        var engine = new DenseStack(stages, DenseStackLoss.SoftmaxCrossEntropy);
        var x = Tensor.Randn(rng, 3, 4);
        var y = Tensor.FromArray([1, 0, 1], 3);

        engine.ComputeGradients(x.AsSpan(), y.AsSpan(), 3);
        var maskRng = new Rng(42);
        var mask = new float[3 * 8];
        for (int i = 0; i < mask.Length; i++) mask[i] = maskRng.NextFloat() < 0.5f ? 0f : 2f;
        Reference(stages, x, y, DenseStackLoss.SoftmaxCrossEntropy, [Tensor.FromArray(mask, 3, 8), null]);
        AssertClose(stages[0].Weight.Grad!, stages[0].WeightGrad!);
        AssertClose(stages[1].Weight.Grad!, stages[1].WeightGrad!);

        dropout.Training = false;
        engine.ComputeGradients(x.AsSpan(), y.AsSpan(), 3);
        var predicted = new float[3 * 2];
        engine.Predict(x.AsSpan(), 3, predicted);
        Assert.Equal(predicted, engine.Output.ToArray());
    }

    [Fact]
    public void ComputeGradients_LeavesFrozenTensorsGradientsAlone()
    {
        var rng = new Rng(5);
        DenseStage stage = Stage(rng, 3, 2, ActivationKind.Tanh);
        stage.Weight.RequiresGrad = false;
        stage.WeightGrad!.AsSpan().Fill(7f);
        var engine = new DenseStack([stage], DenseStackLoss.MeanSquaredError);
        engine.ComputeGradients(Tensor.Randn(rng, 4, 3).AsSpan(), Tensor.Randn(rng, 4, 2).AsSpan(), 4);
        Assert.All(stage.WeightGrad.ToArray(), g => Assert.Equal(7f, g));
        Assert.Contains(stage.BiasGrad!.ToArray(), g => g != 0f);
    }

    [Fact]
    public void Constructor_NamesTheStageAndShapeThatDoNotFit()
    {
        var rng = new Rng(1);
        DenseStage a = Stage(rng, 4, 5, ActivationKind.Relu), b = Stage(rng, 6, 2, ActivationKind.Identity);
        var e = Assert.Throws<ArgumentException>(() => new DenseStack([a, b], DenseStackLoss.MeanSquaredError));
        Assert.Contains("stage 1 takes 6 features (weight [2, 6]) but stage 0 outputs 5", e.Message);

        e = Assert.Throws<ArgumentException>(() => new DenseStack([a with { Bias = Tensor.Zeros(4) }], DenseStackLoss.MeanSquaredError));
        Assert.Contains("stage 0's bias must be [5] for weight [5, 4]; got [4]", e.Message);

        e = Assert.Throws<ArgumentException>(() => new DenseStack([a with { WeightGrad = Tensor.Zeros(4, 5) }], DenseStackLoss.MeanSquaredError));
        Assert.Contains("stage 0's weight gradient must have the weight's shape [5, 4]; got [4, 5]", e.Message);

        e = Assert.Throws<ArgumentException>(() => new DenseStack([a with { Weight = Tensor.Zeros(5) }], DenseStackLoss.MeanSquaredError));
        Assert.Contains("stage 0's weight must be [out, in]", e.Message);

        Assert.Throws<ArgumentException>(() => new DenseStack([], DenseStackLoss.MeanSquaredError));
    }

    [Fact]
    public void Calls_SayWhatTheSpansMiss()
    {
        var rng = new Rng(2);
        var engine = new DenseStack([Stage(rng, 4, 3, ActivationKind.Relu)], DenseStackLoss.SoftmaxCrossEntropy);
        Assert.Equal((4, 3, 1), (engine.InputSize, engine.OutputSize, engine.TargetWidth));

        var e = Assert.Throws<ArgumentException>(() => engine.ComputeGradients(new float[7], new float[2], 2));
        Assert.Contains("a batch of 2 samples of 4 features needs 8 floats; the features hold 7", e.Message);
        e = Assert.Throws<ArgumentException>(() => engine.ComputeGradients(new float[8], new float[1], 2));
        Assert.Contains("SoftmaxCrossEntropy needs 2 target floats for a batch of 2; the targets hold 1", e.Message);
        e = Assert.Throws<ArgumentException>(() => engine.ComputeGradients(new float[8], new float[] { 0, 3 }, 2));
        Assert.Contains("target 1 is 3", e.Message);
        e = Assert.Throws<ArgumentException>(() => engine.Predict(new float[8], 2, new float[5]));
        Assert.Contains("needs room for 6 outputs; the output holds 5", e.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => engine.Predict(new float[8], 0, new float[6]));
    }

    [Fact]
    public void SteadyStateCalls_AllocateNothing()
    {
        var rng = new Rng(9);
        var dropout = new Dropout(0.25f, seed: 1);
        var engine = new DenseStack([Stage(rng, 6, 8, ActivationKind.LeakyRelu, 0.1f, dropout), Stage(rng, 8, 3, ActivationKind.Identity)],
            DenseStackLoss.SoftmaxCrossEntropy);
        float[] x = Tensor.Randn(rng, 4, 6).ToArray(), y = [0, 1, 2, 1], output = new float[4 * 3];
        engine.ComputeGradients(x, y, 4);
        engine.Predict(x, 4, output);
        engine.Predict(x, 1, output);
        // NOTE: the runtime may allocate on this thread while it re-compiles a hot method (tiered JIT), so the
        // quietest of three rounds is the calls' own allocation.
        long allocated = long.MaxValue;
        for (int round = 0; round < 3; round++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 5; i++)
            {
                engine.ComputeGradients(x, y, 4);
                engine.Predict(x, 4, output);
                engine.Predict(x, 1, output);
            }
            allocated = Math.Min(allocated, GC.GetAllocatedBytesForCurrentThread() - before);
        }
        Assert.True(allocated == 0, $"5 rounds of training and prediction allocated {allocated} bytes");
    }
}
