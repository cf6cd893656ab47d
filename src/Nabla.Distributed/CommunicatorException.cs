namespace Nabla.Distributed;

/// <summary>
/// A collective could not complete: a rank failed, aborted, called a different collective, or did not arrive within
/// the timeout. The message names the rank and the reason; every waiting rank gets the same one.
/// </summary>
public sealed class CommunicatorException : Exception
{
    /// <summary>Creates the exception with its message.</summary>
    public CommunicatorException(string message) : base(message) { }

    /// <summary>Creates the exception with its message and the failure that caused it.</summary>
    public CommunicatorException(string message, Exception inner) : base(message, inner) { }
}
