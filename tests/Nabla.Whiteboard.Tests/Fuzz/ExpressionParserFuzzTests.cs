using System.Text;
using Nabla.Fuzzing;
using Nabla.Whiteboard.Expressions;
using Xunit.Abstractions;

namespace Nabla.Whiteboard.Tests.Fuzz;

/// <summary>
/// Issue #8, item 1, for the whiteboard's expression parser: whatever text a learner types, the only exception is
/// <see cref="ExpressionSyntaxException"/> with a message (and a caret rendering), no case hangs or blows up memory.
/// </summary>
public class ExpressionParserFuzzTests(ITestOutputHelper output)
{
    private static readonly string[] Seeds =
    [
        "z = (w2 + -2*w1) * w3",
        "g = -2*w1; y = w2 + g; z = y*w3",
        "y = sigmoid(w1*x1 + w2*x2 + b)\nloss = (y - t)^2",
        "(sigmoid(y) + x) / (sigmoid(x) + (x + y)^2)",
        "a = 2^3^2 - -x; b = exp(log(a)) / sqrt(abs(a) + 1e-3); max(a, b)",
        "z = tanh(relu(x) * 0.5) + 1.25e2",
    ];

    internal static byte[][] SeedBytes() => Seeds.Select(Encoding.UTF8.GetBytes).ToArray();

    internal static readonly string[] Tokens =
        ["(", ")", "-", "+", "*", "/", "^", "**", "=", ";", "\n", ",", "x", "w1", "sigmoid(", "exp(", "max(", "1e308", "1e-400", ".5", "5.", "__", "é"];

    internal static FuzzTarget Target() => new(
        "expression",
        data =>
        {
            var program = ExpressionParser.Parse(Encoding.UTF8.GetString(data));
            // Printing is what the whiteboard does next with an accepted program; the printed program must parse back
            // to the same tree (a missing parenthesis would show the learner a formula that means something else).
            string printed = program.ToString();
            // Tidy: one line per step, no comment (a formula is shown in explanations, one per line).
            if (printed.Contains('#') || printed.Count(c => c == '\n') != program.Statements.Count - 1)
                throw new Xunit.Sdk.XunitException($"the printed program is not one tidy line per step:\n{printed}");
            ExpressionProgram again;
            try { again = ExpressionParser.Parse(printed); }
            catch (ExpressionSyntaxException e) { throw new Xunit.Sdk.XunitException($"the printed program does not parse: {e.Message}\n{printed}"); }
            bool same = program.Statements.Count == again.Statements.Count;
            for (int i = 0; same && i < program.Statements.Count; i++)
                same = program.Statements[i].Name == again.Statements[i].Name && Same(program.Statements[i].Expression, again.Statements[i].Expression);
            if (!same)
                throw new Xunit.Sdk.XunitException($"printing changed the program:\n{Shapes(program)}\nprinted as\n{printed}\nwhich parses as\n{Shapes(again)}");
        },
        [typeof(ExpressionSyntaxException)],
        SeedBytes(),
        Tokens,
        AllocationBase: 4 << 20, AllocationPerByte: 400);

    /// <summary>Whether two trees are the same, however they were written (compared without allocating: the fuzzer bounds allocation).</summary>
    static bool Same(ExprNode a, ExprNode b) => (a, b) switch
    {
        (NumberNode x, NumberNode y) => x.Value.Equals(y.Value),
        (VariableNode x, VariableNode y) => x.Name == y.Name,
        (NegateNode x, NegateNode y) => Same(x.Operand, y.Operand),
        (BinaryNode x, BinaryNode y) => x.Operator == y.Operator && Same(x.Left, y.Left) && Same(x.Right, y.Right),
        (CallNode x, CallNode y) => x.Entry == y.Entry && x.Arguments.Count == y.Arguments.Count && SameArguments(x.Arguments, y.Arguments),
        _ => false,
    };

    static bool SameArguments(IReadOnlyList<ExprNode> a, IReadOnlyList<ExprNode> b)
    {
        for (int i = 0; i < a.Count; i++)
            if (!Same(a[i], b[i])) return false;
        return true;
    }

    static string Shapes(ExpressionProgram p) => string.Join("; ", p.Statements.Select(st => st.Name + " = " + Shape(st.Expression)));

    /// <summary>The tree in prefix form, for the failure message: (- a (neg b)).</summary>
    static string Shape(ExprNode node) => node switch
    {
        NumberNode n => n.Value.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
        VariableNode v => v.Name,
        NegateNode u => "(neg " + Shape(u.Operand) + ")",
        BinaryNode b => $"({b.Symbol} {Shape(b.Left)} {Shape(b.Right)})",
        CallNode c => "(" + c.FunctionName + " " + string.Join(" ", c.Arguments.Select(Shape)) + ")",
        _ => "?" + node.GetType().Name,
    };

    [Fact]
    public void Parse_MutatedInputs_OnlySyntaxErrorsNoHangBoundedAllocation()
    {
        var report = FuzzRunner.Run(Target(), FuzzSettings.Cases, FuzzSettings.Seed);
        output.WriteLine(report.ToString());
        Assert.True(report.Failures.Count == 0, report + "\n" + string.Join("\n", report.Failures.Select(f => $"case {f.Case}: {f.Problem} -> {f.SavedAs}")));
        Assert.True(report.Rejected > 0 && report.Accepted > 0, report.ToString());
    }

    [Fact]
    public void Parse_RegressionCorpus_OnlySyntaxErrors()
    {
        var report = FuzzRunner.Replay(Target(), Corpus.Load("expression"));
        output.WriteLine(report.ToString());
        Assert.True(report.Failures.Count == 0, string.Join("\n", report.Failures.Select(f => f.Problem)));
    }
}

/// <summary>The two limits the fuzzer made the parser grow, with their messages.</summary>
public class ExpressionParserLimitTests
{
    [Theory]
    [InlineData("(", ")")]
    [InlineData("-", "")]
    [InlineData("exp(", ")")]
    [InlineData("x^", "")]
    public void Parse_DeepNesting_SyntaxErrorNotStackOverflow(string open, string close)
    {
        string text = "z = " + string.Concat(Enumerable.Repeat(open, 100_000)) + "x" + string.Concat(Enumerable.Repeat(close, 100_000));
        var e = Assert.Throws<ExpressionSyntaxException>(() => ExpressionParser.Parse(text));
        Assert.Contains("nested more than 200 levels", e.Message);
        Assert.Contains("named steps", e.Message);
    }

    [Fact]
    public void Parse_NestingWithinLimit_Accepted()
    {
        string text = "z = " + new string('(', 150) + "x" + new string(')', 150);
        Assert.Equal("z = x", ExpressionParser.Parse(text).ToString());
    }

    [Fact]
    public void Parse_StepLongerThanLimit_SyntaxErrorSuggestsSteps()
    {
        string text = "z = " + string.Join("+", Enumerable.Repeat("x", 600));
        var e = Assert.Throws<ExpressionSyntaxException>(() => ExpressionParser.Parse(text));
        Assert.Contains("1199 symbols", e.Message);
        Assert.Contains("split it into named steps", e.Message);
        Assert.Equal(5, e.Column);
    }
}
