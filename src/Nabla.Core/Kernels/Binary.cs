using System.Numerics.Tensors;

namespace Nabla.Kernels;

/// <summary>The elementwise binary operations that broadcasting kernels apply.</summary>
internal enum BinaryOp
{
    /// <summary>x + y</summary>
    Add,
    /// <summary>x - y</summary>
    Subtract,
    /// <summary>x * y</summary>
    Multiply,
    /// <summary>x / y</summary>
    Divide,
    /// <summary>max(x, y)</summary>
    Maximum,
    /// <summary>min(x, y)</summary>
    Minimum,
    /// <summary>x ^ y</summary>
    Power,
}

/// <summary>
/// Elementwise binary kernels with NumPy broadcasting over row-major spans. The output is walked in runs
/// over which each operand is either contiguous or a single repeated value, so every run is one SIMD call.
/// </summary>
internal static class Binary
{
    /// <summary>Applies <paramref name="op"/> to equal-length spans.</summary>
    public static void Apply(BinaryOp op, ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> result)
    {
        switch (op)
        {
            case BinaryOp.Add: TensorPrimitives.Add(x, y, result); break;
            case BinaryOp.Subtract: TensorPrimitives.Subtract(x, y, result); break;
            case BinaryOp.Multiply: TensorPrimitives.Multiply(x, y, result); break;
            case BinaryOp.Divide: TensorPrimitives.Divide(x, y, result); break;
            case BinaryOp.Maximum: TensorPrimitives.Max(x, y, result); break;
            case BinaryOp.Minimum: TensorPrimitives.Min(x, y, result); break;
            case BinaryOp.Power: TensorPrimitives.Pow(x, y, result); break;
            default: throw new ArgumentOutOfRangeException(nameof(op));
        }
    }

    /// <summary>Applies <paramref name="op"/> to a span and a scalar right operand.</summary>
    public static void Apply(BinaryOp op, ReadOnlySpan<float> x, float y, Span<float> result)
    {
        switch (op)
        {
            case BinaryOp.Add: TensorPrimitives.Add(x, y, result); break;
            case BinaryOp.Subtract: TensorPrimitives.Subtract(x, y, result); break;
            case BinaryOp.Multiply: TensorPrimitives.Multiply(x, y, result); break;
            case BinaryOp.Divide: TensorPrimitives.Divide(x, y, result); break;
            case BinaryOp.Maximum: TensorPrimitives.Max(x, y, result); break;
            case BinaryOp.Minimum: TensorPrimitives.Min(x, y, result); break;
            case BinaryOp.Power: TensorPrimitives.Pow(x, y, result); break;
            default: throw new ArgumentOutOfRangeException(nameof(op));
        }
    }

    /// <summary>Applies <paramref name="op"/> to a scalar left operand and a span.</summary>
    public static void Apply(BinaryOp op, float x, ReadOnlySpan<float> y, Span<float> result)
    {
        switch (op)
        {
            case BinaryOp.Add: TensorPrimitives.Add(y, x, result); break;
            case BinaryOp.Subtract: TensorPrimitives.Subtract(x, y, result); break;
            case BinaryOp.Multiply: TensorPrimitives.Multiply(y, x, result); break;
            case BinaryOp.Divide: TensorPrimitives.Divide(x, y, result); break;
            case BinaryOp.Maximum: TensorPrimitives.Max(y, x, result); break;
            case BinaryOp.Minimum: TensorPrimitives.Min(y, x, result); break;
            case BinaryOp.Power: TensorPrimitives.Pow(x, y, result); break;
            default: throw new ArgumentOutOfRangeException(nameof(op));
        }
    }

    /// <summary>
    /// <c>result = x op y</c> where x has shape <paramref name="xShape"/>, y has <paramref name="yShape"/> and
    /// result has <paramref name="outShape"/>, the broadcast of the two (all row-major and contiguous).
    /// </summary>
    public static void Broadcast(BinaryOp op, ReadOnlySpan<float> x, ReadOnlySpan<int> xShape,
        ReadOnlySpan<float> y, ReadOnlySpan<int> yShape, Span<float> result, ReadOnlySpan<int> outShape)
    {
        if (x.Length == result.Length && y.Length == result.Length) { Apply(op, x, y, result); return; }
        if (y.Length == 1 && x.Length == result.Length) { Apply(op, x, y[0], result); return; }
        if (x.Length == 1 && y.Length == result.Length) { Apply(op, x[0], y, result); return; }

        int rank = outShape.Length;
        Span<int> xStride = stackalloc int[rank], yStride = stackalloc int[rank];
        BroadcastStrides(xShape, outShape, xStride);
        BroadcastStrides(yShape, outShape, yStride);

        // Fold trailing dimensions into one run while each operand keeps the same kind (contiguous or repeated).
        int run = 1, d = rank - 1;
        while (d >= 0 && outShape[d] == 1) d--;
        if (d < 0) { Apply(op, x, y, result); return; }
        bool xRepeats = xStride[d] == 0, yRepeats = yStride[d] == 0;
        while (d >= 0 && (outShape[d] == 1 || ((xStride[d] == 0) == xRepeats && (yStride[d] == 0) == yRepeats)))
            run *= outShape[d--];
        int outerRank = d + 1;

        Span<int> counter = stackalloc int[Math.Max(outerRank, 1)];
        counter.Clear();
        int xOff = 0, yOff = 0;
        for (int o = 0; o < result.Length; o += run)
        {
            var dst = result.Slice(o, run);
            if (xRepeats && yRepeats)
            {
                Apply(op, x.Slice(xOff, 1), y.Slice(yOff, 1), dst[..1]);
                dst.Fill(dst[0]);
            }
            else if (xRepeats) Apply(op, x[xOff], y.Slice(yOff, run), dst);
            else if (yRepeats) Apply(op, x.Slice(xOff, run), y[yOff], dst);
            else Apply(op, x.Slice(xOff, run), y.Slice(yOff, run), dst);

            // Odometer over the outer dimensions, moving each operand's offset by its stride.
            for (int k = outerRank - 1; k >= 0; k--)
            {
                xOff += xStride[k]; yOff += yStride[k];
                if (++counter[k] < outShape[k]) break;
                xOff -= xStride[k] * outShape[k]; yOff -= yStride[k] * outShape[k];
                counter[k] = 0;
            }
        }
    }

    /// <summary>Strides of <paramref name="shape"/> aligned to <paramref name="outShape"/>, 0 where it broadcasts.</summary>
    internal static void BroadcastStrides(ReadOnlySpan<int> shape, ReadOnlySpan<int> outShape, Span<int> strides)
    {
        int offset = outShape.Length - shape.Length, s = 1;
        for (int d = outShape.Length - 1; d >= 0; d--)
        {
            int size = d < offset ? 1 : shape[d - offset];
            strides[d] = size == 1 ? 0 : s;
            s *= size;
        }
    }
}
