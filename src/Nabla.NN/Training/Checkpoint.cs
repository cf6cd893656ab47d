using System.Globalization;
using System.Text.Json;
using Nabla.NN.Data;
using Nabla.NN.Optim;
using Nabla.NN.Serialization;

namespace Nabla.NN.Training;

/// <summary>
/// Full training checkpoints: everything a <see cref="Trainer"/> needs to continue exactly where it stopped,
/// in one safetensors file written atomically.
/// </summary>
/// <remarks>
/// Layout: tensors <c>model.&lt;parameter&gt;</c> (the state dict) and <c>optimizer.&lt;index&gt;.&lt;buffer&gt;</c>
/// (momentum, Adam moments, ...; 1-d); <c>__metadata__</c> holds <c>format</c> = <c>nabla.checkpoint</c>,
/// <c>format_version</c>, <c>epoch</c> (epochs completed), <c>rng</c> (the trainer's shuffle generator state),
/// and JSON for <c>optimizer</c> (name, step counts, learning rate and hyper-parameters), <c>task</c> and
/// <c>history</c>. Floats are stored bit-exactly (raw float32 tensors, round-trip number text), so a run resumed
/// from epoch k ends with the same weights, bit for bit, as the uninterrupted run with the same seed.
/// NOTE: random state held privately by modules (a <c>Dropout</c> layer's generator) is not part of it; resumed
/// runs of models with dropout are statistically, not bitwise, equivalent.
/// </remarks>
public static class Checkpoint
{
    /// <summary>The <c>format</c> metadata value identifying a checkpoint.</summary>
    public const string Format = "nabla.checkpoint";

    /// <summary>The current layout version.</summary>
    public const int Version = 1;

    // Callback state: metadata "callback.<key>" (JSON of round-trip numbers) and tensors "callback.<key>.<name>".
    private const string CallbackPrefix = "callback.";

    /// <summary>Largest epoch count a checkpoint may claim (a run of 1,000,000 epochs is the CLI's limit; this leaves room, not overflow).</summary>
    public const int MaxEpoch = 100_000_000;

    /// <summary>Largest class count or target width a checkpoint's task may claim.</summary>
    public const int MaxTaskWidth = 1 << 24;

    /// <summary>
    /// Writes <paramref name="trainer"/>'s model, optimizer, epoch, RNG state, task and history to <paramref name="path"/>
    /// (atomically), with the state of each <see cref="IStatefulCallback"/> among <paramref name="callbacks"/>.
    /// </summary>
    public static void Save(Trainer trainer, string path, IEnumerable<Callback>? callbacks = null)
    {
        ArgumentNullException.ThrowIfNull(trainer);
        ArgumentException.ThrowIfNullOrEmpty(path);
        var tensors = new List<StoredTensor>();
        foreach (var (name, p) in trainer.Model.NamedParameters())
            tensors.Add(new StoredTensor("model." + name, p.Value.Shape.Dims, p.Value.ToArray()));
        OptimizerState opt = trainer.Optimizer.StateDict();
        foreach (var (key, buffer) in opt.Buffers)
            tensors.Add(new StoredTensor("optimizer." + key, [buffer.Length], buffer));

        var metadata = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["format"] = Format,
            ["format_version"] = Version.ToString(CultureInfo.InvariantCulture),
            ["epoch"] = trainer.EpochsCompleted.ToString(CultureInfo.InvariantCulture),
            ["rng"] = FormatRng(trainer.Rng.GetState()),
            ["optimizer"] = CheckpointJson.WriteOptimizer(opt),
            ["history"] = CheckpointJson.WriteHistory(trainer.History),
        };
        if (trainer.Task is { } task) metadata["task"] = CheckpointJson.WriteTask(task);
        foreach (var (name, rng) in RandomModules(trainer.Model))
            metadata["module_rng." + name] = FormatRng(rng.GetState());
        foreach (var stateful in (callbacks ?? []).OfType<IStatefulCallback>())
        {
            var state = stateful.SaveState();
            metadata[CallbackPrefix + stateful.StateKey] = CheckpointJson.WriteValues(state.Values);
            foreach (var (name, t) in state.Tensors)
                tensors.Add(new StoredTensor(CallbackPrefix + stateful.StateKey + "." + name, t.Shape.Dims, t.ToArray()));
        }
        string? dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (dir is not null) Directory.CreateDirectory(dir);
        SafeTensors.Save(path, tensors, metadata);
    }

    /// <summary>
    /// Restores a checkpoint written by <see cref="Save"/> into <paramref name="trainer"/>, whose model and optimizer
    /// must have the same architecture and type. Nothing is changed unless the whole file checks out.
    /// </summary>
    /// <exception cref="DataFormatException">The file is not a valid checkpoint or does not fit the trainer; the message says why.</exception>
    public static void Load(Trainer trainer, string path)
    {
        ArgumentNullException.ThrowIfNull(trainer);
        ArgumentException.ThrowIfNullOrEmpty(path);
        SafeTensorsFile file = SafeTensors.Load(path);
        var meta = file.Metadata;
        string Meta(string key) => meta.TryGetValue(key, out var v) ? v
            : throw new DataFormatException($"the checkpoint metadata has no '{key}' entry (is this a model file rather than a checkpoint?)", path);
        if (Meta("format") != Format)
            throw new DataFormatException($"metadata 'format' is '{meta["format"]}', expected '{Format}'", path);
        if (!int.TryParse(Meta("format_version"), NumberStyles.None, CultureInfo.InvariantCulture, out int version) || version != Version)
            throw new DataFormatException($"checkpoint format_version '{meta["format_version"]}' is not supported (this library reads {Version})", path);
        if (!int.TryParse(Meta("epoch"), NumberStyles.None, CultureInfo.InvariantCulture, out int epoch))
            throw new DataFormatException($"metadata 'epoch' is '{meta["epoch"]}', not a non-negative integer", path);
        // The epoch counter continues from here: 2147483647 would overflow it and train about 2^31 epochs.
        if (epoch > MaxEpoch)
            throw new DataFormatException($"metadata 'epoch' is {epoch}, more than {MaxEpoch:N0} epochs: the checkpoint is damaged", path);
        ulong[] rng = ParseRng(Meta("rng"), "rng", path);
        var moduleRngs = new List<(Rng Target, ulong[] State)>();
        foreach (var (name, target) in RandomModules(trainer.Model))
        {
            string key = "module_rng." + name;
            if (meta.TryGetValue(key, out var state)) moduleRngs.Add((target, ParseRng(state, key, path)));
        }

        var model = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        var optimizer = new OptimizerState();
        var callbacks = new Dictionary<string, CallbackState>(StringComparer.Ordinal);
        foreach (var t in file.Tensors)
        {
            if (t.Name.StartsWith("model.", StringComparison.Ordinal))
                model[t.Name["model.".Length..]] = Tensor.FromArray(t.Data, t.Shape);
            else if (t.Name.StartsWith("optimizer.", StringComparison.Ordinal))
                optimizer.Buffers[t.Name["optimizer.".Length..]] = t.Data;
            else if (t.Name.StartsWith(CallbackPrefix, StringComparison.Ordinal) && t.Name.IndexOf('.', CallbackPrefix.Length) is int dot and > 0
                     && meta.ContainsKey(t.Name[..dot]))
                CallbackStateOf(callbacks, t.Name[CallbackPrefix.Length..dot]).Tensors[t.Name[(dot + 1)..]] = Tensor.FromArray(t.Data, t.Shape);
            else
                throw new DataFormatException($"unexpected tensor '{t.Name}' (checkpoint tensors start with 'model.', 'optimizer.' or 'callback.')", path);
        }
        TaskSpec? task;
        History history;
        try
        {
            CheckpointJson.ReadOptimizer(Meta("optimizer"), optimizer);
            task = meta.TryGetValue("task", out var taskJson) ? CheckpointJson.ReadTask(taskJson) : null;
            history = CheckpointJson.ReadHistory(Meta("history"));
            foreach (var (key, json) in meta)
                if (key.StartsWith(CallbackPrefix, StringComparison.Ordinal))
                    ReadCallbackValues(json, CallbackStateOf(callbacks, key[CallbackPrefix.Length..]));
        }
        catch (Exception e) when (e is JsonException or FormatException or KeyNotFoundException or InvalidOperationException)
        {
            throw new DataFormatException($"the checkpoint metadata is malformed: {e.Message}", path, inner: e);
        }
        if (CheckRanges(epoch, optimizer, task, history) is { } wrong)
            throw new DataFormatException($"the checkpoint metadata is out of range: {wrong}", path);

        // Validate against the trainer before changing anything: LoadStateDict checks names and shapes first.
        var backup = trainer.Model.StateDict();
        try
        {
            trainer.Model.LoadStateDict(model);
            trainer.Optimizer.LoadStateDict(optimizer);
        }
        catch (ArgumentException e)
        {
            trainer.Model.LoadStateDict(backup);
            throw new DataFormatException($"the checkpoint does not fit this trainer: {e.Message}", path, inner: e);
        }
        trainer.Rng.SetState(rng);
        foreach (var (target, state) in moduleRngs) target.SetState(state);
        trainer.EpochsCompleted = epoch;
        if (task is not null) trainer.Task = task;
        trainer.History.ReplaceWith(history);
        trainer.ResumedCallbackStates.Clear();
        foreach (var (key, state) in callbacks) trainer.ResumedCallbackStates[key] = state;
    }

    private static CallbackState CallbackStateOf(Dictionary<string, CallbackState> states, string key)
    {
        if (!states.TryGetValue(key, out var state)) states[key] = state = new CallbackState();
        return state;
    }

    private static void ReadCallbackValues(string json, CallbackState state)
    {
        foreach (var (k, v) in CheckpointJson.ReadValues(json)) state.Values[k] = v;
    }

    // Every number read is range-checked before the trainer sees it; the first problem found, or null.
    private static string? CheckRanges(int epoch, OptimizerState optimizer, TaskSpec? task, History history)
    {
        if (optimizer.StepCount < 0) return $"optimizer step_count {optimizer.StepCount} is negative";
        foreach (var (k, v) in optimizer.Steps)
            if (v < 0) return $"optimizer steps '{k}' = {v} is negative";
        foreach (var (k, v) in optimizer.HyperParameters)
            if (!double.IsFinite(v)) return $"optimizer hyper-parameter '{k}' is {D(v)}";
        if (task is { } t && (t.NumClasses is < 0 or > MaxTaskWidth || t.TargetWidth is < 1 or > MaxTaskWidth))
            return $"task has {t.NumClasses} classes and target width {t.TargetWidth}";
        if (history.Epochs.Count > epoch) return $"the history has {history.Epochs.Count} epochs but the checkpoint is at epoch {epoch}";
        foreach (var e in history.Epochs)
        {
            if (e.Epoch < 1 || e.Epoch > epoch) return $"history epoch {e.Epoch} is outside 1..{epoch}";
            if (e.Steps < 0 || e.Duration < TimeSpan.Zero) return $"history epoch {e.Epoch} has {e.Steps} steps and duration {e.Duration}";
            if (!double.IsFinite(e.LearningRate) || e.LearningRate < 0) return $"history epoch {e.Epoch} has learning rate {D(e.LearningRate)}";
        }
        return null;
    }

    /// <summary>The generators of the model's random modules (Dropout), by module name.</summary>
    private static IEnumerable<(string Name, Rng Rng)> RandomModules(Module model) =>
        model.NamedModules().Where(m => m.Value is IRandomModule).Select(m => (m.Key, ((IRandomModule)m.Value).Rng));

    private static string FormatRng(ulong[] state) =>
        string.Join(',', state.Select(s => s.ToString("x16", CultureInfo.InvariantCulture)));

    private static ulong[] ParseRng(string text, string key, string path)
    {
        try
        {
            var state = text.Split(',').Select(s => ulong.Parse(s, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture)).ToArray();
            new Rng().SetState(state); // validates length and non-zero state
            return state;
        }
        catch (Exception e) when (e is FormatException or OverflowException or ArgumentException)
        {
            throw new DataFormatException($"metadata '{key}' is not a valid generator state: {e.Message}", path, inner: e);
        }
    }

    private static string D(double v) => CheckpointJson.D(v);
}
