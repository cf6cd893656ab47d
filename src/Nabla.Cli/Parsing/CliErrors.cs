namespace Nabla.Cli.Parsing;

/// <summary>
/// A mistake in how the tool was called (an unknown option, a bad value, a missing argument).
/// The message is printed as is, without a stack trace, and the tool exits with code 2.
/// </summary>
public sealed class UsageException(string message) : Exception(message);

/// <summary>
/// A problem with the user's files or data (a missing file, a missing column, a non-numeric value).
/// The message is printed as is, without a stack trace unless <c>--verbose</c>, and the tool exits with code 1.
/// </summary>
public sealed class CliException : Exception
{
    /// <summary>Creates the error with the message the user will read.</summary>
    public CliException(string message) : base(message) { }

    /// <summary>Creates the error with the message the user will read and the exception that caused it.</summary>
    public CliException(string message, Exception inner) : base(message, inner) { }
}

/// <summary>Exit codes of the <c>nabla</c> tool.</summary>
public static class ExitCodes
{
    /// <summary>The command did what was asked.</summary>
    public const int Success = 0;
    /// <summary>The command failed because of the user's data or files, or an internal error.</summary>
    public const int Failure = 1;
    /// <summary>The command line itself was wrong (unknown option, bad value).</summary>
    public const int Usage = 2;
    /// <summary>Training was interrupted (Ctrl-C) after a checkpoint was saved; 128 + SIGINT, as shells expect.</summary>
    public const int Interrupted = 130;
}
