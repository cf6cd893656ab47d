using System.Globalization;

namespace Nabla.Whiteboard.Expressions;

/// <summary>
/// Recursive-descent parser for the whiteboard's expression language.
/// <code>
/// program   := statement ((';' | newline) statement)*     empty statements are ignored
/// statement := [name '='] sum
/// sum       := product (('+' | '-') product)*              left-associative
/// product   := unary (('*' | '/') unary)*                  left-associative
/// unary     := ('-' | '+') unary | power                   -x^2 = -(x^2), as in maths
/// power     := primary ['^' unary]                         right-associative: 2^3^2 = 2^(3^2); 2^-1 allowed
/// primary   := number | name | function '(' sum (',' sum)* ')' | '(' sum ')'
/// </code>
/// Besides syntax it checks names: known functions with the right number of arguments (suggesting the
/// nearest name for a typo), no step defined twice, no step used before its definition, only the last
/// step may be unnamed.
/// </summary>
public sealed class ExpressionParser
{
    readonly string _source;
    readonly IReadOnlyList<Token> _tokens;
    int _pos;

    ExpressionParser(string source)
    {
        _source = source;
        _tokens = Lexer.Tokenize(source);
    }

    /// <summary>Parses <paramref name="source"/>.</summary>
    /// <exception cref="ExpressionSyntaxException">With line, column and a caret rendering of the first mistake.</exception>
    public static ExpressionProgram Parse(string source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var parser = new ExpressionParser(source);
        var statements = parser.ParseStatements();
        return NameChecker.Check(source, statements);
    }

    /// <summary>Parses a single expression without steps (e.g. a loss such as "target - z").</summary>
    public static ExprNode ParseExpression(string source)
    {
        var program = Parse(source);
        if (program.Statements.Count != 1 || program.Statements[0].IsNamed)
            throw new ExpressionSyntaxException(source, program.Statements[^1].NameSpan, "expected a single expression without named steps");
        return program.Statements[0].Expression;
    }

    Token Peek => _tokens[_pos];
    Token PeekAt(int ahead) => _tokens[Math.Min(_pos + ahead, _tokens.Count - 1)];
    Token Next() => _tokens[_pos++];

    List<(Token? Name, ExprNode Expr)> ParseStatements()
    {
        var result = new List<(Token?, ExprNode)>();
        while (true)
        {
            while (Peek.Kind == TokenKind.Separator) Next();
            if (Peek.Kind == TokenKind.End) break;

            Token? name = null;
            if (Peek.Kind == TokenKind.Identifier && PeekAt(1).Kind == TokenKind.Equals)
            {
                name = Next();
                Next();
            }
            int first = _pos;
            var expr = ParseSum();
            // The parse is linear, but printing and explaining a step walk its tree, whose depth grows with its
            // length (1+1+...+1); a bound per step keeps those walks shallow and their cost small.
            if (_pos - first > MaxTokensPerStep)
                throw Error(_tokens[first], $"this step has {_pos - first} symbols; the whiteboard explains at most {MaxTokensPerStep} per step: split it into named steps");
            result.Add((name, expr));
            if (Peek.Kind is not (TokenKind.Separator or TokenKind.End))
                throw Error(Peek, Peek.Kind == TokenKind.Equals
                    ? "'=' can only follow a single name at the start of a step, as in g = -2*w1"
                    : $"expected an operator (+ - * / ^), ';' or a new line but found {Peek.Describe()}");
        }
        if (result.Count == 0)
            throw Error(Peek, "expected an expression such as z = (w2 - 2*w1) * w3 but the input is empty");
        return result;
    }

    ExprNode ParseSum()
    {
        var left = ParseProduct();
        while (Peek.Kind is TokenKind.Plus or TokenKind.Minus)
        {
            var op = Next().Kind == TokenKind.Plus ? BinaryOperator.Add : BinaryOperator.Subtract;
            var right = ParseProduct();
            left = new BinaryNode(_source, SourceSpan.Cover(left.Span, right.Span), op, left, right);
        }
        return left;
    }

    ExprNode ParseProduct()
    {
        var left = ParseUnary();
        while (Peek.Kind is TokenKind.Star or TokenKind.Slash)
        {
            var op = Next().Kind == TokenKind.Star ? BinaryOperator.Multiply : BinaryOperator.Divide;
            var right = ParseUnary();
            left = new BinaryNode(_source, SourceSpan.Cover(left.Span, right.Span), op, left, right);
        }
        return left;
    }

    /// <summary>Deepest nesting of parentheses, signs, powers and calls accepted: far beyond any formula a person writes,
    /// far below what would overflow the stack (every level of the recursive descent passes through ParseUnary).</summary>
    const int MaxNesting = 200;

    /// <summary>Most numbers, names and operators in one step (a page of formula).</summary>
    const int MaxTokensPerStep = 1000;
    int _depth;

    ExprNode ParseUnary()
    {
        if (_depth >= MaxNesting)
            throw Error(Peek, $"the expression is nested more than {MaxNesting} levels deep (parentheses, signs, powers or calls); split it into named steps");
        _depth++;
        try { return ParseUnaryCore(); }
        finally { _depth--; }
    }

    ExprNode ParseUnaryCore()
    {
        if (Peek.Kind == TokenKind.Minus)
        {
            var minus = Next();
            var operand = ParseUnary();
            return new NegateNode(_source, SourceSpan.Cover(minus.Span, operand.Span), operand);
        }
        if (Peek.Kind == TokenKind.Plus)
        {
            Next(); // unary plus changes nothing
            return ParseUnary();
        }
        return ParsePower();
    }

    ExprNode ParsePower()
    {
        var baseNode = ParsePrimary();
        if (Peek.Kind != TokenKind.Caret) return baseNode;
        Next();
        // The exponent is a unary, so 2^-1 works and 2^3^2 recurses into 3^2 (right-associative).
        var exponent = ParseUnary();
        return new BinaryNode(_source, SourceSpan.Cover(baseNode.Span, exponent.Span), BinaryOperator.Power, baseNode, exponent);
    }

    ExprNode ParsePrimary()
    {
        var t = Peek;
        switch (t.Kind)
        {
            case TokenKind.Number:
                Next();
                return new NumberNode(_source, t.Span, double.Parse(t.Text, NumberStyles.Float, CultureInfo.InvariantCulture));
            case TokenKind.Identifier:
                Next();
                if (Peek.Kind == TokenKind.LeftParen) return ParseCall(t);
                if (FunctionCatalog.Find(t.Text) is { } f)
                    throw Error(Peek, $"expected '(' after the function name '{t.Text}', as in {f.Usage}");
                return new VariableNode(_source, t.Span);
            case TokenKind.LeftParen:
                Next();
                var inner = ParseSum();
                var close = Expect(TokenKind.RightParen, t);
                // Keep the parentheses in the node's source text so Text shows what was written.
                return Reframe(inner, SourceSpan.Cover(t.Span, close.Span));
            default:
                throw Error(t, $"expected a number, a name, '(' or '-' but found {t.Describe()}");
        }
    }

    ExprNode ParseCall(Token name)
    {
        var open = Next();
        var entry = FunctionCatalog.Find(name.Text);
        if (entry is null)
        {
            string? hint = FunctionCatalog.Suggest(name.Text);
            string known = string.Join(", ", FunctionCatalog.All.Select(e => e.Name));
            throw Error(name, hint is null
                ? $"unknown function '{name.Text}'; the functions are {known}"
                : $"unknown function '{name.Text}'; did you mean '{hint}'? (the functions are {known})");
        }
        var args = new List<ExprNode>();
        if (Peek.Kind != TokenKind.RightParen)
        {
            args.Add(ParseSum());
            while (Peek.Kind == TokenKind.Comma)
            {
                Next();
                args.Add(ParseSum());
            }
        }
        var close = Expect(TokenKind.RightParen, open);
        if (args.Count < entry.MinArgs || args.Count > entry.MaxArgs)
        {
            string count = entry.MinArgs == entry.MaxArgs ? $"{entry.MinArgs}" : $"{entry.MinArgs} or {entry.MaxArgs}";
            throw Error(name, $"{entry.Name} takes {count} argument{(entry.MaxArgs == 1 ? "" : "s")} but got {args.Count}: write {entry.Usage}");
        }
        return new CallNode(_source, SourceSpan.Cover(name.Span, close.Span), entry, args);
    }

    Token Expect(TokenKind kind, Token opener)
    {
        if (Peek.Kind == kind) return Next();
        string what = kind == TokenKind.RightParen ? "')'" : kind.ToString();
        string because = kind == TokenKind.RightParen && Peek.Kind != TokenKind.Comma
            ? $" to close the '(' at column {opener.Span.Column}"
            : "";
        if (Peek.Kind == TokenKind.Comma) return Throw(Error(Peek, $"expected {what} but found ','; only functions take several arguments"));
        return Throw(Error(Peek, $"expected {what}{because} but found {Peek.Describe()}"));
    }

    static Token Throw(Exception e) => throw e;

    ExpressionSyntaxException Error(Token at, string problem) => new(_source, at.Span, problem);

    // A parenthesised expression is the same node; only its source span grows to include "(" and ")".
    ExprNode Reframe(ExprNode node, SourceSpan span) => node switch
    {
        // A number keeps its own span too: the printer shows a number's text, which must not take in the parentheses
        // and whatever was written inside them (spaces, a line break, a comment).
        NumberNode or VariableNode => node, // a name keeps its own span so it can be looked up by text
        NegateNode u => new NegateNode(_source, span, u.Operand),
        BinaryNode b => new BinaryNode(_source, span, b.Operator, b.Left, b.Right),
        CallNode c => new CallNode(_source, span, c.Entry, c.Arguments),
        _ => node,
    };
}
