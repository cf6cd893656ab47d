namespace Nabla.NN.Training;

/// <summary>
/// A callback whose state changes during training (early stopping's patience counter and best weights, a plateau
/// schedule's position). A <see cref="Checkpoint"/> saves that state and a resumed run restores it in
/// <see cref="Callback.OnTrainBegin"/>, so <c>--resume</c> continues bit for bit as if the run had never stopped.
/// </summary>
public interface IStatefulCallback
{
    /// <summary>Key of the state in the checkpoint (<c>early_stopping</c>); unique among one run's callbacks.</summary>
    string StateKey { get; }

    /// <summary>The current state: named numbers (stored as exact round-trip text) and named tensors.</summary>
    CallbackState SaveState();

    /// <summary>Puts back a state <see cref="SaveState"/> gave; called after the callback's own <see cref="Callback.OnTrainBegin"/> reset.</summary>
    /// <exception cref="FormatException">The state is incomplete or out of range.</exception>
    void LoadState(CallbackState state);
}

/// <summary>The saved state of one <see cref="IStatefulCallback"/>.</summary>
public sealed class CallbackState
{
    /// <summary>Named numbers.</summary>
    public Dictionary<string, double> Values { get; } = new(StringComparer.Ordinal);

    /// <summary>Named tensors (for example a model's best weights).</summary>
    public Dictionary<string, Tensor> Tensors { get; } = new(StringComparer.Ordinal);

    /// <summary>The number called <paramref name="name"/>, which must be a whole number in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    /// <exception cref="FormatException">Missing, fractional or out of range.</exception>
    public int Int(string name, int min = 0, int max = int.MaxValue)
    {
        double v = Values.TryGetValue(name, out double x) ? x : throw new FormatException($"callback state has no '{name}'");
        if (v != Math.Floor(v) || v < min || v > max) throw new FormatException($"callback state '{name}' = {v} is outside {min}..{max}");
        return (int)v;
    }

    /// <summary>The number called <paramref name="name"/>.</summary>
    /// <exception cref="FormatException">Missing.</exception>
    public double Double(string name) => Values.TryGetValue(name, out double x) ? x : throw new FormatException($"callback state has no '{name}'");
}
