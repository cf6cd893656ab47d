using Nabla.Cli.Parsing;
using Nabla.NN;
using Nabla.NN.Serialization;

namespace Nabla.Cli.Execution;

/// <summary>
/// A trained model on disk: the folder <c>nabla train</c> wrote, holding <c>model.safetensors</c> (weights, named
/// as in the state dict) and <c>model.json</c> (<see cref="ModelCard"/>). MODEL arguments may name the folder or
/// either file in it.
/// </summary>
/// <param name="Folder">The folder.</param>
/// <param name="Card">The model card.</param>
/// <param name="Model">The rebuilt model with its trained weights, in eval mode.</param>
public sealed record ModelFolder(string Folder, ModelCard Card, Sequential Model)
{
    /// <summary>Weights file name.</summary>
    public const string WeightsFile = "model.safetensors";
    /// <summary>Model card file name.</summary>
    public const string CardFile = "model.json";

    /// <summary>Opens the model <paramref name="path"/> names (a folder, model.json or model.safetensors).</summary>
    public static ModelFolder Open(string path)
    {
        string folder = Directory.Exists(path) ? path
            : File.Exists(path) ? Path.GetDirectoryName(Path.GetFullPath(path))!
            : throw new CliException($"Model '{path}' does not exist. Give the output folder of 'nabla train' (e.g. runs/20260101-120000) or the model.json in it.");
        string card = Path.Combine(folder, CardFile), weights = Path.Combine(folder, WeightsFile);
        if (!File.Exists(card)) throw new CliException($"'{folder}' has no {CardFile}; it is not the output folder of 'nabla train'.");
        if (!File.Exists(weights)) throw new CliException($"'{folder}' has no {WeightsFile}; the model's weights are missing.");
        var modelCard = ModelCard.Load(card);
        var model = modelCard.Spec.Build(new Rng(0));
        model.LoadStateDict(SafeTensors.LoadTensors(weights));
        model.Eval();
        return new ModelFolder(folder, modelCard, model);
    }
}
