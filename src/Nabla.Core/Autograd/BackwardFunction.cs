namespace Nabla;

/// <summary>
/// A node of the computational graph: the operation that produced a tensor, holding exactly what its
/// derivative needs. Each op has a small sealed subclass in <c>Derivatives.cs</c>; subclass it yourself
/// for a custom op and attach it with <see cref="Autograd.Record"/>.
/// </summary>
public abstract class BackwardFunction
{
    private readonly Tensor[] inputs;

    /// <summary>Creates a node for an op applied to <paramref name="inputs"/> (its operands, in order).</summary>
    protected BackwardFunction(params Tensor[] inputs)
    {
        this.inputs = inputs;
    }

    /// <summary>The tensors the op was applied to, in operand order.</summary>
    public IReadOnlyList<Tensor> Inputs => inputs;

    /// <summary>The node's display name, like PyTorch's (<c>MulBackward</c>).</summary>
    public virtual string Name => GetType().Name;

    /// <summary>True once a backward pass without <c>retainGraph</c> has freed what this node saved.</summary>
    public bool IsReleased { get; private set; }

    /// <summary>
    /// Given dL/d(output), returns dL/d(input) for each input, in operand order, each with that input's shape
    /// (null where an input does not require a gradient). Runs with grad mode off.
    /// </summary>
    public abstract Tensor?[] Backward(Tensor gradOutput);

    /// <summary>Drops saved tensors so their memory can be reclaimed; override to null out saved fields.</summary>
    protected virtual void ReleaseSavedTensors() { }

    internal void Release()
    {
        ReleaseSavedTensors();
        IsReleased = true;
    }

    /// <summary>Whether input <paramref name="index"/> needs a gradient (so a rule can skip work).</summary>
    protected bool NeedsGrad(int index) => inputs[index].RequiresGrad;
}

/// <summary>Attaches backward functions to results: the one recording gate every op passes through.</summary>
public static class Autograd
{
    /// <summary>
    /// Records that <paramref name="output"/> was computed by <paramref name="function"/>, when grad mode is on
    /// and any of its inputs requires a gradient; otherwise leaves the output a plain constant. Returns the output.
    /// </summary>
    public static Tensor Record(Tensor output, BackwardFunction function)
    {
        if (!GradMode.IsEnabled) return output;
        foreach (var input in function.Inputs)
        {
            if (input.RequiresGrad)
            {
                output.AttachGradFn(function);
                return output;
            }
        }
        return output;
    }
}
