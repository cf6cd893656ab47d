namespace Nabla.Core.Tests;

public class GradCheckTests
{
    private static Tensor[] Inputs(OpCatalogue.Row row, ulong seed)
    {
        var rng = new Rng(seed);
        return row.Shapes.Select((shape, i) =>
        {
            var t = Tensor.Zeros(shape);
            var span = t.AsSpan();
            for (int e = 0; e < span.Length; e++) span[e] = row.Draw(rng);
            t.RequiresGrad = true;
            t.Name = $"x{i}";
            return t;
        }).ToArray();
    }

    [Theory]
    [MemberData(nameof(OpCatalogue.Names), MemberType = typeof(OpCatalogue))]
    public void Op_RandomInputs_AnalyticGradientMatchesFiniteDifferences(string name)
    {
        var row = OpCatalogue.Rows.Single(r => r.Name == name);
        for (ulong seed = 1; seed <= 3; seed++)
        {
            var result = GradCheck.Check(row.Op, Inputs(row, seed));
            Assert.True(result.Passed, $"{name} (seed {seed}):\n{result.Report}");
        }
    }

    /// <summary>A private op whose backward rule is planted 1% wrong: d(x^2)/dx reported as 2.02 x.</summary>
    private sealed class WrongSquareBackward(Tensor x, float factor) : BackwardFunction(x)
    {
        public override Tensor?[] Backward(Tensor g) => [g * x * factor];
    }

    private static Tensor SquareWithRule(Tensor x, float factor)
    {
        Tensor y;
        using (GradMode.NoGrad()) y = x * x;
        return Autograd.Record(y, new WrongSquareBackward(x, factor));
    }

    [Theory]
    [InlineData(1.01f)]
    [InlineData(0.99f)]
    public void GradCheck_RuleOffByOnePercent_Fails(float error)
    {
        var rng = new Rng(3);
        var x = Tensor.Uniform(rng, 0.2f, 1.5f, 3, 4);
        x.RequiresGrad = true;
        var result = GradCheck.Check(t => SquareWithRule(t[0], 2f * error), x);
        Assert.False(result.Passed, result.Report);
        Assert.Contains("FAIL", result.Report);
    }

    [Fact]
    public void GradCheck_CorrectCustomRule_Passes()
    {
        var x = Tensor.Uniform(new Rng(3), 0.2f, 1.5f, 3, 4);
        x.RequiresGrad = true;
        var result = GradCheck.Check(t => SquareWithRule(t[0], 2f), x);
        Assert.True(result.Passed, result.Report);
    }

    [Fact]
    public void GradCheck_Report_NamesEachInputAndItsError()
    {
        var a = Tensor.FromArray([1f, 2f]); a.RequiresGrad = true; a.Name = "weights";
        var result = GradCheck.Check(t => (t[0] * t[0]).Sum(), a);
        Assert.Single(result.Inputs);
        Assert.Equal("weights", result.Inputs[0].Name);
        Assert.Contains("weights", result.Report);
        Assert.True(result.Inputs[0].MaxAbsoluteError < 1e-4);
    }

    [Fact]
    public void GradCheck_NoInputRequiresGrad_SaysSoInsteadOfPassing()
    {
        var error = Assert.Throws<ArgumentException>(() => GradCheck.Check(t => t[0].Sum(), Tensor.Ones(2)));
        Assert.Contains("RequiresGrad", error.Message);
    }
}
