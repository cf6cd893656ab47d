using System.Text;
using Nabla.Whiteboard.Expressions;

namespace Nabla.Whiteboard.Rendering;

/// <summary>
/// Writes whiteboard formulas as LaTeX math that GitHub's Markdown renders: <c>-2 * w1</c> becomes
/// <c>-2 \cdot w_{1}</c>, <c>a / b</c> a fraction, <c>sigmoid(x)</c> <c>\sigma(x)</c>, <c>abs(x)</c> <c>|x|</c>.
/// Formulas are re-parsed with the expression parser, so operator precedence decides the parentheses.
/// </summary>
public static class LatexFormula
{
    /// <summary>A name as LaTeX: w1 becomes w_{1}, x becomes x, a long name such as invden becomes \mathrm{invden}.</summary>
    public static string Name(string name)
    {
        if (name.Length == 0) return name;
        // A letter run followed by digits is a subscripted symbol: w1, a21, x0.
        int split = name.Length;
        while (split > 0 && char.IsAsciiDigit(name[split - 1])) split--;
        string stem = name[..split], digits = name[split..];
        if (stem.Length > 0 && digits.Length > 0 && stem.All(char.IsAsciiLetter))
            return Word(stem) + "_{" + digits + "}";
        return Word(name);
    }

    static string Word(string word)
    {
        if (word.Length == 1 && char.IsAsciiLetter(word[0])) return word;
        if (word.All(ch => char.IsAsciiDigit(ch) || ch == '.')) return word;
        return @"\mathrm{" + word.Replace("_", @"\_", StringComparison.Ordinal) + "}";
    }

    /// <summary>
    /// <paramref name="formula"/> (a whiteboard formula such as "s * (1 - s)" or "4 + -6") as LaTeX; text that
    /// does not parse is shown verbatim in \texttt.
    /// </summary>
    public static string Of(string formula)
    {
        try
        {
            return Of(ExpressionParser.ParseExpression(formula));
        }
        catch (ExpressionSyntaxException)
        {
            return @"\texttt{" + Escape(formula) + "}";
        }
    }

    /// <summary>A syntax tree as LaTeX.</summary>
    public static string Of(ExprNode node) => node switch
    {
        NumberNode n => Number(n.Text),
        VariableNode v => Name(v.Name),
        NegateNode u => "-" + Wrap(u.Operand, FormulaPrinter.Precedence(u.Operand) < 3 || u.Operand is NegateNode),
        BinaryNode b => Binary(b),
        CallNode c => Call(c),
        _ => throw new ArgumentException($"unknown node type {node.GetType().Name}", nameof(node)),
    };

    static string Binary(BinaryNode b)
    {
        int p = FormulaPrinter.Precedence(b);
        switch (b.Operator)
        {
            case BinaryOperator.Divide:
                // A fraction groups both sides itself: no parentheses needed inside.
                return @"\frac{" + Of(b.Left) + "}{" + Of(b.Right) + "}";
            case BinaryOperator.Power:
                bool wrapBase = FormulaPrinter.Precedence(b.Left) <= p || b.Left is NegateNode || (b.Left is NumberNode n && n.Text.StartsWith('-'));
                return Wrap(b.Left, wrapBase) + "^{" + Of(b.Right) + "}";
            default:
                // Left-associative + - * : an equal-precedence right operand needs parentheses (a - (b - c)),
                // and a negative right operand reads better in them (4 + (-6)).
                bool wrapLeft = FormulaPrinter.Precedence(b.Left) < p;
                bool wrapRight = FormulaPrinter.Precedence(b.Right) <= p || b.Right is NegateNode;
                string op = b.Operator switch { BinaryOperator.Add => " + ", BinaryOperator.Subtract => " - ", _ => @" \cdot " };
                return Wrap(b.Left, wrapLeft) + op + Wrap(b.Right, wrapRight);
        }
    }

    static string Call(CallNode c)
    {
        var args = c.Arguments.Select(Of).ToArray();
        return c.Function switch
        {
            MathFunction.Activation when c.Activation!.Formulas.Latex is { } command => command + @"\left(" + args[0] + @"\right)",
            MathFunction.Exp => @"e^{" + args[0] + "}",
            MathFunction.Log => @"\ln\left(" + args[0] + @"\right)",
            MathFunction.Sqrt => @"\sqrt{" + args[0] + "}",
            MathFunction.Abs => @"\left|" + args[0] + @"\right|",
            MathFunction.Max => @"\max\left(" + string.Join(", ", args) + @"\right)",
            MathFunction.Min => @"\min\left(" + string.Join(", ", args) + @"\right)",
            _ => @"\operatorname{" + c.FunctionName.Replace("_", @"\_", StringComparison.Ordinal) + @"}\left(" + string.Join(", ", args) + @"\right)",
        };
    }

    static string Wrap(ExprNode node, bool parens) => parens ? @"\left(" + Of(node) + @"\right)" : Of(node);

    /// <summary>A number as LaTeX: 1.5e-05 becomes 1.5 \times 10^{-5}.</summary>
    public static string Number(string text)
    {
        int e = text.IndexOfAny(['e', 'E']);
        if (e < 0) return text;
        // The exponent's digits as written, without sign '+' or leading zeros; not parsed, since a literal such as 1e99999999999
        // (infinity, which the parser accepts) has an exponent beyond any integer type.
        string written = text[(e + 1)..];
        string digits = written.TrimStart('+', '-').TrimStart('0');
        string exponent = digits.Length == 0 ? "0" : written.StartsWith('-') ? "-" + digits : digits;
        return text[..e] + @" \times 10^{" + exponent + "}";
    }

    /// <summary>Escapes LaTeX's special characters in plain text.</summary>
    public static string Escape(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (char ch in text)
        {
            sb.Append(ch switch
            {
                '\\' => @"\backslash{}",
                '{' or '}' or '_' or '%' or '#' or '&' or '$' => "\\" + ch,
                '^' => @"\hat{}",
                '~' => @"\sim{}",
                _ => ch.ToString(),
            });
        }
        return sb.ToString();
    }
}
