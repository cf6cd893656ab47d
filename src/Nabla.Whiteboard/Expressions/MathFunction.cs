namespace Nabla.Whiteboard.Expressions;

/// <summary>The functions the expression language knows.</summary>
public enum MathFunction
{
    /// <summary>An activation of the registry (sigmoid, tanh, relu, ...): see <see cref="CallNode.Activation"/>.</summary>
    Activation,
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
