using Nabla.Cli.Options;
using Nabla.Cli.Parsing;

namespace Nabla.Cli.Commands;

/// <summary><c>nabla export</c>: Write a trained model as ONNX, preprocessing included, for ONNX Runtime.</summary>
public sealed class ExportCommand : ICliCommand
{
    /// <inheritdoc/>
    public string Name => "export";

    /// <inheritdoc/>
    public string Description => "Write a trained model as ONNX (preprocessing included) to run it in ONNX Runtime.";

    /// <inheritdoc/>
    public IReadOnlyList<ArgumentSpec> Arguments { get; } = [new("MODEL", "The output folder of 'nabla train' or the model file in it.")];

    /// <inheritdoc/>
    public IReadOnlyList<OptionSpec> Options => ExportOptions.Specs;

    /// <inheritdoc/>
    public int Execute(RawOptions options, CliContext context) => Nabla.Cli.Execution.ExportRunner.Run(ExportOptions.From(options), context);
}
