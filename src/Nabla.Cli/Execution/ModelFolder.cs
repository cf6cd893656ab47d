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
        var tensors = SafeTensors.LoadTensors(weights);
        // The weights file's size is real (the reader checks it), the card's layer sizes are only claims: compare the
        // parameter counts before building, so a card announcing a billion-unit layer never allocates it (#8).
        var spec = modelCard.Spec;
        long claimed = 0, stored = tensors.Values.Sum(t => (long)t.Size);
        int width = spec.Inputs;
        foreach (int h in spec.Hidden.Append(spec.Outputs))
        {
            if (width < 1 || h < 1) throw new CliException($"'{card}' describes layer sizes {spec.Shape}; every size must be at least 1.");
            claimed += (long)width * h + h;
            if (claimed > stored) break;
            width = h;
        }
        if (claimed != stored)
            throw new CliException($"'{card}' describes a {spec.Shape} network ({(claimed > stored ? "more than " : "")}{claimed} parameters) but '{weights}' holds {stored}: they are not from the same run.");
        Sequential model;
        try
        {
            model = spec.Build(new Rng(0));
            model.LoadStateDict(tensors);
        }
        catch (ArgumentException e)
        {
            // An unknown activation or initialiser, or weights whose shapes differ from the card's (files from different runs, or edited).
            throw new CliException($"'{card}' and '{weights}' do not describe the same network: {e.Message}");
        }
        model.Eval();
        return new ModelFolder(folder, modelCard, model);
    }
}
