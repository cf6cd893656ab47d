using Nabla.Cli.Parsing;

namespace Nabla.Cli.Commands;

/// <summary>Every <c>nabla</c> subcommand, in the order <c>nabla --help</c> lists them.</summary>
public static class CommandCatalog
{
    /// <summary>The commands.</summary>
    public static IReadOnlyList<ICliCommand> All { get; } =
    [
        new TrainCommand(), new EvaluateCommand(), new PredictCommand(), new InspectCommand(), new CompareCommand(),
        new ExportCommand(), new ExplainCommand(), new ExplainNetCommand(), new DescendCommand(), new TuneCommand(),
    ];
}
