using Nabla.Whiteboard.Explanations;

namespace Nabla.Whiteboard.Tests.Explanations;

/// <summary>Issue 15 item 9: NaN flows through every derivative rule, so explaining a NaN is not an internal error.</summary>
public class NaNExplanationTests
{
    [Fact]
    public void Explain_AbsOfSqrtAtMinusOne_GivesNaNGradientInsteadOfThrowing()
    {
        // sqrt(-1) is NaN; Abs's rule used to throw on sign(NaN). PyTorch gives dz/dx = NaN here.
        var e = Explainer.Explain("z = abs(sqrt(x))", new Dictionary<string, double> { ["x"] = -1 });
        Assert.True(double.IsNaN(e.Gradients.Single(g => g.Variable == "x").Gradient));
    }
}
