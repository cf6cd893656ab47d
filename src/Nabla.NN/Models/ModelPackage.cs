using System.Security.Cryptography;
using Nabla.NN.Data;
using Nabla.NN.Optim;
using Nabla.NN.Registries;
using Nabla.NN.Serialization;
using Nabla.NN.Training;

namespace Nabla.NN.Models;

/// <summary>
/// A trained model as one unit: the folder <c>nabla train</c> (or <see cref="Save"/>) writes, holding
/// <c>model.safetensors</c> (weights, named as in the state dict) and <c>model.json</c> (the <see cref="ModelCard"/>).
/// <see cref="Load"/> validates the two against each other before building anything.
/// </summary>
/// <remarks>
/// <para>The folder cannot tear (#15 item 3): the card records the SHA-256 of the weights file and loading checks it,
/// so weights and card from different runs are refused instead of silently predicting with the wrong pair. A new
/// folder is written under a temporary name and renamed into place; in an existing folder the weights are replaced
/// first and the card last (each file atomically), and a reader that catches the moment in between retries briefly
/// and then reports a folder being written. Two writers of one folder are refused by <see cref="ModelFolderLock"/>.</para>
/// <para>Non-finite weights (#15 item 11) are refused at load with the tensor's name unless
/// <see cref="ModelLoadOptions.AllowNonFinite"/> asks to load them anyway (for debugging a diverged run).</para>
/// </remarks>
/// <param name="Card">The model card.</param>
/// <param name="Model">The network with its trained weights (in eval mode after <see cref="Load"/>).</param>
public sealed record ModelPackage(ModelCard Card, Sequential Model)
{
    /// <summary>Weights file name.</summary>
    public const string WeightsFile = "model.safetensors";
    /// <summary>Model card file name.</summary>
    public const string CardFile = "model.json";

    /// <summary>The folder the package was loaded from or last saved to; null for one built in memory.</summary>
    public string? Folder { get; init; }

    /// <summary>This package predicting with another unknown-category policy (see <see cref="Preprocessor.WithUnknownCategories"/>);
    /// a package without preprocessing is returned as is.</summary>
    public ModelPackage WithUnknownCategories(UnknownCategoryPolicy policy) =>
        Card.Preprocessor is { } pre ? this with { Card = Card with { Preprocessor = pre.WithUnknownCategories(policy) } } : this;

    /// <summary>
    /// Opens the model <paramref name="path"/> names (a folder, or the model.json or model.safetensors in it), checks
    /// card and weights against each other and rebuilds the network in eval mode.
    /// </summary>
    /// <exception cref="FileNotFoundException">The folder or one of its two files does not exist.</exception>
    /// <exception cref="DataFormatException">A file is malformed, the two do not describe the same network, the weights'
    /// hash differs from the card's, or a weight is not finite (without <see cref="ModelLoadOptions.AllowNonFinite"/>).</exception>
    public static ModelPackage Load(string path, ModelLoadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        options ??= ModelLoadOptions.Default;
        string folder = FolderOf(path);
        string cardPath = Path.Combine(folder, CardFile), weightsPath = Path.Combine(folder, WeightsFile);
        if (!File.Exists(cardPath)) throw new FileNotFoundException($"'{folder}' has no {CardFile}; it is not the output folder of 'nabla train'.");
        if (!File.Exists(weightsPath)) throw new FileNotFoundException($"'{folder}' has no {WeightsFile}; the model's weights are missing.");
        // A writer replaces the weights, then the card: a reader in between sees a hash mismatch. While a writer holds
        // the folder, retry a few times so a predict running next to a retrain gets one consistent pair; with no
        // writer, a mismatch is a torn folder at once.
        for (int attempt = 0; ; attempt++)
        {
            var card = ModelCard.Load(cardPath);
            byte[] weightBytes = File.ReadAllBytes(weightsPath);
            string hash = Sha256(weightBytes);
            if (card.WeightsSha256 is null || string.Equals(card.WeightsSha256, hash, StringComparison.OrdinalIgnoreCase))
                return new ModelPackage(card, Build(card, weightBytes, cardPath, weightsPath, options)) { Folder = folder };
            if (attempt == 4 || !ModelFolderLock.IsHeld(folder))
                throw new DataFormatException(
                    $"the SHA-256 of {WeightsFile} is {hash[..12]}... but the card records {card.WeightsSha256[..Math.Min(12, card.WeightsSha256.Length)]}...: " +
                    "weights and card come from different runs (or the folder is being written); retrain, or wait for the running one", cardPath);
            Thread.Sleep(50 << attempt);
        }
    }

    /// <summary>
    /// Writes <c>model.safetensors</c> and <c>model.json</c> (with the weights' hash) into <paramref name="folder"/>. A folder
    /// that does not exist yet appears complete in one rename; in an existing folder the weights go first, the card last.
    /// </summary>
    /// <returns>This package with <see cref="Folder"/> and the card's <see cref="ModelCard.WeightsSha256"/> filled in.</returns>
    /// <exception cref="IOException">Another process holds the folder's lock (see <see cref="ModelFolderLock"/>).</exception>
    public ModelPackage Save(string folder)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        var metadata = new Dictionary<string, string> { ["format"] = ModelCard.FormatName, ["architecture"] = Card.Spec.Shape };
        byte[] weights = SafeTensors.ToBytes(Model.StateDict().Select(kv => new StoredTensor(kv.Key, kv.Value.Shape.Dims, kv.Value.ToArray())), metadata);
        var card = Card with { WeightsSha256 = Sha256(weights) };
        string full = Path.GetFullPath(folder);
        if (!Directory.Exists(full))
        {
            // Fresh folder: fill a sibling under a temporary name, then one rename makes it appear whole.
            string parent = Path.GetDirectoryName(full) ?? ".";
            Directory.CreateDirectory(parent);
            string temp = Path.Combine(parent, $".{Path.GetFileName(full)}.tmp-{Environment.ProcessId}-{Guid.NewGuid():N}");
            Directory.CreateDirectory(temp);
            try
            {
                AtomicFile.WriteAllBytes(Path.Combine(temp, WeightsFile), weights);
                AtomicFile.WriteAllBytes(Path.Combine(temp, CardFile), card.ToJsonBytes());
                Directory.Move(temp, full);
                return this with { Card = card, Folder = folder };
            }
            catch (IOException) when (Directory.Exists(full))
            {
                // Someone created the folder meanwhile: fall through to the in-place write below (under the lock).
            }
            finally
            {
                if (Directory.Exists(temp)) Directory.Delete(temp, recursive: true);
            }
        }
        using (ModelFolderLock.AcquireOrReuse(full))
        {
            AtomicFile.WriteAllBytes(Path.Combine(full, WeightsFile), weights);
            AtomicFile.WriteAllBytes(Path.Combine(full, CardFile), card.ToJsonBytes());
        }
        return this with { Card = card, Folder = folder };
    }

    /// <summary>
    /// Loss and metrics of this model on labelled <paramref name="data"/> (features [N, inputs] encoded as the card's
    /// preprocessing encodes them, e.g. by <see cref="Predictor.Encode(ICsvRows)"/>; targets [N]), batched and without
    /// gradients, with the card's loss. Scored in the target's own units: a standardised regression target is decoded
    /// first (<see cref="TargetUnits"/>), so RMSE and MAE mean what the user's column means.
    /// </summary>
    /// <param name="data">The labelled rows.</param>
    /// <param name="cancellationToken">Checked between prediction batches; cancelling throws <see cref="OperationCanceledException"/>.</param>
    public Evaluation Evaluate(TensorDataset data, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        // The trainer is used only for its evaluation (batched, no gradients, the model's mode restored); the optimizer never steps.
        var trainer = new Trainer(Model, LossRegistry.All[Card.Loss].Create(), new Sgd(Model.Parameters(), 0f), new TrainerOptions { Task = Card.TaskSpec });
        return TargetUnits.Decode(trainer.Evaluate(data, cancellationToken), Card.Preprocessor, trainer.Loss);
    }

    /// <summary>The folder <paramref name="path"/> names: itself, or the folder of a file in it.</summary>
    private static string FolderOf(string path)
    {
        if (Directory.Exists(path)) return path;
        if (File.Exists(path)) return Path.GetDirectoryName(Path.GetFullPath(path))!;
        throw new FileNotFoundException($"Model '{path}' does not exist. Give the output folder of 'nabla train' (e.g. runs/20260101-120000) or the model.json in it.");
    }

    private static Sequential Build(ModelCard card, byte[] weightBytes, string cardPath, string weightsPath, ModelLoadOptions options)
    {
        Dictionary<string, Tensor> tensors;
        using (var stream = new MemoryStream(weightBytes, writable: false))
            tensors = SafeTensors.Read(stream, weightsPath).Tensors.ToDictionary(t => t.Name, SafeTensors.ToTensor, StringComparer.Ordinal);
        // The weights file's size is real (the reader checks it), the card's layer sizes are only claims: compare the
        // parameter counts before building, so a card announcing a billion-unit layer never allocates it.
        var spec = card.Spec;
        long claimed = 0, stored = tensors.Values.Sum(t => (long)t.Size);
        int width = spec.Inputs;
        foreach (int h in spec.Hidden.Append(spec.Outputs))
        {
            claimed += (long)width * h + h;
            if (claimed > stored) break;
            width = h;
        }
        if (claimed != stored)
            throw new DataFormatException($"describes a {spec.Shape} network ({(claimed > stored ? "more than " : "")}{claimed} parameters) but '{weightsPath}' holds {stored}: they are not from the same run", cardPath);
        if (!options.AllowNonFinite) CheckFinite(tensors, weightsPath);
        Sequential model;
        try
        {
            model = spec.Build(new Rng(0));
            model.LoadStateDict(tensors);
        }
        catch (ArgumentException e)
        {
            // An unknown activation or initialiser, or weights whose shapes differ from the card's (files from different runs, or edited).
            throw new DataFormatException($"'{cardPath}' and '{weightsPath}' do not describe the same network: {e.Message}", cardPath);
        }
        model.Eval();
        return model;
    }

    private static void CheckFinite(IReadOnlyDictionary<string, Tensor> tensors, string weightsPath)
    {
        foreach (var (name, t) in tensors)
        {
            var span = t.AsSpan();
            for (int i = 0; i < span.Length; i++)
                if (!float.IsFinite(span[i]))
                    throw new DataFormatException(
                        $"tensor '{name}' holds {span[i]} at element {i}: the run that wrote it diverged. Retrain with a smaller learning rate " +
                        "(to inspect the weights anyway: ModelLoadOptions.AllowNonFinite, or --allow-non-finite on the command line)", weightsPath);
        }
    }

    /// <summary>Lower-case hex SHA-256 of <paramref name="bytes"/>.</summary>
    public static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}

/// <summary>How <see cref="ModelPackage.Load"/> and <see cref="Predictor.Load(string, ModelLoadOptions?)"/> treat a model folder.</summary>
public sealed record ModelLoadOptions
{
    /// <summary>The defaults: non-finite weights are refused.</summary>
    public static readonly ModelLoadOptions Default = new();

    /// <summary>Load weights that hold NaN or infinity instead of refusing them (for inspecting a diverged run; predictions will be NaN).</summary>
    public bool AllowNonFinite { get; init; }
}
