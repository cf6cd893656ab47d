using System.Text;
using Nabla.Fuzzing;
using Nabla.Whiteboard.Explanations;
using Nabla.Whiteboard.Expressions;
using Nabla.Whiteboard.Rendering;
using Xunit.Abstractions;

namespace Nabla.Whiteboard.Tests.Fuzz;

/// <summary>
/// Past the parser: every accepted program is explained (graph, backward pass, chain-rule paths, one gradient step)
/// and rendered in every format. Only the documented <see cref="ArgumentException"/> (e.g. an output that depends on
/// no input) may escape; values outside a function's domain must become warnings, not exceptions.
/// </summary>
public class ExplainFuzzTests(ITestOutputHelper output)
{
    internal static FuzzTarget Target() => new(
        "explain",
        data =>
        {
            ExpressionProgram program;
            try { program = ExpressionParser.Parse(Encoding.UTF8.GetString(data)); }
            catch (ExpressionSyntaxException) { return; } // the parser's own fuzzer covers refusals
            // Input values from the input's length: ordinary, zero, negative, huge, tiny.
            double[] pick = [0.5, 0, -2, 1e300, 1e-300, 3];
            var at = program.Inputs.Select((name, i) => (name, pick[(i + data.Length) % pick.Length])).ToDictionary(p => p.name, p => p.Item2);
            // Options from the length too: any step as the output, a loss on top, one or two descent steps.
            var options = new ExplainOptions
            {
                LearningRate = 0.1,
                Steps = 1 + data.Length % 2,
                Target = program.Statements[data.Length % program.Statements.Count].Name,
                Loss = (data.Length % 3) switch { 0 => "squared", 1 => "abs", _ => null },
                LossTarget = data.Length % 3 < 2 ? 1 : null,
            };
            var e = Explainer.Explain(program, at, options);
            foreach (var format in Enum.GetValues<ExplanationFormat>()) _ = ExplanationRenderer.Render(e, format);
        },
        [typeof(ArgumentException)],
        ExpressionParserFuzzTests.SeedBytes(),
        ExpressionParserFuzzTests.Tokens,
        // An explanation grows with the square of a step's length (every node's formula, every chain-rule path, seven
        // formats), so inputs stay short enough that each case is quick; the parser's fuzzer covers long inputs.
        AllocationBase: 256 << 20, AllocationPerByte: 0, MaxInputLength: 512);

    [Fact]
    public void Explain_MutatedPrograms_OnlyDocumentedErrorsNoHang()
    {
        var report = FuzzRunner.Run(Target(), Math.Max(1, FuzzSettings.Cases / 10), FuzzSettings.Seed);
        output.WriteLine(report.ToString());
        Assert.True(report.Failures.Count == 0, report + "\n" + string.Join("\n", report.Failures.Select(f => $"case {f.Case}: {f.Problem} -> {f.SavedAs}")));
    }

    [Fact]
    public void Explain_OperationOnConstantSteps_IsAConstant()
    {
        // Found by this fuzzer: exp(a) of a constant step asked the engine for a gradient nothing could send.
        var e = Explainer.Explain("a = 2; z = exp(a) * x", new Dictionary<string, double> { ["x"] = 3 });
        Assert.Equal(Math.Exp(2) * 3, e.Graph.Output.Value, 4);
        var only = Assert.Throws<ArgumentException>(() => Explainer.Explain("a = 2; b = exp(a) + 1", new Dictionary<string, double>()));
        Assert.Contains("uses no input variable", only.Message);
    }

    [Fact]
    public void Explain_RegressionCorpus_OnlyDocumentedErrors()
    {
        var report = FuzzRunner.Replay(Target(), Corpus.Load("explain"));
        output.WriteLine(report.ToString());
        Assert.True(report.Failures.Count == 0, string.Join("\n", report.Failures.Select(f => f.Problem)));
    }
}
