namespace Nabla.Cli.Parsing;

/// <summary>
/// Recognises exceptions from the libraries and the file system that describe the user's mistake
/// (a missing file, bad data, a shape that does not fit) and gives the one line to print for them.
/// Anything not recognised is treated as a bug in nabla.
/// </summary>
public static class UserErrors
{
    /// <summary>The message to show for <paramref name="e"/>, or null when it is not a user error.</summary>
    public static string? Translate(Exception e) => e switch
    {
        // Bad data (file, line, column, value are in the message) and broken model/checkpoint files.
        Nabla.NN.Data.DataFormatException d => d.Message,
        // Expression mistakes show the line with a caret under the column.
        Nabla.Whiteboard.Expressions.ExpressionSyntaxException x => $"error in the expression at line {x.Line}, column {x.Column}:\n  {x.Caret.Replace("\n", "\n  ")}",
        FileNotFoundException f => f.FileName is { } name ? $"File '{name}' does not exist." : f.Message,
        DirectoryNotFoundException d => d.Message,
        UnauthorizedAccessException u => u.Message,
        InvalidDataException i => i.Message,
        // The libraries validate their inputs and name the problem (shapes, columns, ranges) in these.
        ArgumentException a => a.Message,
        InvalidOperationException i when i.Source is not null && i.Source.StartsWith("Nabla", StringComparison.Ordinal) => i.Message,
        IOException io => io.Message,
        _ => null,
    };
}
