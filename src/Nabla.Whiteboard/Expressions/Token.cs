namespace Nabla.Whiteboard.Expressions;

/// <summary>Kinds of tokens in the expression language.</summary>
public enum TokenKind
{
    /// <summary>A number such as 2, 0.5, .5 or 1e-3.</summary>
    Number,
    /// <summary>A name: a letter or underscore, then letters, digits or underscores.</summary>
    Identifier,
    /// <summary>+</summary>
    Plus,
    /// <summary>-</summary>
    Minus,
    /// <summary>*</summary>
    Star,
    /// <summary>/</summary>
    Slash,
    /// <summary>^ (power)</summary>
    Caret,
    /// <summary>(</summary>
    LeftParen,
    /// <summary>)</summary>
    RightParen,
    /// <summary>, between function arguments</summary>
    Comma,
    /// <summary>= naming a step</summary>
    Equals,
    /// <summary>; or a line break outside parentheses: ends a statement</summary>
    Separator,
    /// <summary>End of the source.</summary>
    End,
}

/// <summary>One token: its kind, its exact source text and where it is.</summary>
public sealed record Token(TokenKind Kind, string Text, SourceSpan Span)
{
    /// <summary>How the token is named in error messages: "'+'", "number 2", "name w1", "end of input".</summary>
    public string Describe() => Kind switch
    {
        TokenKind.Number => $"number {Text}",
        TokenKind.Identifier => $"name '{Text}'",
        TokenKind.End => "end of input",
        TokenKind.Separator => Text == ";" ? "';'" : "end of line",
        _ => $"'{Text}'",
    };
}
