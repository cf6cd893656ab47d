using Nabla.Cli.Options;
using Nabla.Cli.Parsing;
using Nabla.NN.Models;
using Nabla.Onnx;

namespace Nabla.Cli.Execution;

/// <summary>Runs <c>nabla export MODEL --format onnx --out FILE [--no-preprocessing]</c>.</summary>
public static class ExportRunner
{
    /// <summary>Loads the model, writes the ONNX file and says what its inputs and outputs are; returns the exit code.</summary>
    public static int Run(ExportOptions o, CliContext context)
    {
        var package = ModelPackage.Load(o.Model, o.LoadOptions);
        try { package.ExportOnnx(o.Out, includePreprocessing: !o.NoPreprocessing); }
        catch (NotSupportedException e) { throw new CliException(e.Message); }
        var pre = o.NoPreprocessing ? null : package.Card.Preprocessor;
        string inputs = pre is null || pre.Features.All(f => f.Kind == NN.Data.ColumnKind.Numeric)
            ? $"{OnnxFormat.FeaturesInput} [N, {(pre is null ? package.Card.Spec.Inputs : pre.Features.Count)}]"
            : string.Join(", ", pre.Features.Select(f => $"{f.Name} [N, 1]"));
        string outputs = package.Card.ClassNames is { } c
            ? $"{OnnxFormat.ProbabilitiesOutput} [N, {c.Count}], {OnnxFormat.LabelOutput} [N], {OnnxFormat.ClassOutput} [N]"
            : $"{OnnxFormat.ValueOutput} [N, {package.Card.Spec.Outputs}]";
        context.Stderr.WriteLine($"Wrote {o.Out} (ONNX opset {OnnxFormat.Opset}): inputs {inputs}; outputs {outputs}.");
        return ExitCodes.Success;
    }
}
