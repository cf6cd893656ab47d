namespace Nabla.NN.Serialization;

/// <summary>
/// A named float32 array with its shape, as stored in a safetensors file: row-major data of
/// <c>product(Shape)</c> elements (a rank-0 shape <c>[]</c> holds one element).
/// </summary>
public sealed class StoredTensor
{
    /// <summary>Creates an entry; the data array is kept, not copied.</summary>
    /// <param name="name">Tensor name, e.g. <c>"0.weight"</c>.</param>
    /// <param name="shape">Dimensions, each &gt;= 0.</param>
    /// <param name="data">Row-major values; its length must equal the product of <paramref name="shape"/>.</param>
    /// <exception cref="ArgumentException">The shape has a negative dimension or does not match the data length.</exception>
    public StoredTensor(string name, int[] shape, float[] data)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentNullException.ThrowIfNull(data);
        long size = 1;
        foreach (int d in shape)
        {
            if (d < 0) throw new ArgumentException($"Tensor '{name}': shape [{string.Join(", ", shape)}] has a negative dimension.", nameof(shape));
            size *= d;
            if (size > Array.MaxLength) throw new ArgumentException($"Tensor '{name}': shape [{string.Join(", ", shape)}] is too large.", nameof(shape));
        }
        if (size != data.Length)
            throw new ArgumentException($"Tensor '{name}': shape [{string.Join(", ", shape)}] holds {size} elements but the data has {data.Length}.", nameof(data));
        Name = name;
        Shape = shape;
        Data = data;
    }

    /// <summary>Tensor name.</summary>
    public string Name { get; }

    /// <summary>Dimensions (do not mutate).</summary>
    public int[] Shape { get; }

    /// <summary>Row-major float32 values, <c>product(Shape)</c> of them.</summary>
    public float[] Data { get; }
}
