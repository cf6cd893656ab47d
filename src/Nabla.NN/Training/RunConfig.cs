using System.Text.Json;
using Nabla.NN.Serialization;

namespace Nabla.NN.Training;

/// <summary>
/// A training run's configuration file (<c>config.json</c>, which <c>nabla train</c> writes into its output folder and
/// <c>nabla train --config</c> reads back to reproduce or resume the run): one JSON object of option names and their
/// values as text (or null), in the order given.
/// </summary>
public static class RunConfig
{
    /// <summary>The options as indented UTF-8 JSON (source generated, see <see cref="RunJsonContext"/>).</summary>
    /// <exception cref="ArgumentException">An option name appears twice.</exception>
    public static byte[] ToJsonBytes(IEnumerable<KeyValuePair<string, string?>> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        // A dictionary that is only added to enumerates in insertion order, so the file keeps the given order.
        var entries = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (name, value) in options) entries.Add(name, value);
        return JsonSerializer.SerializeToUtf8Bytes(entries, RunJsonContext.Default.DictionaryStringString);
    }

    /// <summary>Writes the options to <paramref name="path"/> atomically (see <see cref="ToJsonBytes"/>).</summary>
    public static void Save(string path, IEnumerable<KeyValuePair<string, string?>> options)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        AtomicFile.WriteAllBytes(path, ToJsonBytes(options));
    }
}
