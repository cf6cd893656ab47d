namespace Nabla;

public sealed partial class Tensor
{
    // NOTE: Tensor does not overload == (the graph keys tensors by reference): comparisons are methods returning
    // 0/1 float tensors, so accuracy is pred.Eq(target).Mean().Item().

    /// <summary>1 where <c>this == other</c>, else 0, with broadcasting; no gradient (comparisons are flat).</summary>
    public Tensor Eq(Tensor other) => Compare(other, "Eq", (a, b) => a == b);

    /// <summary>1 where <c>this != other</c> (NaN differs from everything), else 0, with broadcasting.</summary>
    public Tensor Ne(Tensor other) => Compare(other, "Ne", (a, b) => a != b);

    /// <summary>1 where <c>this &gt; other</c>, else 0, with broadcasting.</summary>
    public Tensor Gt(Tensor other) => Compare(other, "Gt", (a, b) => a > b);

    /// <summary>1 where <c>this &gt;= other</c>, else 0, with broadcasting.</summary>
    public Tensor Ge(Tensor other) => Compare(other, "Ge", (a, b) => a >= b);

    /// <summary>1 where <c>this &lt; other</c>, else 0, with broadcasting.</summary>
    public Tensor Lt(Tensor other) => Compare(other, "Lt", (a, b) => a < b);

    /// <summary>1 where <c>this &lt;= other</c>, else 0, with broadcasting.</summary>
    public Tensor Le(Tensor other) => Compare(other, "Le", (a, b) => a <= b);

    /// <summary>1 where <c>this == value</c>, else 0.</summary>
    public Tensor Eq(float value) => Eq(Constant(value));

    /// <summary>1 where <c>this != value</c>, else 0.</summary>
    public Tensor Ne(float value) => Ne(Constant(value));

    /// <summary>1 where <c>this &gt; value</c>, else 0.</summary>
    public Tensor Gt(float value) => Gt(Constant(value));

    /// <summary>1 where <c>this &gt;= value</c>, else 0.</summary>
    public Tensor Ge(float value) => Ge(Constant(value));

    /// <summary>1 where <c>this &lt; value</c>, else 0.</summary>
    public Tensor Lt(float value) => Lt(Constant(value));

    /// <summary>1 where <c>this &lt;= value</c>, else 0.</summary>
    public Tensor Le(float value) => Le(Constant(value));

    /// <summary>
    /// Picks <paramref name="a"/> where <paramref name="condition"/> is non-zero, else <paramref name="b"/> (PyTorch's
    /// <c>torch.where</c>), all three broadcast together. The gradient flows to the operand that was picked.
    /// </summary>
    public static Tensor Where(Tensor condition, Tensor a, Tensor b)
    {
        ArgumentNullException.ThrowIfNull(condition);
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var shape = Shape.Broadcast(Shape.Broadcast(condition.Shape, a.Shape, "Where"), b.Shape, "Where");
        var mask = Picks(condition, shape);
        float[] av = a.Detach().BroadcastTo(shape.Dims).ToArray(), bv = b.Detach().BroadcastTo(shape.Dims).ToArray();
        var result = new float[shape.Size];
        for (int i = 0; i < result.Length; i++) result[i] = mask[i] ? av[i] : bv[i];
        return Autograd.Record(new Tensor(result, shape), new WhereBackward(mask, a, b));
    }

    /// <summary>Picks <paramref name="a"/> where <paramref name="condition"/> is non-zero, else the constant <paramref name="b"/>.</summary>
    public static Tensor Where(Tensor condition, Tensor a, float b) => Where(condition, a, Constant(b));

    /// <summary>This tensor with <paramref name="value"/> wherever <paramref name="mask"/> (broadcast to this shape) is non-zero; no gradient flows there.</summary>
    public Tensor MaskedFill(Tensor mask, float value)
    {
        ArgumentNullException.ThrowIfNull(mask);
        if (!Shape.Broadcast(mask.Shape, Shape, "MaskedFill").Equals(Shape))
            throw new ArgumentException($"MaskedFill: a mask of shape {mask.Shape} does not broadcast to the tensor's shape {Shape}.");
        return Where(mask, Constant(value), this);
    }

    private Tensor Compare(Tensor other, string operation, Func<float, float, bool> test)
    {
        ArgumentNullException.ThrowIfNull(other);
        var shape = Shape.Broadcast(Shape, other.Shape, operation);
        float[] a = Detach().BroadcastTo(shape.Dims).ToArray(), b = other.Detach().BroadcastTo(shape.Dims).ToArray();
        var result = new float[shape.Size];
        for (int i = 0; i < result.Length; i++) result[i] = test(a[i], b[i]) ? 1f : 0f;
        return new Tensor(result, shape);
    }

    private static bool[] Picks(Tensor condition, Shape shape)
    {
        var c = condition.Detach().BroadcastTo(shape.Dims).ToArray();
        var mask = new bool[c.Length];
        for (int i = 0; i < c.Length; i++) mask[i] = c[i] != 0f;
        return mask;
    }
}
