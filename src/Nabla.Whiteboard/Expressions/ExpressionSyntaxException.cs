using System.Text;

namespace Nabla.Whiteboard.Expressions;

/// <summary>
/// A mistake in an expression, located by line and column. <see cref="Caret"/> renders the offending line
/// with a ^ under the column and says what was expected, e.g.
/// <code>
/// y = w2 + * w3
///          ^ expected a number, a name, '(' or '-' but found '*'
/// </code>
/// </summary>
public sealed class ExpressionSyntaxException : Exception
{
    /// <summary>1-based line of the problem.</summary>
    public int Line { get; }

    /// <summary>1-based column of the problem.</summary>
    public int Column { get; }

    /// <summary>The full text of the offending line (without its line break).</summary>
    public string SourceLine { get; }

    /// <summary>What went wrong in words, e.g. "expected ')' but found end of input".</summary>
    public string Problem { get; }

    /// <summary>Creates the error for <paramref name="span"/> of <paramref name="source"/>.</summary>
    public ExpressionSyntaxException(string source, SourceSpan span, string problem)
        : base($"line {span.Line}, column {span.Column}: {problem}")
    {
        Line = span.Line;
        Column = span.Column;
        Problem = problem;
        SourceLine = LineOf(source, span.Line);
    }

    /// <summary>The source line, then a line with ^ under the bad column followed by the problem.</summary>
    public string Caret
    {
        get
        {
            var pad = new StringBuilder();
            // Copy tabs so the caret lines up under tab-indented text.
            for (int i = 0; i < Column - 1; i++) pad.Append(i < SourceLine.Length && SourceLine[i] == '\t' ? '\t' : ' ');
            return $"{SourceLine}\n{pad}^ {Problem}";
        }
    }

    static string LineOf(string source, int line)
    {
        string[] lines = source.Replace("\r\n", "\n").Split('\n');
        return line >= 1 && line <= lines.Length ? lines[line - 1].TrimEnd('\r') : "";
    }
}
