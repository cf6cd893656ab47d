using System.Globalization;

namespace Nabla.Whiteboard.Expressions;

/// <summary>
/// Splits expression source into tokens. A line break ends a statement (like ';') except inside
/// parentheses, where it is ordinary white space, so long calls may span lines.
/// </summary>
public static class Lexer
{
    /// <summary>All tokens of <paramref name="source"/>, ending with a <see cref="TokenKind.End"/> token.</summary>
    /// <exception cref="ExpressionSyntaxException">On a character that cannot start a token.</exception>
    public static IReadOnlyList<Token> Tokenize(string source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var tokens = new List<Token>();
        int i = 0, line = 1, lineStart = 0, depth = 0;
        while (i < source.Length)
        {
            char c = source[i];
            SourceSpan At(int length) => new(i, length, line, i - lineStart + 1);

            if (c == '\n')
            {
                if (depth == 0) tokens.Add(new Token(TokenKind.Separator, "\n", At(1)));
                i++; line++; lineStart = i;
                continue;
            }
            if (char.IsWhiteSpace(c)) { i++; continue; }
            if (c == '#') { while (i < source.Length && source[i] != '\n') i++; continue; } // comment to end of line

            if (char.IsAsciiDigit(c) || (c == '.' && i + 1 < source.Length && char.IsAsciiDigit(source[i + 1])))
            {
                int len = NumberLength(source, i);
                string text = source.Substring(i, len);
                if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
                    throw new ExpressionSyntaxException(source, At(len), $"'{text}' is not a number");
                tokens.Add(new Token(TokenKind.Number, text, At(len)));
                i += len;
                continue;
            }
            if (char.IsLetter(c) || c == '_')
            {
                int len = 1;
                while (i + len < source.Length && (char.IsLetterOrDigit(source[i + len]) || source[i + len] == '_')) len++;
                tokens.Add(new Token(TokenKind.Identifier, source.Substring(i, len), At(len)));
                i += len;
                continue;
            }
            if (c == '*' && i + 1 < source.Length && source[i + 1] == '*')
                throw new ExpressionSyntaxException(source, At(2), "'**' is not an operator here: write powers with ^, e.g. x^2");

            TokenKind? kind = c switch
            {
                '+' => TokenKind.Plus,
                '-' or '\u2212' => TokenKind.Minus, // also accept the typographic minus sign pasted from notes
                '*' or '\u00b7' or '\u00d7' => TokenKind.Star,
                '/' => TokenKind.Slash,
                '^' => TokenKind.Caret,
                '(' => TokenKind.LeftParen,
                ')' => TokenKind.RightParen,
                ',' => TokenKind.Comma,
                '=' => TokenKind.Equals,
                ';' => TokenKind.Separator,
                _ => null,
            };
            if (kind is null)
                throw new ExpressionSyntaxException(source, At(1), $"unexpected character '{c}': expected a number, a name, an operator (+ - * / ^), '(' , ')' or ';'");
            if (kind == TokenKind.LeftParen) depth++;
            if (kind == TokenKind.RightParen) depth = Math.Max(0, depth - 1);
            tokens.Add(new Token(kind.Value, c.ToString(), At(1)));
            i++;
        }
        tokens.Add(new Token(TokenKind.End, "", new SourceSpan(i, 0, line, i - lineStart + 1)));
        return tokens;
    }

    // digits [. digits] [(e|E) [+|-] digits]; the exponent is taken only when digits follow it,
    // so "2e" lexes as 2 followed by the name e (and then fails in the parser with a clear message).
    static int NumberLength(string s, int start)
    {
        int i = start;
        while (i < s.Length && char.IsAsciiDigit(s[i])) i++;
        if (i < s.Length && s[i] == '.') { i++; while (i < s.Length && char.IsAsciiDigit(s[i])) i++; }
        if (i < s.Length && (s[i] == 'e' || s[i] == 'E'))
        {
            int j = i + 1;
            if (j < s.Length && (s[j] == '+' || s[j] == '-')) j++;
            if (j < s.Length && char.IsAsciiDigit(s[j]))
            {
                while (j < s.Length && char.IsAsciiDigit(s[j])) j++;
                i = j;
            }
        }
        return i - start;
    }
}
