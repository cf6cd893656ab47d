using Nabla.Kernels;

namespace Nabla.Fused;

/// <summary>
/// The buffers one <see cref="DenseStage"/> reuses across the forward and backward passes of a <see cref="DenseStack"/>,
/// all <c>[capacity, out]</c>, allocated only when the batch grows.
/// </summary>
internal sealed class StageBuffers(DenseStage stage)
{
    public DenseStage Stage { get; } = stage;
    public int In => Stage.InFeatures;
    public int Out => Stage.OutFeatures;

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

    /// <summary>(Re)allocates the buffers for batches of up to <paramref name="capacity"/> rows.</summary>
    public void Allocate(int capacity)
    {
        int n = capacity * Out;
        Z = new float[n];
        Y = BiasActivation.BackwardReadsZ(Stage.Activation) ? new float[n] : Z;
        Mask = Stage.Dropout is null ? [] : new float[n];
        Dropped = Stage.Dropout is null ? [] : new float[n];
        Grad = new float[n];
    }

    /// <summary>Fills the first <paramref name="n"/> mask values as NN's <c>Functional.Dropout</c> does: one draw per element, in order.</summary>
    public void DrawMask(int n)
    {
        IDropoutSource dropout = Stage.Dropout!;
        float p = dropout.P;
        var mask = Mask.AsSpan(0, n);
        if (p >= 1f) { mask.Clear(); return; }
        float scale = 1f / (1f - p);
        Rng rng = dropout.Rng;
        for (int i = 0; i < mask.Length; i++) mask[i] = rng.NextFloat() < p ? 0f : scale;
    }
}
