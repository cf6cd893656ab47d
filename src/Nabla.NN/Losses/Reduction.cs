namespace Nabla.NN;

/// <summary>How a loss combines its per-element (or per-sample) values (PyTorch's <c>reduction</c>).</summary>
public enum Reduction
{
    /// <summary>The average: a scalar. (Weighted losses divide by the total weight, as PyTorch does.)</summary>
    Mean,
    /// <summary>The sum: a scalar.</summary>
    Sum,
    /// <summary>No reduction: one value per element (or per sample for the classification losses).</summary>
    None,
}
