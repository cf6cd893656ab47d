using Nabla.Whiteboard.Expressions;

namespace Nabla.Whiteboard.Explanations;

/// <summary>
/// The derivative of one operation with respect to one of its operands, at the forward values:
/// for z = y * w3, dz/dy = w3 = 5. One per edge of the graph, so x * x has two (one per use of x).
/// </summary>
/// <param name="Of">The operation's label ("z").</param>
/// <param name="Wrt">The operand's label ("y").</param>
/// <param name="OperandIndex">Which argument of the operation the edge is (0 = left or first).</param>
/// <param name="Formula">The rule in operand labels ("w3", "1 / den", "s * (1 - s)").</param>
/// <param name="Value">The rule evaluated at the engine's forward values.</param>
/// <param name="Condition">For piecewise rules (relu, max, abs, step), the case that applied ("t1 &gt; 0"); otherwise null.</param>
public sealed record LocalDerivative(string Of, string Wrt, int OperandIndex, string Formula, double Value, string? Condition = null)
{
    /// <summary>"dz/dy".</summary>
    public string Symbol => $"d{Of}/d{Wrt}";
}
