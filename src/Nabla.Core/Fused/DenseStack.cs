namespace Nabla.Fused;

/// <summary>
/// A stack of dense stages (<see cref="DenseStage"/>: matrix product, bias, activation, optional dropout) trained and
/// run without an autograd graph and without allocating: forward runs one GEMM per stage followed by one fused bias +
/// activation pass; the loss (<see cref="DenseStackLoss"/>) is computed with its gradient in one pass; backward runs
/// GEMMs with transpose flags that write straight into the stages' gradient tensors. Every buffer is allocated once for
/// the largest batch seen and reused, so a steady-state call allocates nothing.
/// </summary>
/// <remarks>
/// Gradients equal those of the same computation through <see cref="Tensor"/> ops and <see cref="Tensor.Backward(bool)"/>
/// up to float rounding; results do not depend on <see cref="Kernels.Threading.MaxThreads"/>. Not thread-safe: one caller
/// per instance (training and prediction use separate buffers, so a prediction never disturbs a pending step).
/// </remarks>
public sealed partial class DenseStack
{
    private readonly StageBuffers[] _stages;
    private int _capacity;
    private int _batch;

    /// <summary>Builds the engine for <paramref name="stages"/> (in order) and <paramref name="loss"/>.</summary>
    /// <exception cref="ArgumentException">No stage, a tensor of the wrong shape, or a stage whose input width is not the previous stage's output width (the message names the stage).</exception>
    public DenseStack(IReadOnlyList<DenseStage> stages, DenseStackLoss loss)
    {
        ArgumentNullException.ThrowIfNull(stages);
        if (stages.Count == 0) throw new ArgumentException("DenseStack: give at least one stage.", nameof(stages));
        if (!Enum.IsDefined(loss)) throw new ArgumentOutOfRangeException(nameof(loss), loss, "DenseStack: unknown loss.");
        _stages = new StageBuffers[stages.Count];
        for (int i = 0; i < stages.Count; i++)
        {
            DenseStage stage = stages[i] ?? throw new ArgumentNullException(nameof(stages), $"DenseStack: stage {i} is null.");
            Validate(stage, i);
            if (i > 0 && stage.InFeatures != _stages[i - 1].Out)
                throw new ArgumentException(
                    $"DenseStack: stage {i} takes {stage.InFeatures} features (weight {stage.Weight.Shape}) but stage {i - 1} outputs {_stages[i - 1].Out}.",
                    nameof(stages));
            _stages[i] = new StageBuffers(stage);
        }
        Loss = loss;
    }

    /// <summary>The loss <see cref="ComputeGradients(ReadOnlySpan{float}, ReadOnlySpan{float}, int)"/> computes.</summary>
    public DenseStackLoss Loss { get; }

    /// <summary>Width of each input sample (the first stage's input features).</summary>
    public int InputSize => _stages[0].In;

    /// <summary>Width of each output sample (the last stage's output features; the number of classes for cross-entropy).</summary>
    public int OutputSize => _stages[^1].Out;

    /// <summary>Target values per sample: 1 (a class index) for cross-entropy, <see cref="OutputSize"/> for squared error.</summary>
    public int TargetWidth => Loss == DenseStackLoss.SoftmaxCrossEntropy ? 1 : OutputSize;

    /// <summary>
    /// The outputs <c>[batch, OutputSize]</c> of the last <see cref="ComputeGradients(ReadOnlySpan{float}, ReadOnlySpan{float}, int)"/>
    /// (logits for cross-entropy). Valid until the next call.
    /// </summary>
    public ReadOnlySpan<float> Output => _batch == 0 ? [] : _stages[^1].Output.AsSpan(0, _batch * OutputSize);

    private static void Validate(DenseStage s, int i)
    {
        if (s.Weight.Rank != 2 || s.Weight.Shape[0] < 1 || s.Weight.Shape[1] < 1)
            throw new ArgumentException($"DenseStack: stage {i}'s weight must be [out, in] with out, in >= 1; got {s.Weight.Shape}.");
        int outFeatures = s.OutFeatures;
        if (s.Bias is { } b && (b.Rank != 1 || b.Shape[0] != outFeatures))
            throw new ArgumentException($"DenseStack: stage {i}'s bias must be [{outFeatures}] for weight {s.Weight.Shape}; got {b.Shape}.");
        if (s.WeightGrad is { } gw && !gw.Shape.Equals(s.Weight.Shape))
            throw new ArgumentException($"DenseStack: stage {i}'s weight gradient must have the weight's shape {s.Weight.Shape}; got {gw.Shape}.");
        if (s.BiasGrad is { } gb && (s.Bias is null || !gb.Shape.Equals(s.Bias.Shape)))
            throw new ArgumentException(s.Bias is null
                ? $"DenseStack: stage {i} has a bias gradient but no bias."
                : $"DenseStack: stage {i}'s bias gradient must have the bias's shape {s.Bias.Shape}; got {gb.Shape}.");
        if (!Enum.IsDefined(s.Activation))
            throw new ArgumentException($"DenseStack: stage {i} has an unknown activation ({(int)s.Activation}).");
    }

    /// <summary>Throws unless <paramref name="features"/> holds <paramref name="batch"/> samples.</summary>
    private void CheckFeatures(int features, int batch, string method)
    {
        if (batch < 1) throw new ArgumentOutOfRangeException(nameof(batch), batch, $"DenseStack.{method}: the batch must hold at least one sample.");
        if (features < (long)batch * InputSize)
            throw new ArgumentException(
                $"DenseStack.{method}: a batch of {batch} samples of {InputSize} features needs {(long)batch * InputSize} floats; the features hold {features}.");
    }

    /// <summary>Makes every buffer hold at least <paramref name="batch"/> rows (allocates only when the batch grows).</summary>
    private void EnsureCapacity(int batch)
    {
        if (batch <= _capacity) return;
        foreach (var stage in _stages) stage.Allocate(batch);
        _capacity = batch;
    }
}
