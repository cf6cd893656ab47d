using Nabla.Whiteboard.Expressions;

namespace Nabla.Whiteboard.Tests.Expressions;

public class GraphBuilderTests
{
    static ExpressionGraph Build(string source, string? target = null, params (string Name, double Value)[] at) =>
        GraphBuilder.Build(ExpressionParser.Parse(source), at.ToDictionary(p => p.Name, p => p.Value), target);

    [Fact]
    public void Build_LectureExample_ValuesAndGradientsFromEngine()
    {
        // z = (w2 - 2 w1) w3 at (3, 4, 5): g = -6, y = -2, z = -10;
        // dz/dw1 = w3 * -2 = -10, dz/dw2 = w3 = 5, dz/dw3 = y = -2, dz/dy = dz/dg = 5.
        var g = Build("g = -2*w1; y = w2 + g; z = y*w3", null, ("w1", 3), ("w2", 4), ("w3", 5));
        Assert.Equal([-6.0, -2.0, -10.0], new[] { "g", "y", "z" }.Select(l => g[l].Value));
        Assert.Null(g.Output.Gradient);
        g.Backward();
        Assert.Equal([-10.0, 5.0, -2.0, 5.0, 5.0, 1.0], new[] { "w1", "w2", "w3", "g", "y", "z" }.Select(l => g[l].Gradient!.Value));
        Assert.All(g.Nodes.Where(n => n.Role == GraphNodeRole.Operation), n => Assert.Equal(n.Label, n.Tensor.Name));
        Assert.True(g["w1"].Tensor.IsLeaf && g["w1"].Tensor.RequiresGrad);
        Assert.Throws<InvalidOperationException>(g.Backward);
    }

    [Fact]
    public void Build_UnnamedParts_AutoNamedInEvaluationOrderWithOperandFormulas()
    {
        var g = Build("z = (w2 + -2*w1) * w3", null, ("w1", 3), ("w2", 4), ("w3", 5));
        var ops = g.Nodes.Where(n => n.Role == GraphNodeRole.Operation).Select(n => n.ToString());
        Assert.Equal(["t1 = -2 * w1", "t2 = w2 + t1", "z = t2 * w3"], ops);
        var constant = g.Nodes.Single(n => n.Role == GraphNodeRole.Constant);
        Assert.Equal(("-2", -2.0), (constant.Label, constant.Value));
        Assert.False(constant.Tensor.RequiresGrad);
    }

    [Fact]
    public void Build_AutoNameTakenByStep_Skipped()
    {
        var g = Build("t1 = a*b; z = t1 + a*a", null, ("a", 2), ("b", 3));
        Assert.Equal(["t1", "t2", "z"], g.Nodes.Where(n => n.Role == GraphNodeRole.Operation).Select(n => n.Label));
    }

    [Fact]
    public void Build_VariableUsedTwice_OneLeafGradientsSum()
    {
        // d(x*x)/dx = x + x = 6 at x = 3: the leaf is shared, the engine adds both uses.
        var g = Build("f = x*x", null, ("x", 3));
        g.Backward();
        Assert.Single(g.Inputs);
        Assert.Equal(6.0, g["x"].Gradient);
        Assert.Equal(2, g.ConsumersOf(g["x"]).Count());
    }

    [Fact]
    public void Build_Target_StopsAtThatStep()
    {
        var g = Build("g = -2*w1; y = w2 + g; z = y*w3", "y", ("w1", 3), ("w2", 4), ("w3", 5));
        Assert.Equal("y", g.Output.Label);
        Assert.DoesNotContain(g.Nodes, n => n.Label is "w3" or "z");
    }

    [Fact]
    public void Build_ConstantStep_LabelledByName()
    {
        var g = Build("c = 2^3; f = c * x", null, ("x", 1.5));
        Assert.Equal(("c", GraphNodeRole.Constant, 8.0), (g["c"].Label, g["c"].Role, g["c"].Value));
        Assert.Equal("c * x", g.Output.Formula);
        Assert.Equal(12.0, g.Output.Value);
    }

    [Theory]
    [InlineData("z = a*b", "no value for 'b'")]
    public void Build_MissingValue_ThrowsNamingIt(string source, string fragment) =>
        Assert.Contains(fragment, Assert.Throws<ArgumentException>(() => Build(source, null, ("a", 1))).Message);

    [Fact]
    public void Build_ValueForUnknownName_ThrowsListingInputs() =>
        Assert.Contains("no input of that name; its inputs are a, b",
            Assert.Throws<ArgumentException>(() => Build("z = a*b", null, ("a", 1), ("b", 2), ("W1", 3))).Message);

    [Fact]
    public void Build_NoVariable_Throws() =>
        Assert.Contains("uses no input variable", Assert.Throws<ArgumentException>(() => Build("z = 2 * 3")).Message);

    [Fact]
    public void Build_LeakyReluVariableSlope_SyntaxErrorAtSlope()
    {
        var ex = Assert.Throws<ExpressionSyntaxException>(() => Build("f = leaky_relu(x, a)", null, ("x", 1), ("a", 2)));
        Assert.Equal(19, ex.Column);
        Assert.Contains("slope must be a number", ex.Problem);
    }

    // Each row: expression in x, the point, the value and derivative from double-precision maths.
    public static TheoryData<string, double, double, double> Functions => new()
    {
        { "sigmoid(x)", 0.5, 1 / (1 + Math.Exp(-0.5)), Math.Exp(-0.5) / Math.Pow(1 + Math.Exp(-0.5), 2) },
        { "tanh(x)", 0.3, Math.Tanh(0.3), 1 - Math.Tanh(0.3) * Math.Tanh(0.3) },
        { "relu(x)", -1, 0, 0 },
        { "relu(x)", 2, 2, 1 },
        { "leaky_relu(x)", -2, -0.02, 0.01 },
        { "leaky_relu(x, 0.2)", -1, -0.2, 0.2 },
        { "step(x)", 1, 1, 0 },
        { "exp(x)", 0.7, Math.Exp(0.7), Math.Exp(0.7) },
        { "log(x)", 2, Math.Log(2), 0.5 },
        { "sqrt(x)", 4, 2, 0.25 },
        { "abs(x)", -2, 2, -1 },
        { "max(x, 1)", 2, 2, 1 },
        { "max(x, 1)", 0, 1, 0 },
        { "min(x, 1)", 2, 1, 0 },
        { "x^3", 2, 8, 12 },
        { "2^x", 3, 8, 8 * Math.Log(2) },
        { "x^x", 2, 4, 4 * (Math.Log(2) + 1) },
        { "1 / x", 4, 0.25, -1.0 / 16 },
        { "-x^2", 3, -9, -6 },
        { "x - 2*x", 5, -5, -1 },
    };

    [Theory]
    [MemberData(nameof(Functions))]
    public void Build_EachFunction_EngineValueAndGradientMatchMaths(string expression, double x, double value, double derivative)
    {
        var g = Build(expression, null, ("x", x));
        g.Backward();
        Assert.Equal(value, g.Output.Value, 5);
        Assert.Equal(derivative, g["x"].Gradient!.Value, 5);
    }
}
