using Nabla.Kernels;

namespace Nabla;

public sealed partial class Tensor
{
    /// <summary>Elementwise sum with broadcasting.</summary>
    public static Tensor operator +(Tensor a, Tensor b) => Autograd.Record(Broadcast(BinaryOp.Add, a, b, "Add"), new AddBackward(a, b));

    /// <summary>Elementwise difference with broadcasting.</summary>
    public static Tensor operator -(Tensor a, Tensor b) => Autograd.Record(Broadcast(BinaryOp.Subtract, a, b, "Sub"), new SubBackward(a, b));

    /// <summary>Elementwise product with broadcasting.</summary>
    public static Tensor operator *(Tensor a, Tensor b) => Autograd.Record(Broadcast(BinaryOp.Multiply, a, b, "Mul"), new MulBackward(a, b));

    /// <summary>Elementwise quotient with broadcasting.</summary>
    public static Tensor operator /(Tensor a, Tensor b)
    {
        var result = Broadcast(BinaryOp.Divide, a, b, "Div");
        return Autograd.Record(result, new DivBackward(a, b, result));
    }

    /// <summary>Negation.</summary>
    public static Tensor operator -(Tensor a)
    {
        var result = new Tensor(new float[a.Size], a.Shape);
        System.Numerics.Tensors.TensorPrimitives.Negate(a.Data, result.Data);
        return Autograd.Record(result, new NegBackward(a));
    }

    /// <summary>Adds a constant.</summary>
    public static Tensor operator +(Tensor a, float b) => a + Constant(b);
    /// <summary>Adds a constant.</summary>
    public static Tensor operator +(float a, Tensor b) => Constant(a) + b;
    /// <summary>Subtracts a constant.</summary>
    public static Tensor operator -(Tensor a, float b) => a - Constant(b);
    /// <summary>Subtracts from a constant.</summary>
    public static Tensor operator -(float a, Tensor b) => Constant(a) - b;
    /// <summary>Multiplies by a constant.</summary>
    public static Tensor operator *(Tensor a, float b) => a * Constant(b);
    /// <summary>Multiplies a constant.</summary>
    public static Tensor operator *(float a, Tensor b) => Constant(a) * b;
    /// <summary>Divides by a constant.</summary>
    public static Tensor operator /(Tensor a, float b) => a / Constant(b);
    /// <summary>Divides a constant.</summary>
    public static Tensor operator /(float a, Tensor b) => Constant(a) / b;

    /// <summary>Elementwise <c>this ^ exponent</c> for a constant exponent.</summary>
    public Tensor Pow(float exponent)
    {
        var result = Map((x, r) => System.Numerics.Tensors.TensorPrimitives.Pow(x, exponent, r));
        return Autograd.Record(result, new PowScalarBackward(this, exponent));
    }

    /// <summary>Elementwise <c>this ^ exponent</c> with broadcasting; the gradient for the exponent needs a positive base.</summary>
    public Tensor Pow(Tensor exponent)
    {
        var result = Broadcast(BinaryOp.Power, this, exponent, "Pow");
        return Autograd.Record(result, new PowBackward(this, exponent, result));
    }

    /// <summary>Elementwise square, <c>x * x</c>.</summary>
    public Tensor Square() => Pow(2f);

    /// <summary>Elementwise maximum with broadcasting; where equal, the gradient goes to <paramref name="a"/>.</summary>
    public static Tensor Maximum(Tensor a, Tensor b) =>
        Autograd.Record(Broadcast(BinaryOp.Maximum, a, b, "Maximum"), new MaximumBackward(a, b, takeMax: true));

    /// <summary>Elementwise minimum with broadcasting; where equal, the gradient goes to <paramref name="a"/>.</summary>
    public static Tensor Minimum(Tensor a, Tensor b) =>
        Autograd.Record(Broadcast(BinaryOp.Minimum, a, b, "Minimum"), new MaximumBackward(a, b, takeMax: false));

    /// <summary>Repeats this tensor along broadcast dimensions to <paramref name="shape"/> (NumPy rules).</summary>
    public Tensor BroadcastTo(params int[] shape)
    {
        var target = new Shape(shape);
        var joined = Shape.Broadcast(Shape, target, "BroadcastTo");
        if (!joined.Equals(target))
            throw new ArgumentException($"BroadcastTo: a tensor of shape {Shape} cannot be broadcast to {target}.");
        if (target.Equals(Shape)) return this;
        var result = new Tensor(new float[target.Size], target);
        Binary.Broadcast(BinaryOp.Add, Data, Shape.AsSpan(), [0f], [], result.Data, target.AsSpan());
        return Autograd.Record(result, new BroadcastToBackward(this));
    }

    /// <summary>
    /// Sums this tensor down to <paramref name="shape"/>, undoing a broadcast: the one place where gradients of
    /// broadcast operands are reduced (sums over leading dimensions and over dimensions that are 1 in the target).
    /// </summary>
    public Tensor SumTo(Shape shape)
    {
        if (Shape.Equals(shape)) return this;
        var joined = Shape.Broadcast(Shape, shape, "SumTo");
        if (!joined.Equals(Shape))
            throw new ArgumentException($"SumTo: shape {shape} does not broadcast to this tensor's shape {Shape}.");
        var t = this;
        int lead = Rank - shape.Rank;
        for (int d = 0; d < lead; d++) t = t.Sum(0);
        for (int d = 0; d < shape.Rank; d++)
            if (shape[d] == 1 && t.Shape[d] != 1) t = t.Sum(d, keepDim: true);
        return t;
    }

    private static Tensor Constant(float value) => new([value], Shape.Scalar);

    private static Tensor Broadcast(BinaryOp op, Tensor a, Tensor b, string operation)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var shape = Shape.Broadcast(a.Shape, b.Shape, operation);
        var result = new Tensor(new float[shape.Size], shape);
        Binary.Broadcast(op, a.Data, a.Shape.AsSpan(), b.Data, b.Shape.AsSpan(), result.Data, shape.AsSpan());
        return result;
    }

    private delegate void SpanMap(ReadOnlySpan<float> x, Span<float> result);

    /// <summary>A new tensor of this shape filled by a span kernel applied to this tensor's values.</summary>
    private Tensor Map(SpanMap kernel)
    {
        var result = new Tensor(new float[Size], Shape);
        kernel(Data, result.Data);
        return result;
    }
}
