using System.Globalization;
using System.Reflection;
using System.Text.Json;
using Nabla.NN.Data;
using Nabla.NN.Training;

namespace Nabla.NN.Models;

/// <summary>
/// <c>model.json</c>: what a trained model is and how it was made — architecture (to rebuild it before loading
/// <c>model.safetensors</c>), task and class labels, the fitted preprocessing, every training setting, seed, data
/// hash, library version and final metrics. Written through System.Text.Json source generation and read with
/// <see cref="JsonDocument"/> (no reflection either way, so trimming and NativeAOT keep working).
/// </summary>
public sealed record ModelCard
{
    /// <summary>The value of the <c>format</c> field; anything else is not a nabla model card.</summary>
    public const string FormatName = "nabla-model";

    /// <summary>The architecture.</summary>
    public required ModelSpec Spec { get; init; }
    /// <summary>The task the model solves.</summary>
    public required TaskKind Task { get; init; }
    /// <summary>Class labels as spelled in the training data (classification), else null.</summary>
    public IReadOnlyList<string>? ClassNames { get; init; }
    /// <summary>The loss it was trained with (<c>bce</c> means one logit; the probability is its sigmoid).</summary>
    public required string Loss { get; init; }
    /// <summary>The data set name or CSV path it was trained on.</summary>
    public required string Data { get; init; }
    /// <summary>SHA-256 of the training data.</summary>
    public required string DataSha256 { get; init; }
    /// <summary>Every training setting, as text, in display order.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Settings { get; init; } = [];
    /// <summary>Final metrics per split ("train", "validation", "test").</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, double>> Metrics { get; init; } = new Dictionary<string, IReadOnlyDictionary<string, double>>();
    /// <summary>Epochs actually trained.</summary>
    public int Epochs { get; init; }
    /// <summary>Training time in seconds.</summary>
    public double Seconds { get; init; }
    /// <summary>When training finished (UTC, ISO 8601).</summary>
    public string Created { get; init; } = "";
    /// <summary>The nabla version that wrote the card.</summary>
    public string Library { get; init; } = LibraryVersion;
    /// <summary>Hex SHA-256 of <c>model.safetensors</c>, checked at load so weights and card from different runs never pair up; null in cards written before it existed.</summary>
    public string? WeightsSha256 { get; init; }

    /// <summary>Largest <c>model.json</c> read (64 MiB): a real card, one-hot vocabularies included, is far smaller.</summary>
    public const long MaxBytes = 64L << 20;

    /// <summary>The version of this library (the <c>library</c> field of the cards it writes).</summary>
    public static string LibraryVersion { get; } =
        typeof(ModelCard).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";
    /// <summary>The fitted preprocessing of tabular data; null for image data (pixels in [0, 1]).</summary>
    public Preprocessor? Preprocessor { get; init; }
    /// <summary>Input feature names, one per model input.</summary>
    public IReadOnlyList<string> FeatureNames { get; init; } = [];

    /// <summary>The task with its class count, as the trainer describes it.</summary>
    public TaskSpec TaskSpec => new(Task, ClassNames?.Count ?? 0, 1);

    /// <summary>Writes the card to <paramref name="path"/> atomically.</summary>
    public void Save(string path) => Serialization.AtomicFile.WriteAllBytes(path, ToJsonBytes());

    /// <summary>The card as indented UTF-8 JSON (source generated: <see cref="ModelCardJsonContext"/>).</summary>
    public byte[] ToJsonBytes() => JsonSerializer.SerializeToUtf8Bytes(new ModelCardJson(
        FormatName, 1, Library, Created, TaskName(Task), ClassNames,
        new ArchitectureJson(Spec.Inputs, Spec.Hidden, Spec.Outputs, Spec.Activation, Spec.Dropout, Spec.Init),
        Loss, Data, DataSha256, WeightsSha256, FeatureNames, Epochs, Math.Round(Seconds, 3), Settings,
        Metrics.ToDictionary(split => split.Key, split => split.Value.ToDictionary(m => m.Key, m => Metric(m.Value), StringComparer.Ordinal), StringComparer.Ordinal),
        PreprocessingJson()), ModelCardJsonContext.Default.ModelCardJson);

    /// <summary>A metric as written: JSON has no NaN, so a metric that is undefined (e.g. R^2 of a constant) is null.</summary>
    public static double? Metric(double v) => double.IsFinite(v) ? Math.Round(v, 6) : null;

    // The preprocessor writes its own JSON (Preprocessor.WriteJson); the card embeds it as an element.
    private JsonElement? PreprocessingJson()
    {
        if (Preprocessor is null) return null;
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer)) Preprocessor.WriteJson(w);
        using var doc = JsonDocument.Parse(buffer.ToArray());
        return doc.RootElement.Clone();
    }

    /// <summary>The task as written in cards and summaries: regression, binary or multiclass.</summary>
    public static string TaskName(TaskKind kind) => kind switch
    {
        TaskKind.Regression => "regression",
        TaskKind.BinaryClassification => "binary",
        _ => "multiclass",
    };

    /// <summary>
    /// Reads and validates a card; every problem names the file and the field. Refuses anything that is not a regular
    /// file (a device, a FIFO, a symlink to one) and cards over <see cref="MaxBytes"/>, before reading a byte.
    /// </summary>
    /// <exception cref="DataFormatException">The file is not a valid model card (the message names the file and field).</exception>
    public static ModelCard Load(string path)
    {
        byte[] bytes = ReadBounded(path);
        JsonDocument doc;
        try { doc = JsonDocument.Parse(bytes); }
        catch (JsonException e) { throw Invalid(path, e.Message); }
        using (doc)
        {
            ModelCard card;
            try { card = Read(doc.RootElement, path); }
            catch (Exception e) when (e is InvalidOperationException or FormatException or KeyNotFoundException or ArgumentException)
            {
                // JsonElement's typed getters throw these for a field of the wrong kind or range, or text that is not
                // UTF-8; ToDictionary throws ArgumentException for a key written twice. Found by the model-card fuzzer; it
                // is the file's fault, so it gets the file's message.
                throw Invalid(path, $"a field has the wrong type or value ({e.Message})");
            }
            card.Validate(path);
            return card;
        }
    }

    private static DataFormatException Invalid(string path, string detail) => new($"not a valid model card: {detail}", path);

    /// <summary>Reads a regular file of at most <see cref="MaxBytes"/> bytes (#15 item 7: /dev/zero or a FIFO named model.json).</summary>
    private static byte[] ReadBounded(string path)
    {
        var info = new FileInfo(path);
        if (info.LinkTarget is not null && info.ResolveLinkTarget(returnFinalTarget: true) is FileInfo target) info = target;
        if (!info.Exists) throw new FileNotFoundException($"Model card '{path}' does not exist.");
        // Devices, FIFOs and sockets report no size; a real card is never empty. Refuse them unopened (opening a FIFO blocks).
        if (info.Length == 0 || (info.Attributes & (FileAttributes.Device | FileAttributes.Directory)) != 0)
            throw new DataFormatException("is empty or not a regular file; a model card is the model.json 'nabla train' writes", path);
        if (info.Length > MaxBytes)
            throw new DataFormatException($"is {info.Length} bytes; a model card is at most {MaxBytes} bytes", path);
        using var stream = new FileStream(info.FullName, FileMode.Open, FileAccess.Read, FileShare.Read);
        var bytes = new byte[info.Length];
        stream.ReadExactly(bytes);
        return bytes;
    }

    /// <summary>
    /// Checks the card against itself (#15 item 6): labels present and distinct, a class count that fits the task and
    /// output width, as many feature names as inputs, and the settings later commands parse (seed, validation split).
    /// </summary>
    private void Validate(string path)
    {
        DataFormatException Bad(string detail) => new(detail, path);
        if (Spec.Inputs < 1 || Spec.Outputs < 1 || Spec.Hidden.Any(h => h < 1))
            throw Bad($"describes layer sizes {Spec.Shape}; every size must be at least 1");
        if (float.IsNaN(Spec.Dropout) || Spec.Dropout < 0 || Spec.Dropout >= 1)
            throw Bad($"field 'architecture.dropout' is {Spec.Dropout}; it must be in [0, 1)");
        if (ClassNames is { } classes)
        {
            if (classes.Any(c => c is null)) throw Bad("field 'classes' holds a null label; every class needs its label");
            if (classes.Distinct(StringComparer.Ordinal).Count() != classes.Count) throw Bad("field 'classes' names a class twice");
        }
        switch (Task)
        {
            case TaskKind.Regression when ClassNames is not null:
                throw Bad("is a regression model but lists classes");
            case TaskKind.BinaryClassification when ClassNames is not { Count: 2 }:
                throw Bad($"is a binary model but lists {ClassNames?.Count ?? 0} classes; it needs 2");
            case TaskKind.BinaryClassification when Spec.Outputs is not (1 or 2):
                throw Bad($"is a binary model with {Spec.Outputs} outputs; it needs 1 (a logit) or 2");
            case TaskKind.MulticlassClassification when ClassNames is null || ClassNames.Count < 2 || ClassNames.Count != Spec.Outputs:
                throw Bad($"lists {ClassNames?.Count ?? 0} classes but the network has {Spec.Outputs} outputs; a multiclass model has one output per class (at least 2)");
        }
        if (FeatureNames.Count != 0 && FeatureNames.Count != Spec.Inputs)
            throw Bad($"lists {FeatureNames.Count} features but the network has {Spec.Inputs} inputs");
        if (Preprocessor is { } pre && pre.FeatureCount != Spec.Inputs)
            throw Bad($"its preprocessing makes {pre.FeatureCount} features but the network has {Spec.Inputs} inputs");
        foreach (var (key, value) in Settings)
        {
            bool ok = key switch
            {
                "seed" => ulong.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out _),
                "validation-split" => double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && v is >= 0 and < 1,
                _ => true,
            };
            if (!ok) throw Bad($"setting '{key}' is '{value}', which is not a valid {key}");
        }
    }

    /// <summary>A setting's value as trained, or <paramref name="fallback"/> when the card does not record it.</summary>
    public string Setting(string key, string fallback) => Settings.FirstOrDefault(kv => kv.Key == key).Value ?? fallback;

    private static ModelCard Read(JsonElement root, string path)
    {
        {
            string Str(JsonElement o, string name) =>
                o.ValueKind == JsonValueKind.Object && o.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.String
                    ? p.GetString()! : throw Invalid(path, $"field '{name}' is missing or not text");
            int Int(JsonElement o, string name) =>
                o.TryGetProperty(name, out var p) && p.TryGetInt32(out int n) ? n : throw Invalid(path, $"field '{name}' is missing or not a whole number");
            if (root.ValueKind != JsonValueKind.Object || Str(root, "format") != FormatName)
                throw new DataFormatException($"is not a nabla model card (its 'format' is not \"{FormatName}\")", path);
            var arch = root.TryGetProperty("architecture", out var a) ? a : throw Invalid(path, "field 'architecture' is missing");
            var hidden = arch.TryGetProperty("hidden", out var h) && h.ValueKind == JsonValueKind.Array
                ? h.EnumerateArray().Select(x => x.GetInt32()).ToArray() : throw Invalid(path, "field 'architecture.hidden' is missing");
            var spec = new ModelSpec(Int(arch, "inputs"), hidden, Int(arch, "outputs"), Str(arch, "activation"),
                arch.TryGetProperty("dropout", out var d) ? d.GetSingle() : 0f, Str(arch, "init"));
            var task = Str(root, "task") switch
            {
                "regression" => TaskKind.Regression,
                "binary" => TaskKind.BinaryClassification,
                "multiclass" => TaskKind.MulticlassClassification,
                var t => throw Invalid(path, $"unknown task '{t}'"),
            };
            var metrics = new Dictionary<string, IReadOnlyDictionary<string, double>>();
            if (root.TryGetProperty("metrics", out var m) && m.ValueKind == JsonValueKind.Object)
                foreach (var split in m.EnumerateObject())
                    metrics[split.Name] = split.Value.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.ValueKind == JsonValueKind.Number ? p.Value.GetDouble() : double.NaN);
            return new ModelCard
            {
                Spec = spec,
                Task = task,
                ClassNames = root.TryGetProperty("classes", out var c) && c.ValueKind != JsonValueKind.Null ? c.EnumerateArray().Select(x => x.GetString()!).ToArray() : null,
                Loss = Str(root, "loss"),
                Data = Str(root, "data"),
                DataSha256 = Str(root, "data_sha256"),
                WeightsSha256 = root.TryGetProperty("weights_sha256", out var ws) ? ws.GetString() : null,
                FeatureNames = root.TryGetProperty("features", out var f) ? f.EnumerateArray().Select(x => x.GetString()!).ToArray() : [],
                Settings = root.TryGetProperty("settings", out var s) ? s.EnumerateObject().Select(p => new KeyValuePair<string, string>(p.Name, p.Value.GetString() ?? "")).ToArray() : [],
                Metrics = metrics,
                Epochs = root.TryGetProperty("epochs", out var e) ? e.GetInt32() : 0,
                Seconds = root.TryGetProperty("seconds", out var sec) ? sec.GetDouble() : 0,
                Created = root.TryGetProperty("created", out var cr) ? cr.GetString() ?? "" : "",
                Library = root.TryGetProperty("library", out var l) ? l.GetString() ?? "" : "",
                Preprocessor = root.TryGetProperty("preprocessing", out var p) ? Preprocessor.FromJson(p, path) : null,
            };
        }
    }
}
