namespace Nabla;

public sealed partial class Tensor
{
    /// <summary>A 0-d tensor holding <paramref name="value"/>.</summary>
    public static Tensor Scalar(float value, bool requiresGrad = false, string? name = null) =>
        new([value], Shape.Scalar) { RequiresGrad = requiresGrad, Name = name };

    /// <summary>A tensor of the given shape holding a copy of <paramref name="data"/> (row-major). With no shape, 1-d.</summary>
    public static Tensor FromArray(float[] data, params int[] shape)
    {
        ArgumentNullException.ThrowIfNull(data);
        var s = shape.Length == 0 ? new Shape(data.Length) : ResolveShape(shape, data.Length, "FromArray");
        if (s.Size != data.Length)
            throw new ArgumentException($"FromArray: {data.Length} values cannot fill shape {s} ({s.Size} elements).");
        return new Tensor((float[])data.Clone(), s);
    }

    /// <summary>A 2-d tensor copied from a rectangular array <c>[rows, columns]</c>.</summary>
    public static Tensor FromArray(float[,] data)
    {
        ArgumentNullException.ThrowIfNull(data);
        int rows = data.GetLength(0), cols = data.GetLength(1);
        var flat = new float[rows * cols];
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < cols; j++) flat[i * cols + j] = data[i, j];
        return new Tensor(flat, new Shape(rows, cols));
    }

    /// <summary>
    /// Wraps <paramref name="buffer"/> without copying: the tensor reads and writes the caller's array (its first
    /// <c>shape.Size</c> elements). Useful to reuse batch buffers; the caller must not change them while a graph needs them.
    /// </summary>
    public static Tensor FromBuffer(float[] buffer, Shape shape)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        ArgumentNullException.ThrowIfNull(shape);
        return new Tensor(buffer, shape);
    }

    /// <summary>A tensor of zeros.</summary>
    public static Tensor Zeros(params int[] shape) => new(new float[new Shape(shape).Size], new Shape(shape));

    /// <summary>A tensor of ones.</summary>
    public static Tensor Ones(params int[] shape) => Full(1f, shape);

    /// <summary>A tensor filled with <paramref name="value"/>.</summary>
    public static Tensor Full(float value, params int[] shape)
    {
        var s = new Shape(shape);
        var data = new float[s.Size];
        Array.Fill(data, value);
        return new Tensor(data, s);
    }

    /// <summary>Zeros with the shape of <paramref name="like"/>.</summary>
    public static Tensor ZerosLike(Tensor like) => Zeros(like.Shape.Dims);

    /// <summary>Ones with the shape of <paramref name="like"/>.</summary>
    public static Tensor OnesLike(Tensor like) => Ones(like.Shape.Dims);

    /// <summary>The 1-d tensor <c>[0, 1, ..., n-1]</c>.</summary>
    public static Tensor Arange(int n) => Arange(0, n, 1);

    /// <summary>The 1-d tensor <c>[start, start+step, ...]</c> up to but excluding <paramref name="end"/>.</summary>
    public static Tensor Arange(float start, float end, float step = 1f)
    {
        if (step == 0 || float.IsNaN(step)) throw new ArgumentException("Arange: step must be non-zero.", nameof(step));
        int n = Math.Max(0, (int)Math.Ceiling((end - start) / (double)step));
        var data = new float[n];
        for (int i = 0; i < n; i++) data[i] = (float)(start + i * (double)step);
        return new Tensor(data, new Shape(n));
    }

    /// <summary>The <c>[n, n]</c> identity matrix.</summary>
    public static Tensor Eye(int n)
    {
        var t = Zeros(n, n);
        for (int i = 0; i < n; i++) t.data[i * n + i] = 1f;
        return t;
    }

    /// <summary>Uniform draws from [0, 1).</summary>
    public static Tensor Rand(Rng rng, params int[] shape) => Uniform(rng, 0f, 1f, shape);

    /// <summary>Uniform draws from [<paramref name="low"/>, <paramref name="high"/>).</summary>
    public static Tensor Uniform(Rng rng, float low, float high, params int[] shape)
    {
        ArgumentNullException.ThrowIfNull(rng);
        var t = Zeros(shape);
        float width = high - low;
        for (int i = 0; i < t.data.Length; i++) t.data[i] = low + width * rng.NextFloat();
        return t;
    }

    /// <summary>Standard normal draws N(0, 1).</summary>
    public static Tensor Randn(Rng rng, params int[] shape)
    {
        ArgumentNullException.ThrowIfNull(rng);
        var t = Zeros(shape);
        for (int i = 0; i < t.data.Length; i++) t.data[i] = rng.NextGaussian();
        return t;
    }

    /// <summary>Resolves a shape that may contain one -1 (inferred from <paramref name="size"/>).</summary>
    private static Shape ResolveShape(int[] shape, int size, string operation)
    {
        int inferred = -1, known = 1;
        for (int i = 0; i < shape.Length; i++)
        {
            if (shape[i] == -1)
            {
                if (inferred >= 0) throw new ArgumentException($"{operation}: only one dimension can be -1, got [{string.Join(", ", shape)}].");
                inferred = i;
            }
            else if (shape[i] < 0) throw new ArgumentException($"{operation}: invalid dimension {shape[i]} in [{string.Join(", ", shape)}].");
            else known *= shape[i];
        }
        if (inferred < 0) return new Shape(shape);
        if (known == 0 || size % known != 0)
            throw new ArgumentException($"{operation}: cannot infer the -1 in [{string.Join(", ", shape)}] for {size} elements.");
        var resolved = (int[])shape.Clone();
        resolved[inferred] = size / known;
        return new Shape(resolved);
    }
}
