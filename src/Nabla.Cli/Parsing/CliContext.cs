namespace Nabla.Cli.Parsing;

/// <summary>What a running command may use from its surroundings: its writers, the cancel signal (Ctrl-C) and flags common to all commands.</summary>
/// <param name="Stdout">Results and progress go here (the summary with <c>--json</c>).</param>
/// <param name="Stderr">Errors and warnings go here.</param>
/// <param name="Cancel">Signalled by Ctrl-C; long commands stop at a safe point and save their work.</param>
/// <param name="IsTerminal">True when <paramref name="Stdout"/> is an interactive terminal: live progress bars instead of plain lines.</param>
public sealed record CliContext(TextWriter Stdout, TextWriter Stderr, CancellationToken Cancel, bool IsTerminal);
