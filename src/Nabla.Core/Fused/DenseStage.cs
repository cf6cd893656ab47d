namespace Nabla.Fused;

/// <summary>
/// One stage of a <see cref="DenseStack"/>: <c>y = dropout(f(x W^T + b))</c>. The tensors are the caller's: the
/// engine reads <see cref="Weight"/> and <see cref="Bias"/> live on every call (an optimizer may update them in place
/// between calls) and writes the stage's gradients into <see cref="WeightGrad"/> and <see cref="BiasGrad"/>.
/// </summary>
/// <param name="Weight">The weight <c>[out, in]</c> (a dense layer's layout; read transposed in place).</param>
/// <param name="Bias">The bias <c>[out]</c>, or null for none.</param>
/// <param name="Activation">The element-wise activation f after the product.</param>
/// <param name="Slope">The activation's parameter (a negative slope); ignored by kinds without one.</param>
/// <param name="Dropout">Where the dropout after f draws its masks, or null for none.</param>
/// <param name="WeightGrad">
/// Receives dL/dW <c>[out, in]</c> on each <see cref="DenseStack.ComputeGradients(ReadOnlySpan{float}, ReadOnlySpan{float}, int)"/>
/// while <see cref="Weight"/>'s <see cref="Tensor.RequiresGrad"/> is on; null: never computed.
/// </param>
/// <param name="BiasGrad">Receives dL/db <c>[out]</c> likewise while <see cref="Bias"/> requires a gradient; null: never computed.</param>
public sealed record DenseStage(Tensor Weight, Tensor? Bias, ActivationKind Activation = ActivationKind.Identity,
    float Slope = 0f, IDropoutSource? Dropout = null, Tensor? WeightGrad = null, Tensor? BiasGrad = null)
{
    /// <summary>Input features (the weight's columns).</summary>
    public int InFeatures => Weight.Shape[1];

    /// <summary>Output features (the weight's rows).</summary>
    public int OutFeatures => Weight.Shape[0];
}

/// <summary>
/// The dropout after a <see cref="DenseStage"/>'s activation (inverted dropout: each element is zeroed with
/// probability <see cref="P"/>, survivors scaled by <c>1 / (1 - p)</c>). The engine reads these on every training pass,
/// so a module that implements it can switch training mode between calls.
/// </summary>
public interface IDropoutSource
{
    /// <summary>Probability of zeroing an element, in [0, 1].</summary>
    float P { get; }

    /// <summary>The generator the masks are drawn from, one <see cref="Rng.NextFloat"/> per element in row-major order.</summary>
    Rng Rng { get; }

    /// <summary>Whether training passes apply the mask (false: the identity, as in evaluation mode).</summary>
    bool Training { get; }
}

/// <summary>The loss a <see cref="DenseStack"/> computes on its output, mean-reduced over the batch.</summary>
public enum DenseStackLoss
{
    /// <summary>Softmax cross-entropy of the output (logits <c>[batch, classes]</c>) against class indices <c>[batch]</c> held as floats.</summary>
    SoftmaxCrossEntropy,

    /// <summary>Mean squared error of the output against targets of the same shape, averaged over every element.</summary>
    MeanSquaredError,
}
