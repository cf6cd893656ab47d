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

    internal static FuzzTarget Target() => new(
        "expression",
        data =>
        {
            var program = ExpressionParser.Parse(Encoding.UTF8.GetString(data));
            // Printing is what the whiteboard does next with an accepted program.
            _ = program.ToString();
        },
        [typeof(ExpressionSyntaxException)],
        Seeds.Select(Encoding.UTF8.GetBytes).ToArray(),
        ["(", ")", "-", "+", "*", "/", "^", "**", "=", ";", "\n", ",", "x", "w1", "sigmoid(", "exp(", "max(", "1e308", "1e-400", ".5", "5.", "__", "é"],
        AllocationBase: 4 << 20, AllocationPerByte: 400);

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
