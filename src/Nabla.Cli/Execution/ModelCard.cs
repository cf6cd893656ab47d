using System.Text;
using System.Text.Json;
using Nabla.Cli.Parsing;
using Nabla.NN.Data;
using Nabla.NN.Training;

namespace Nabla.Cli.Execution;

/// <summary>
/// <c>model.json</c>: what a trained model is and how it was made — architecture (to rebuild it before loading
/// <c>model.safetensors</c>), task and class labels, the fitted preprocessing, every training setting, seed, data
/// hash, library version and final metrics. Written with <see cref="Utf8JsonWriter"/> and read with
/// <see cref="JsonDocument"/> (no reflection, so trimming and NativeAOT keep working).
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
    public string Library { get; init; } = CliApp.Version;
    /// <summary>The fitted preprocessing of tabular data; null for image data (pixels in [0, 1]).</summary>
    public Preprocessor? Preprocessor { get; init; }
    /// <summary>Input feature names, one per model input.</summary>
    public IReadOnlyList<string> FeatureNames { get; init; } = [];

    /// <summary>The task with its class count, as the trainer describes it.</summary>
    public TaskSpec TaskSpec => new(Task, ClassNames?.Count ?? 0, 1);

    /// <summary>Writes the card to <paramref name="path"/> atomically.</summary>
    public void Save(string path)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("format", FormatName);
            w.WriteNumber("format_version", 1);
            w.WriteString("library", Library);
            w.WriteString("created", Created);
            w.WriteString("task", TaskName(Task));
            if (ClassNames is not null) WriteStrings(w, "classes", ClassNames);
            w.WriteStartObject("architecture");
            w.WriteNumber("inputs", Spec.Inputs);
            w.WritePropertyName("hidden");
            w.WriteStartArray();
            foreach (int h in Spec.Hidden) w.WriteNumberValue(h);
            w.WriteEndArray();
            w.WriteNumber("outputs", Spec.Outputs);
            w.WriteString("activation", Spec.Activation);
            w.WriteNumber("dropout", Spec.Dropout);
            w.WriteString("init", Spec.Init);
            w.WriteEndObject();
            w.WriteString("loss", Loss);
            w.WriteString("data", Data);
            w.WriteString("data_sha256", DataSha256);
            WriteStrings(w, "features", FeatureNames);
            w.WriteNumber("epochs", Epochs);
            w.WriteNumber("seconds", Math.Round(Seconds, 3));
            w.WriteStartObject("settings");
            foreach (var (k, v) in Settings) w.WriteString(k, v);
            w.WriteEndObject();
            w.WriteStartObject("metrics");
            foreach (var (split, values) in Metrics)
            {
                w.WriteStartObject(split);
                foreach (var (k, v) in values) WriteNumber(w, k, v);
                w.WriteEndObject();
            }
            w.WriteEndObject();
            if (Preprocessor is not null)
            {
                w.WritePropertyName("preprocessing");
                Preprocessor.WriteJson(w);
            }
            w.WriteEndObject();
        }
        Nabla.NN.Serialization.AtomicFile.WriteAllBytes(path, buffer.ToArray());
    }

    /// <summary>Writes a metric: JSON has no NaN, so a metric that is undefined (e.g. R^2 of a constant) is written as null.</summary>
    internal static void WriteNumber(Utf8JsonWriter w, string name, double v)
    {
        if (double.IsFinite(v)) w.WriteNumber(name, Math.Round(v, 6));
        else w.WriteNull(name);
    }

    private static void WriteStrings(Utf8JsonWriter w, string name, IEnumerable<string> values)
    {
        w.WritePropertyName(name);
        w.WriteStartArray();
        foreach (var v in values) w.WriteStringValue(v);
        w.WriteEndArray();
    }

    /// <summary>The task as written in cards and summaries: regression, binary or multiclass.</summary>
    public static string TaskName(TaskKind kind) => kind switch
    {
        TaskKind.Regression => "regression",
        TaskKind.BinaryClassification => "binary",
        _ => "multiclass",
    };

    /// <summary>Reads and validates a card; every problem names the file and the field.</summary>
    public static ModelCard Load(string path)
    {
        byte[] bytes = File.ReadAllBytes(path);
        JsonDocument doc;
        try { doc = JsonDocument.Parse(bytes); }
        catch (JsonException e) { throw new CliException($"'{path}' is not a valid model card: {e.Message}"); }
        using (doc)
        {
            try { return Read(doc.RootElement, path); }
            catch (Exception e) when (e is InvalidOperationException or FormatException or KeyNotFoundException or ArgumentException)
            {
                // JsonElement's typed getters throw these for a field of the wrong kind or range, or text that is not
                // UTF-8; ToDictionary throws ArgumentException for a key written twice. Found by the model-card fuzzer; it
                // is the file's fault, so it gets the file's message.
                throw new CliException($"'{path}' is not a valid model card: a field has the wrong type or value ({e.Message})");
            }
        }
    }

    private static ModelCard Read(JsonElement root, string path)
    {
        {
            string Str(JsonElement o, string name) =>
                o.ValueKind == JsonValueKind.Object && o.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.String
                    ? p.GetString()! : throw new CliException($"'{path}': field '{name}' is missing or not text.");
            int Int(JsonElement o, string name) =>
                o.TryGetProperty(name, out var p) && p.TryGetInt32(out int n) ? n : throw new CliException($"'{path}': field '{name}' is missing or not a whole number.");
            if (root.ValueKind != JsonValueKind.Object || Str(root, "format") != FormatName)
                throw new CliException($"'{path}' is not a nabla model card (its 'format' is not \"{FormatName}\").");
            var arch = root.TryGetProperty("architecture", out var a) ? a : throw new CliException($"'{path}': field 'architecture' is missing.");
            var hidden = arch.TryGetProperty("hidden", out var h) && h.ValueKind == JsonValueKind.Array
                ? h.EnumerateArray().Select(x => x.GetInt32()).ToArray() : throw new CliException($"'{path}': field 'architecture.hidden' is missing.");
            var spec = new ModelSpec(Int(arch, "inputs"), hidden, Int(arch, "outputs"), Str(arch, "activation"),
                arch.TryGetProperty("dropout", out var d) ? d.GetSingle() : 0f, Str(arch, "init"));
            var task = Str(root, "task") switch
            {
                "regression" => TaskKind.Regression,
                "binary" => TaskKind.BinaryClassification,
                "multiclass" => TaskKind.MulticlassClassification,
                var t => throw new CliException($"'{path}': unknown task '{t}'."),
            };
            var metrics = new Dictionary<string, IReadOnlyDictionary<string, double>>();
            if (root.TryGetProperty("metrics", out var m) && m.ValueKind == JsonValueKind.Object)
                foreach (var split in m.EnumerateObject())
                    metrics[split.Name] = split.Value.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.ValueKind == JsonValueKind.Number ? p.Value.GetDouble() : double.NaN);
            return new ModelCard
            {
                Spec = spec,
                Task = task,
                ClassNames = root.TryGetProperty("classes", out var c) ? c.EnumerateArray().Select(x => x.GetString()!).ToArray() : null,
                Loss = Str(root, "loss"),
                Data = Str(root, "data"),
                DataSha256 = Str(root, "data_sha256"),
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
