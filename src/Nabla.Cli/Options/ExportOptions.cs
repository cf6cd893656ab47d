using Nabla.Cli.Parsing;
using Nabla.NN.Models;

namespace Nabla.Cli.Options;

/// <summary>Options of <c>nabla export MODEL --format onnx --out FILE</c>: write a trained model in a standard format.</summary>
/// <param name="Model">The output folder of <c>train</c> or the model file in it.</param>
/// <param name="Format">The format written (onnx).</param>
/// <param name="Out">The file to write.</param>
/// <param name="NoPreprocessing">Export the bare network (encoded features in) instead of baking the preprocessing into the graph.</param>
/// <param name="AllowNonFinite">Load weights holding NaN or infinity instead of refusing them.</param>
public sealed record ExportOptions(string Model, string Format, string Out, bool NoPreprocessing, bool AllowNonFinite = false)
{
    /// <summary>How the model folder is loaded.</summary>
    public ModelLoadOptions LoadOptions => new() { AllowNonFinite = AllowNonFinite };

    private static readonly TypedOption<string> FormatOption = TypedOptions.Choice("format", "The format to write: onnx (opset 13, for ONNX Runtime and other ONNX tools; docs/ONNX.md).", "onnx", ["onnx"]);
    private static readonly TypedOption<string?> OutOption = TypedOptions.Text("out", "FILE", "The file to write, e.g. model.onnx (required).");
    private static readonly TypedOption<bool> NoPreprocessingOption = TypedOptions.Flag("no-preprocessing", "Export the bare network, which takes the encoded features [N, F], instead of the raw columns.");

    /// <summary>The options of <c>nabla export</c>.</summary>
    public static readonly IReadOnlyList<OptionSpec> Specs = [FormatOption.Spec, OutOption.Spec, NoPreprocessingOption.Spec, EvaluateOptions.AllowNonFiniteOption.Spec];

    /// <summary>Validates <paramref name="raw"/> and builds the options.</summary>
    public static ExportOptions From(RawOptions raw) =>
        new(raw.Arguments[0], FormatOption.Read(raw),
            OutOption.Read(raw) ?? throw new UsageException("--out FILE is required: the file to write (e.g. model.onnx)."),
            NoPreprocessingOption.Read(raw), EvaluateOptions.AllowNonFiniteOption.Read(raw));
}
