namespace Nabla.NN.Serialization;

/// <summary>
/// The validated content of a safetensors file: the tensors in file (data offset) order and the
/// <c>__metadata__</c> string map (empty when the file has none).
/// </summary>
public sealed class SafeTensorsFile
{
    private readonly Dictionary<string, StoredTensor> _byName;

    /// <summary>Creates the content object (used by the reader; also handy for building a file to write).</summary>
    public SafeTensorsFile(IReadOnlyList<StoredTensor> tensors, IReadOnlyDictionary<string, string> metadata)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        ArgumentNullException.ThrowIfNull(metadata);
        Tensors = tensors;
        Metadata = metadata;
        _byName = new Dictionary<string, StoredTensor>(StringComparer.Ordinal);
        foreach (var t in tensors)
            if (!_byName.TryAdd(t.Name, t))
                throw new ArgumentException($"Tensor name '{t.Name}' appears twice.", nameof(tensors));
    }

    /// <summary>Tensors in the order their data appears in the file.</summary>
    public IReadOnlyList<StoredTensor> Tensors { get; }

    /// <summary>The free-form <c>__metadata__</c> map (string to string).</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }

    /// <summary>The tensor called <paramref name="name"/>.</summary>
    /// <exception cref="KeyNotFoundException">No tensor has that name; the message lists the names present.</exception>
    public StoredTensor this[string name] =>
        _byName.TryGetValue(name, out var t)
            ? t
            : throw new KeyNotFoundException($"No tensor named '{name}'; the file has: {string.Join(", ", _byName.Keys.Take(20))}{(_byName.Count > 20 ? ", ..." : "")}.");

    /// <summary>Looks a tensor up by name.</summary>
    public bool TryGetTensor(string name, out StoredTensor? tensor) => _byName.TryGetValue(name, out tensor);
}
