namespace Nabla.NN.Serialization;

public static partial class SafeTensors
{
    /// <summary>
    /// Saves named tensors (e.g. <c>Module.StateDict()</c>) atomically as a safetensors file. Values are copied
    /// out of the tensors; shapes are kept.
    /// </summary>
    public static void Save(string path, IReadOnlyDictionary<string, Tensor> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        Save(path, tensors.Select(kv => new StoredTensor(kv.Key, kv.Value.Shape.Dims, kv.Value.ToArray())), metadata);
    }

    /// <summary>Loads every tensor of a safetensors file by name (ready for <c>Module.LoadStateDict</c>).</summary>
    /// <exception cref="Data.DataFormatException">The file is truncated, inconsistent or not F32.</exception>
    public static Dictionary<string, Tensor> LoadTensors(string path)
    {
        var file = Load(path);
        return file.Tensors.ToDictionary(t => t.Name, t => ToTensor(t), StringComparer.Ordinal);
    }

    /// <summary>Wraps a stored tensor's data (no copy) as a <see cref="Tensor"/> of its shape.</summary>
    public static Tensor ToTensor(StoredTensor stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        return Tensor.FromBuffer(stored.Data, new Shape(stored.Shape));
    }
}
