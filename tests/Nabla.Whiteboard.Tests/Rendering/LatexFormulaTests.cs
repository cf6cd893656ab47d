using Nabla.Whiteboard.Rendering;

namespace Nabla.Whiteboard.Tests.Rendering;

public class LatexFormulaTests
{
    [Theory]
    [InlineData("w1", "w_{1}")]
    [InlineData("a21", "a_{21}")]
    [InlineData("x", "x")]
    [InlineData("invden", @"\mathrm{invden}")]
    [InlineData("my_var", @"\mathrm{my\_var}")]
    public void Name_Symbols_Subscripts(string name, string expected) => Assert.Equal(expected, LatexFormula.Name(name));

    [Theory]
    [InlineData("-2 * w1", @"-2 \cdot w_{1}")]
    [InlineData("4 + -6", @"4 + \left(-6\right)")]
    [InlineData("a - (b - c)", @"a - \left(b - c\right)")]
    [InlineData("(a + b) * c", @"\left(a + b\right) \cdot c")]
    [InlineData("1 / den", @"\frac{1}{\mathrm{den}}")]
    [InlineData("(x + y)^2", @"\left(x + y\right)^{2}")]
    [InlineData("(-1)^2", @"\left(-1\right)^{2}")]
    [InlineData("sigmoid(w0*x0 + w2)", @"\sigma\left(w_{0} \cdot x_{0} + w_{2}\right)")]
    [InlineData("abs(t - z)", @"\left|t - z\right|")]
    [InlineData("exp(x)", @"e^{x}")]
    [InlineData("leaky_relu(x, 0.2)", @"\operatorname{leaky\_relu}\left(x, 0.2\right)")]
    [InlineData("1.5e-05 * x", @"1.5 \times 10^{-5} \cdot x")]
    public void Of_Formulas_Latex(string formula, string expected) => Assert.Equal(expected, LatexFormula.Of(formula));

    [Fact]
    public void Of_Unparseable_Verbatim() => Assert.Equal(@"\texttt{a \& b}", LatexFormula.Of("a & b"));
}
