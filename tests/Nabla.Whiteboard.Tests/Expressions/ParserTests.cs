using Nabla.Whiteboard.Expressions;

namespace Nabla.Whiteboard.Tests.Expressions;

public class ParserTests
{
    // Fully parenthesised prefix form, independent of FormulaPrinter, to pin down the tree shape.
    static string Tree(ExprNode n) => n switch
    {
        NumberNode x => x.Text,
        VariableNode v => v.Name,
        NegateNode u => $"(neg {Tree(u.Operand)})",
        BinaryNode b => $"({b.Symbol} {Tree(b.Left)} {Tree(b.Right)})",
        CallNode c => $"({c.FunctionName} {string.Join(" ", c.Arguments.Select(Tree))})",
        _ => throw new InvalidOperationException(),
    };

    [Theory]
    [InlineData("1 + 2 * 3", "(+ 1 (* 2 3))")]
    [InlineData("1 - 2 - 3", "(- (- 1 2) 3)")]
    [InlineData("a / b / c", "(/ (/ a b) c)")]
    [InlineData("2 ^ 3 ^ 2", "(^ 2 (^ 3 2))")]
    [InlineData("-x^2", "(neg (^ x 2))")]
    [InlineData("2^-1", "(^ 2 (neg 1))")]
    [InlineData("-2*w1", "(* (neg 2) w1)")]
    [InlineData("(a + b) * c", "(* (+ a b) c)")]
    [InlineData("--x", "(neg (neg x))")]
    [InlineData("+x", "x")]
    [InlineData("a * -b", "(* a (neg b))")]
    [InlineData("sigmoid(w0*x0 + w1*x1 + w2)", "(sigmoid (+ (+ (* w0 x0) (* w1 x1)) w2))")]
    [InlineData("max(a, b) + leaky_relu(x, 0.2)", "(+ (max a b) (leaky_relu x 0.2))")]
    [InlineData("(sigmoid(y) + x) / (sigmoid(x) + (x + y)^2)", "(/ (+ (sigmoid y) x) (+ (sigmoid x) (^ (+ x y) 2)))")]
    public void Parse_Precedence_TreeShape(string source, string expected) =>
        Assert.Equal(expected, Tree(ExpressionParser.ParseExpression(source)));

    [Theory]
    [InlineData("-2*w1", "-2 * w1")]
    [InlineData("(sigmoid(y)+x)/(sigmoid(x)+(x+y)^2)", "(sigmoid(y) + x) / (sigmoid(x) + (x + y)^2)")]
    [InlineData("a-(b-c)", "a - (b - c)")]
    [InlineData("(a-b)-c", "a - b - c")]
    [InlineData("(-x)^2", "(-x)^2")]
    [InlineData("-(x^2)", "-x^2")]
    [InlineData("(2^3)^2", "(2^3)^2")]
    [InlineData("2^(3^2)", "2^3^2")]
    [InlineData("-(a+b)", "-(a + b)")]
    [InlineData("max(a,b)*2", "max(a, b) * 2")]
    public void ToFormula_Expression_TidyWithNeededParentheses(string source, string expected)
    {
        var node = ExpressionParser.ParseExpression(source);
        Assert.Equal(expected, node.ToFormula());
        // The tidy formula means the same thing: it parses back to the same tree.
        Assert.Equal(Tree(node), Tree(ExpressionParser.ParseExpression(expected)));
    }

    [Fact]
    public void Parse_Nodes_KeepSourceText()
    {
        var p = ExpressionParser.Parse("z = (w2 + -2*w1) * w3");
        var root = (BinaryNode)p.Output.Expression;
        Assert.Equal("(w2 + -2*w1) * w3", root.Text);
        Assert.Equal("(w2 + -2*w1)", root.Left.Text);
        Assert.Equal("-2*w1", ((BinaryNode)root.Left).Right.Text);
        Assert.Equal(NodeKind.Binary, root.Kind);
        Assert.Equal(NodeKind.Variable, root.Right.Kind);
    }

    [Theory]
    [InlineData("g = -2*w1; y = w2 + g; z = y*w3")]
    [InlineData("g = -2*w1\ny = w2 + g\nz = y*w3\n")]
    [InlineData("\n\ng = -2*w1;;\r\n y = w2 + g ;\nz = y*w3;")]
    public void Parse_Steps_NamesInputsAndOutput(string source)
    {
        var p = ExpressionParser.Parse(source);
        Assert.Equal(["g", "y", "z"], p.Statements.Select(s => s.Name));
        Assert.Equal(["w1", "w2", "w3"], p.Inputs);
        Assert.Equal("z", p.Output.Name);
        Assert.Equal("g = -2 * w1\ny = w2 + g\nz = y * w3", p.ToString());
    }

    [Fact]
    public void Parse_UnnamedLastStep_CalledF()
    {
        var p = ExpressionParser.Parse("sigmoid(w0*x0 + w1*x1 + w2)");
        Assert.Equal("f", p.Output.Name);
        Assert.False(p.Output.IsNamed);
        Assert.Equal(["w0", "x0", "w1", "x1", "w2"], p.Inputs);
        Assert.Equal("f1", ExpressionParser.Parse("f * 2").Output.Name);
    }

    [Fact]
    public void Target_ByName_FindsStepOrListsSteps()
    {
        var p = ExpressionParser.Parse("g = -2*w1; y = w2 + g; z = y*w3");
        Assert.Equal("y", p.Target("y").Name);
        Assert.Equal("z", p.Target(null).Name);
        Assert.Contains("the steps are: g, y, z", Assert.Throws<ArgumentException>(() => p.Target("q")).Message);
        Assert.Contains("is an input variable", Assert.Throws<ArgumentException>(() => p.Target("w1")).Message);
    }

    [Theory]
    [InlineData("y = w2 + * w3", 1, 10, "expected a number, a name, '(' or '-' but found '*'")]
    [InlineData("z = (a + b", 1, 11, "expected ')' to close the '(' at column 5 but found end of input")]
    [InlineData("sigmod(x)", 1, 1, "unknown function 'sigmod'; did you mean 'sigmoid'?")]
    [InlineData("y = Tanh(x)", 1, 5, "did you mean 'tanh'?")]
    [InlineData("y = frobnicate(x)", 1, 5, "unknown function 'frobnicate'; the functions are sigmoid, tanh")]
    [InlineData("max(x)", 1, 1, "max takes 2 arguments but got 1: write max(a, b)")]
    [InlineData("relu(x, 2)", 1, 1, "relu takes 1 argument but got 2")]
    [InlineData("a = 1\nb = a +\nc = b", 2, 8, "but found end of line")]
    [InlineData("g = 1; g = 2", 1, 8, "step 'g' is already defined at line 1, column 1")]
    [InlineData("y = g + 1; g = 2", 1, 5, "'g' is used before its step is defined (line 1, column 12)")]
    [InlineData("g = g + 1", 1, 5, "step 'g' uses itself")]
    [InlineData("y = x + 1; x = 2", 1, 5, "'x' is used before its step is defined (line 1, column 12)")]
    [InlineData("2*x; y = 3", 1, 1, "only the last step may be left unnamed; give this step a name, as in g = 2 * x")]
    [InlineData("exp = 2", 1, 1, "'exp' is a function name")]
    [InlineData("y = sigmoid + 1", 1, 13, "expected '(' after the function name 'sigmoid', as in sigmoid(x)")]
    [InlineData("a b", 1, 3, "expected an operator (+ - * / ^), ';' or a new line but found name 'b'")]
    [InlineData("a = b = c", 1, 7, "'=' can only follow a single name")]
    [InlineData("(a, b)", 1, 3, "only functions take several arguments")]
    [InlineData(" ;\n ", 2, 2, "the input is empty")]
    [InlineData("2w", 1, 2, "found name 'w'")]
    public void Parse_Mistake_ErrorAtLineAndColumn(string source, int line, int column, string fragment)
    {
        var ex = Assert.Throws<ExpressionSyntaxException>(() => ExpressionParser.Parse(source));
        Assert.Equal((line, column), (ex.Line, ex.Column));
        Assert.Contains(fragment, ex.Problem);
        Assert.StartsWith($"line {line}, column {column}: ", ex.Message);
    }

    [Fact]
    public void Caret_SecondLine_PointsUnderColumn()
    {
        var ex = Assert.Throws<ExpressionSyntaxException>(() => ExpressionParser.Parse("g = -2*w1\ny = w2 + )"));
        Assert.Equal("y = w2 + )\n         ^ expected a number, a name, '(' or '-' but found ')'", ex.Caret);
    }

    [Fact]
    public void Caret_TabIndented_KeepsTabs()
    {
        var ex = Assert.Throws<ExpressionSyntaxException>(() => ExpressionParser.Parse("\ty = *"));
        Assert.Equal("\ty = *\n\t    ^ expected a number, a name, '(' or '-' but found '*'", ex.Caret);
    }

    [Theory]
    [InlineData("sigmod", "sigmoid")]
    [InlineData("leakyrelu", "leaky_relu")]
    [InlineData("SQRT", "sqrt")]
    [InlineData("mx", "max")]
    [InlineData("banana", null)]
    public void Suggest_Typo_NearestFunction(string typo, string? expected) => Assert.Equal(expected, FunctionCatalog.Suggest(typo));
}
