using Nabla.Fused;

namespace Nabla.NN;

/// <summary>
/// How a module declares that the fused training and inference path (<see cref="Training.FusedMlp"/>) can run it:
/// a module returns one of these from <see cref="Module.FusedPart"/>, or null when only the autograd path can. The
/// fused path reads the parts in order as stages of <c>linear [activation] [dropout]</c>; it never inspects module
/// classes, so a new layer or activation becomes fusable by declaring itself here (and having a kernel).
/// </summary>
public abstract record FusedPart;

/// <summary>A dense layer <c>y = x W^T + b</c>: the start of a fused stage.</summary>
/// <param name="Weight">The weight <c>[out, in]</c>.</param>
/// <param name="Bias">The bias <c>[out]</c>, or null.</param>
public sealed record FusedLinear(Parameter Weight, Parameter? Bias) : FusedPart
{
    /// <summary>Input features (the weight's columns).</summary>
    public int InFeatures => Weight.Value.Shape[1];

    /// <summary>Output features (the weight's rows).</summary>
    public int OutFeatures => Weight.Value.Shape[0];
}

/// <summary>An element-wise activation the fused kernels compute, applied right after a <see cref="FusedLinear"/>.</summary>
/// <param name="Kind">The kernel's activation (Core's selector; an activation without a fused kernel declares nothing).</param>
/// <param name="Slope">The kind's parameter (a negative slope); 0 for kinds without one.</param>
public sealed record FusedActivation(ActivationKind Kind, float Slope = 0f) : FusedPart;

/// <summary>
/// Inverted dropout after a stage's activation; masks come from the module's own generator. It is the fused engine's
/// dropout source, read live, so switching the module between training and evaluation mode takes effect on the next step.
/// </summary>
/// <param name="Module">The dropout module (its probability, generator and training mode).</param>
public sealed record FusedDropout(Dropout Module) : FusedPart, IDropoutSource
{
    float IDropoutSource.P => Module.P;
    Rng IDropoutSource.Rng => Module.Rng;
    bool IDropoutSource.Training => Module.Training;
}
