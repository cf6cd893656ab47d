using Nabla.Kernels;

namespace Nabla.NN.Training;

/// <summary>
/// One stage of a <see cref="FusedMlp"/>: a linear layer (as the module declared it, <see cref="FusedLinear"/>), the
/// element-wise activation after it and an optional dropout, with the buffers its forward and backward passes reuse (all <c>[capacity, Out]</c>).
/// </summary>
internal sealed class FusedLayer(FusedLinear linear, ActivationKind activation, float slope, Dropout? dropout)
{
    public FusedLinear Linear { get; } = linear;
    public int In => Linear.InFeatures;
    public int Out => Linear.OutFeatures;
    public ActivationKind Activation { get; } = activation;
    public float Slope { get; } = slope;
    public Dropout? Dropout { get; } = dropout;

    /// <summary>Whether the last training forward pass applied the dropout mask.</summary>
    public bool DropoutApplied { get; set; }

    /// <summary>Pre-activation z = x W^T + b.</summary>
    public float[] Z { get; private set; } = [];

    /// <summary>Activation output f(z): the same array as <see cref="Z"/> unless the activation's backward reads z.</summary>
    public float[] Y { get; private set; } = [];

    /// <summary>Dropout mask (0 or 1 / (1 - p)); empty without dropout.</summary>
    public float[] Mask { get; private set; } = [];

    /// <summary>The stage's output: dropout(f(z)), or <see cref="Y"/> when no mask was applied.</summary>
    public float[] Output => DropoutApplied ? Dropped : Y;

    /// <summary>Storage of the dropout output.</summary>
    public float[] Dropped { get; private set; } = [];

    /// <summary>dL/d(output) on entry to the backward step, dL/dz after the activation's backward.</summary>
    public float[] Grad { get; private set; } = [];

    /// <summary>The weight's gradient tensor <c>[Out, In]</c>, created once and handed to <see cref="Parameter.Grad"/> every step.</summary>
    public Tensor WeightGrad { get; } = Tensor.Zeros(linear.OutFeatures, linear.InFeatures);

    /// <summary>The bias's gradient tensor <c>[Out]</c>, or null when the layer has no bias.</summary>
    public Tensor? BiasGrad { get; } = linear.Bias is null ? null : Tensor.Zeros(linear.OutFeatures);

    /// <summary>(Re)allocates the activation buffers for batches of up to <paramref name="capacity"/> rows.</summary>
    public void Allocate(int capacity)
    {
        int n = capacity * Out;
        Z = new float[n];
        Y = BiasActivation.BackwardReadsZ(Activation) ? new float[n] : Z;
        Mask = Dropout is null ? [] : new float[n];
        Dropped = Dropout is null ? [] : new float[n];
        Grad = new float[n];
    }

    /// <summary>Fills the first <paramref name="n"/> mask values exactly as <see cref="Functional.Dropout"/> does, from the module's generator.</summary>
    public void DrawMask(int n)
    {
        float p = Dropout!.P;
        var mask = Mask.AsSpan(0, n);
        if (p >= 1f) { mask.Clear(); return; }
        float scale = 1f / (1f - p);
        Rng rng = Dropout.Rng;
        for (int i = 0; i < mask.Length; i++) mask[i] = rng.NextFloat() < p ? 0f : scale;
    }
}
