namespace Nabla.Whiteboard.Expressions;

/// <summary>Where a piece of source text sits: character offset and length, plus 1-based line and column of its start.</summary>
/// <param name="Start">0-based offset into the whole source.</param>
/// <param name="Length">Number of characters.</param>
/// <param name="Line">1-based line of the first character.</param>
/// <param name="Column">1-based column of the first character.</param>
public readonly record struct SourceSpan(int Start, int Length, int Line, int Column)
{
    /// <summary>Offset just past the last character.</summary>
    public int End => Start + Length;

    /// <summary>The span from the start of <paramref name="first"/> to the end of <paramref name="last"/>.</summary>
    public static SourceSpan Cover(SourceSpan first, SourceSpan last) =>
        new(first.Start, last.End - first.Start, first.Line, first.Column);
}
