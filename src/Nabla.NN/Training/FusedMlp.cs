using Nabla.Fused;
using Nabla.Kernels;
using Nabla.NN.Optim;

namespace Nabla.NN.Training;

/// <summary>
/// The fast training path for multi-layer perceptrons: the same model, loss and optimizer as the autograd path
/// (<c>loss.Forward(model.Forward(x), y).Backward(); optimizer.Step()</c>), computed without building a graph and
/// without allocating. Forward runs one GEMM per layer followed by one fused bias + activation pass; the loss is a
/// fused softmax-cross-entropy (or squared error) forward and backward; backward runs GEMMs with transpose flags that
/// write straight into each parameter's <see cref="Parameter.Grad"/> buffer; then the optimizer's fused step. Every
/// buffer is allocated once for the largest batch seen and reused, so a steady-state step allocates nothing.
/// The computation is Core's <see cref="DenseStack"/> engine; this type reads the modules' declarations
/// (<see cref="Module.FusedPart"/>), builds the engine's stages, hands the gradients to the parameters and steps the optimizer.
/// </summary>
/// <remarks>
/// <para>Eligible models (see <see cref="TryCreate(Module, Loss, Optimizer?, out string?)"/>): modules that declare
/// themselves fusable (<see cref="Module.FusedPart"/>) in the order linear, at most one activation, at most one dropout,
/// repeated: today a <see cref="Dense"/>, or a <see cref="Sequential"/> of <see cref="Dense"/> layers each followed by
/// an activation module that declares a fused kernel and a <see cref="Dropout"/>; no regularizers. Losses: <see cref="CrossEntropyLoss"/> with class indices (no class weights,
/// no label smoothing) or <see cref="MseLoss"/>, both mean-reduced. Any <see cref="Optimizer"/>.</para>
/// <para>Gradients equal the autograd path's up to float rounding (the tests check this for every activation and
/// both losses); dropout draws its masks from the <see cref="Dropout"/> module's own generator in the same order,
/// and only while that module is in training mode. A call replaces the parameters' gradients, as
/// <c>optimizer.ZeroGrad()</c> followed by <c>Backward()</c> would. Not thread-safe: one training loop per instance.
/// Matrix products use up to <see cref="Threading.MaxThreads"/> threads (<c>NABLA_NUM_THREADS</c>).</para>
/// </remarks>
public sealed partial class FusedMlp
{
    private readonly DenseStack _engine;
    private readonly FusedLinear[] _linears;
    private readonly DenseStage[] _stages;
    private readonly bool _crossEntropy;

    private FusedMlp(Module model, Loss loss, Optimizer? optimizer, FusedLinear[] linears, DenseStage[] stages)
    {
        Model = model;
        Loss = loss;
        Optimizer = optimizer;
        _linears = linears;
        _stages = stages;
        _crossEntropy = loss is CrossEntropyLoss;
        _engine = new DenseStack(stages, _crossEntropy ? DenseStackLoss.SoftmaxCrossEntropy : DenseStackLoss.MeanSquaredError);
    }

    /// <summary>The model whose parameters this path reads and whose gradients it writes.</summary>
    public Module Model { get; }

    /// <summary>The loss it computes (cross-entropy on class indices, or mean squared error).</summary>
    public Loss Loss { get; }

    /// <summary>The optimizer <see cref="TrainStep(ReadOnlySpan{float}, ReadOnlySpan{float}, int)"/> applies, or null.</summary>
    public Optimizer? Optimizer { get; }

    /// <summary>Width of each input sample (the first layer's inFeatures).</summary>
    public int InputSize => _engine.InputSize;

    /// <summary>Width of each output sample (the last layer's outFeatures; the number of classes for cross-entropy).</summary>
    public int OutputSize => _engine.OutputSize;

    /// <summary>
    /// The model's outputs <c>[batch, OutputSize]</c> from the last <see cref="ComputeGradients(ReadOnlySpan{float}, ReadOnlySpan{float}, int)"/>
    /// (logits for cross-entropy). Valid until the next call.
    /// </summary>
    public ReadOnlySpan<float> Output => _engine.Output;

    /// <summary>Builds the fast path for <paramref name="model"/>, or returns null when it is not eligible.</summary>
    public static FusedMlp? TryCreate(Module model, Loss loss, Optimizer? optimizer = null) =>
        TryCreate(model, loss, optimizer, out _);

    /// <summary>
    /// Builds the fast path for <paramref name="model"/> with <paramref name="loss"/> and <paramref name="optimizer"/>
    /// (null: gradients and predictions only), or returns null and says why in <paramref name="reason"/>.
    /// </summary>
    public static FusedMlp? TryCreate(Module model, Loss loss, Optimizer? optimizer, out string? reason)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(loss);
        reason = LossProblem(loss) ?? RegularizerProblem(model);
        if (reason is not null || Plan(model, out reason) is not { } plan) return null;
        return new FusedMlp(model, loss, optimizer, plan.Linears, plan.Stages);
    }

    /// <summary>Builds the fast path or throws, naming what makes the model or loss ineligible.</summary>
    /// <exception cref="ArgumentException">The model or loss is not supported (the message says which part).</exception>
    public static FusedMlp Create(Module model, Loss loss, Optimizer? optimizer = null) =>
        TryCreate(model, loss, optimizer, out string? reason)
        ?? throw new ArgumentException($"FusedMlp cannot run this model: {reason}");

    private static string? LossProblem(Loss loss)
    {
        if (loss.Reduction != Reduction.Mean) return $"the loss must be mean-reduced; got Reduction.{loss.Reduction}";
        return loss switch
        {
            CrossEntropyLoss { Weight: not null } => "CrossEntropyLoss with class weights is not fused",
            CrossEntropyLoss { LabelSmoothing: not 0f } => "CrossEntropyLoss with label smoothing is not fused",
            CrossEntropyLoss or MseLoss => null,
            _ => $"{loss.GetType().Name} is not fused (supported: CrossEntropyLoss, MseLoss)",
        };
    }

    private static string? RegularizerProblem(Module model)
    {
        foreach (var (name, m) in model.NamedModules())
            if (m.Regularizer is not null) return $"module '{name}' has a regularizer (its penalty is not fused)";
        return null;
    }

    /// <summary>
    /// Reads the model as linear [activation] [dropout] stages from what its modules declare
    /// (<see cref="Module.FusedSequence"/>, <see cref="Module.FusedPart"/>) and builds the engine's stages (each with
    /// gradient tensors created once and handed to the parameters every step), or returns null with the reason.
    /// </summary>
    private static (FusedLinear[] Linears, DenseStage[] Stages)? Plan(Module model, out string? reason)
    {
        IReadOnlyList<Module> modules = model.FusedSequence;
        reason = null;
        if (modules.Count == 0)
        {
            reason = $"the model ({model.GetType().Name}) has no layers";
            return null;
        }
        var linears = new List<FusedLinear>();
        var stages = new List<DenseStage>();
        int i = 0;
        while (i < modules.Count)
        {
            if (modules[i].FusedPart is not FusedLinear linear)
            {
                reason = $"layer {i} ({modules[i].GetType().Name}) must be a Dense, or an activation or Dropout right after one";
                return null;
            }
            if (linears.Count > 0 && linears[^1].OutFeatures != linear.InFeatures)
            {
                reason = $"layer {i} is Dense({linear.InFeatures} -> {linear.OutFeatures}) but the previous layer outputs {linears[^1].OutFeatures} features";
                return null;
            }
            i++;
            var activation = new FusedActivation(ActivationKind.Identity);
            if (i < modules.Count && modules[i].FusedPart is FusedActivation declared) { activation = declared; i++; }
            FusedDropout? dropout = null;
            if (i < modules.Count && modules[i].FusedPart is FusedDropout d) { dropout = d; i++; }
            linears.Add(linear);
            stages.Add(new DenseStage(linear.Weight.Value, linear.Bias?.Value, activation.Kind, activation.Slope, dropout,
                Tensor.Zeros(linear.OutFeatures, linear.InFeatures), linear.Bias is null ? null : Tensor.Zeros(linear.OutFeatures)));
        }
        return ([.. linears], [.. stages]);
    }
}
