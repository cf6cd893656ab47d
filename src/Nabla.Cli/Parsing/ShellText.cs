namespace Nabla.Cli.Parsing;

/// <summary>Text the user copies from a hint into a shell: paths quoted so spaces and quotes survive the paste.</summary>
public static class ShellText
{
    /// <summary>Longest error message printed; longer ones (a 60 KB list of column names) are cut with a count.</summary>
    public const int MaxMessageLength = 2000;

    /// <summary>
    /// <paramref name="word"/> as one POSIX shell word: unchanged when it holds only safe characters, else in single
    /// quotes (a single quote inside becomes <c>'\''</c>).
    /// </summary>
    public static string Quote(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        if (word.Length > 0 && word.All(c => char.IsAsciiLetterOrDigit(c) || "_-./:=@%+,".Contains(c))) return word;
        return "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
    }

    /// <summary><paramref name="message"/> cut to <see cref="MaxMessageLength"/> characters, saying how many were left out.</summary>
    public static string Cap(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.Length <= MaxMessageLength) return message;
        int keep = MaxMessageLength - 60;
        if (char.IsHighSurrogate(message[keep - 1])) keep--;
        return message[..keep] + $" ... ({message.Length - keep:N0} more characters)";
    }
}
