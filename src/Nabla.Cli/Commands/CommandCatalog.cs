using Nabla.Cli.Execution;
using Nabla.Cli.Options;
using Nabla.Cli.Parsing;

namespace Nabla.Cli.Commands;

/// <summary>Every <c>nabla</c> subcommand, in the order <c>nabla --help</c> lists them: one row each (name, help,
/// arguments, option declarations, the options parser and the runner), so a new command is one row here plus its
/// options record and its runner.</summary>
public static class CommandCatalog
{
    private static readonly ArgumentSpec[] ModelArgument = [new("MODEL", "The output folder of 'nabla train' or the model file in it.")];

    /// <summary>The commands.</summary>
    public static IReadOnlyList<ICliCommand> All { get; } =
    [
        CliCommand.Of("train", "Train a neural network on a CSV file or a built-in data set and write the model and a report. Under `mpirun -n N` the N processes train one model data-parallel; with one thread per rank start it as `mpirun --bind-to none` (docs/DISTRIBUTED.md).",
            [], TrainOptions.Specs, TrainOptions.From, TrainRunner.Run, everyRank: true),
        CliCommand.Of("evaluate", "Score a trained model on labelled data.",
            ModelArgument, EvaluateOptions.Specs, EvaluateOptions.From, EvaluateRunner.Run),
        CliCommand.Of("predict", "Predict new rows of a CSV file with a trained model.",
            ModelArgument, PredictOptions.Specs, PredictOptions.From, PredictRunner.Run),
        CliCommand.Of("inspect", "Show a trained model's architecture, parameter counts and model card.",
            ModelArgument, InspectOptions.Specs, InspectOptions.From, InspectRunner.Run),
        CliCommand.Of("compare", "Train the same model several ways and overlay their loss curves in one report.",
            [], CompareOptions.Specs, CompareOptions.From, CompareRunner.Run, everyRank: true),
        CliCommand.Of("export", "Write a trained model as ONNX (preprocessing included) to run it in ONNX Runtime.",
            ModelArgument, ExportOptions.Specs, ExportOptions.From, ExportRunner.Run),
        CliCommand.Of("explain", "Explain an expression's forward and backward pass step by step, the way a teacher works it.",
            [new("EXPR", "The expression, e.g. \"g = -2*w1; y = w2 + g; z = y*w3\".")], ExplainOptions.Specs, ExplainOptions.From, ExplainRunner.Run),
        CliCommand.Of("explain-net", "Explain one sample's forward and backward pass through a small dense network, neuron by neuron.",
            [], ExplainNetOptions.Specs, ExplainNetOptions.From, ExplainNetRunner.Run),
        CliCommand.Of("descend", "Trace gradient descent on data step by step: batch, predictions, loss and updates.",
            [], DescendOptions.Specs, DescendOptions.From, DescendRunner.Run),
        CliCommand.Of("tune", "Search widths, depths, learning rates, weight decays and batch sizes; write a leaderboard and the best model.",
            [], TuneOptions.Specs, TuneOptions.From, TuneRunner.Run, everyRank: true),
    ];
}
