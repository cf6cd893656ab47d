using Nabla.Whiteboard.Expressions;

namespace Nabla.Whiteboard.Tests.Expressions;

public class LexerTests
{
    [Fact]
    public void Tokenize_Steps_KindsTextAndPositions()
    {
        var tokens = Lexer.Tokenize("g = -2*w1; y = w2 + g\nz = y*w3");
        Assert.Equal("g = - 2 * w1 ; y = w2 + g \n z = y * w3 ", string.Join(" ", tokens.Select(t => t.Text)));
        var z = tokens.Single(t => t.Text == "z");
        Assert.Equal((2, 1), (z.Span.Line, z.Span.Column));
        var w2 = tokens.Single(t => t.Text == "w2");
        Assert.Equal((1, 16, 15), (w2.Span.Line, w2.Span.Column, w2.Span.Start));
        Assert.Equal(TokenKind.End, tokens[^1].Kind);
    }

    [Theory]
    [InlineData("2", "2")]
    [InlineData("0.5", "0.5")]
    [InlineData(".5", ".5")]
    [InlineData("2.", "2.")]
    [InlineData("1e-3", "1e-3")]
    [InlineData("3E+2", "3E+2")]
    public void Tokenize_Numbers_OneNumberToken(string source, string text)
    {
        var t = Lexer.Tokenize(source);
        Assert.Equal(2, t.Count);
        Assert.Equal((TokenKind.Number, text), (t[0].Kind, t[0].Text));
    }

    [Fact]
    public void Tokenize_NewlineInsideParentheses_IsWhitespace()
    {
        var kinds = Lexer.Tokenize("max(a,\n b)\nc").Select(t => t.Kind).ToArray();
        Assert.Equal(1, kinds.Count(k => k == TokenKind.Separator));
    }

    [Fact]
    public void Tokenize_Comment_Ignored() =>
        Assert.Equal(["x", "+", "1", ""], Lexer.Tokenize("x + 1 # the bias").Select(t => t.Text));

    [Theory]
    [InlineData("x**2", 2, "write powers with ^")]
    [InlineData("x $ y", 3, "unexpected character '$'")]
    public void Tokenize_BadInput_ErrorAtColumn(string source, int column, string fragment)
    {
        var ex = Assert.Throws<ExpressionSyntaxException>(() => Lexer.Tokenize(source));
        Assert.Equal(column, ex.Column);
        Assert.Contains(fragment, ex.Problem);
    }
}
