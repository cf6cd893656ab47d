namespace Nabla.Whiteboard.Expressions;

/// <summary>One step of a program: <c>name = expression</c>. The last step may be written without a name.</summary>
/// <param name="Name">The step's name ("g"); for an unnamed last step the parser picks "f" (or "f1", ... if taken).</param>
/// <param name="Expression">The right-hand side.</param>
/// <param name="IsNamed">Whether the name was written in the source.</param>
/// <param name="NameSpan">Where the name is (the expression's span for an unnamed step).</param>
public sealed record Statement(string Name, ExprNode Expression, bool IsNamed, SourceSpan NameSpan)
{
    /// <summary>"g = -2 * w1".</summary>
    public override string ToString() => $"{Name} = {Expression.ToFormula()}";
}
