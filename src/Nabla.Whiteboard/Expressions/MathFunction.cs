namespace Nabla.Whiteboard.Expressions;

/// <summary>The functions the expression language knows.</summary>
public enum MathFunction
{
    /// <summary>sigmoid(x) = 1 / (1 + e^-x)</summary>
    Sigmoid,
    /// <summary>tanh(x)</summary>
    Tanh,
    /// <summary>relu(x) = max(0, x)</summary>
    Relu,
    /// <summary>leaky_relu(x) or leaky_relu(x, slope) = x if x &gt; 0 else slope * x (slope defaults to 0.01)</summary>
    LeakyRelu,
    /// <summary>step(x) = 1 if x &gt; 0 else 0 (Heaviside; its derivative is 0 wherever defined)</summary>
    Step,
    /// <summary>exp(x) = e^x</summary>
    Exp,
    /// <summary>log(x): natural logarithm</summary>
    Log,
    /// <summary>sqrt(x)</summary>
    Sqrt,
    /// <summary>abs(x) = |x|</summary>
    Abs,
    /// <summary>max(a, b)</summary>
    Max,
    /// <summary>min(a, b)</summary>
    Min,
}
