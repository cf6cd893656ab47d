namespace Nabla.NN.Training;

/// <summary>One layer's health in one epoch.</summary>
/// <param name="Layer">Dotted module name (<c>"0"</c>, <c>"encoder.2"</c>); for activation rows, the activation module's name.</param>
/// <param name="Description">The module as printed (e.g. <c>Dense(16 -> 16)</c>, <c>Sigmoid()</c>).</param>
/// <param name="GradientNorm">
/// For layers with parameters: the L2 norm of all their parameter gradients, sqrt(sum g^2) over weight and bias,
/// averaged over the epoch's steps. Null for parameter-free layers.
/// </param>
/// <param name="SaturatedFraction">
/// For Sigmoid/Tanh: the fraction of outputs where the local derivative is below 1% of its maximum
/// (sigmoid: y(1-y) &lt; 0.0025, i.e. y &lt; 0.0025 or y &gt; 0.9975; tanh: 1 - y^2 &lt; 0.01, i.e. |y| &gt; 0.995),
/// where almost no gradient passes. Null otherwise.
/// </param>
/// <param name="DeadFraction">For ReLU: the fraction of units that output 0 for every sample of the diagnostic batch (they pass no gradient at all). Null otherwise.</param>
public sealed record LayerStatistics(string Layer, string Description, double? GradientNorm, double? SaturatedFraction, double? DeadFraction);

/// <summary>Per-layer gradient norms and activation statistics of one epoch, first layer first, and the warnings they raised.</summary>
/// <param name="Layers">Parameterised layers and activations in forward order.</param>
/// <param name="Warnings">Vanishing/exploding warnings raised this epoch (each named layer is warned about once per run).</param>
public sealed record GradientReport(IReadOnlyList<LayerStatistics> Layers, IReadOnlyList<string> Warnings);

/// <summary>Settings of the per-epoch gradient diagnostics (the lectures' vanishing and exploding gradients).</summary>
public sealed record DiagnosticsOptions
{
    /// <summary>Collect diagnostics at all (on by default; the cost is one norm per parameter per step and one forward pass per epoch).</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>A layer whose mean gradient norm falls below this is reported as vanishing.</summary>
    public double VanishingThreshold { get; init; } = 1e-7;

    /// <summary>A layer whose mean gradient norm rises above this is reported as exploding.</summary>
    public double ExplodingThreshold { get; init; } = 1e3;

    /// <summary>Training samples (the first ones) used to measure activation saturation and dead units each epoch.</summary>
    public int ActivationSamples { get; init; } = 256;
}
