namespace Nabla.NN;

/// <summary>
/// A module that draws random numbers while it runs (such as <see cref="Dropout"/>). Checkpoints save and
/// restore its generator so that a resumed run draws exactly what the uninterrupted run would have drawn.
/// </summary>
public interface IRandomModule
{
    /// <summary>The module's own generator.</summary>
    Rng Rng { get; }
}
