using Nabla.Whiteboard.Expressions;

namespace Nabla.Whiteboard.Explanations;

/// <summary>
/// Says where a computation left the real numbers: an operation whose operands are finite but whose value is
/// not (log(-1) = NaN, log(0) = -inf, sqrt(-4) = NaN, 1 / 0 = inf, exp(100) = inf in float32). Later NaN or
/// infinite values only inherit the first one, so each warning names a node where it starts.
/// </summary>
internal static class DomainWarnings
{
    /// <summary>One sentence per operation where a non-finite value first appears, in evaluation order.</summary>
    public static IReadOnlyList<string> Of(IEnumerable<GraphNode> nodes, Func<double, string> format)
    {
        var warnings = new List<string>();
        foreach (var n in nodes)
        {
            if (n.Role != GraphNodeRole.Operation || double.IsFinite(n.Value) || n.Operands.Any(o => !double.IsFinite(o.Value))) continue;
            var args = n.Operands.Select(o => format(o.Value)).ToArray();
            string why = n.Syntax switch
            {
                CallNode { Function: MathFunction.Log } when n.Operands[0].Value < 0 => $"log is defined only for x > 0, here log({args[0]})",
                CallNode { Function: MathFunction.Log } => $"log(0) is -infinity",
                CallNode { Function: MathFunction.Sqrt } => $"sqrt is defined only for x >= 0, here sqrt({args[0]})",
                CallNode { Function: MathFunction.Exp } => $"exp({args[0]}) is too large for float32",
                BinaryNode { Operator: BinaryOperator.Divide } when n.Operands[1].Value == 0 => $"division by zero, here {args[0]} / 0",
                BinaryNode { Operator: BinaryOperator.Power } => $"{Paren(args[0])}^{Paren(args[1])} is not a finite real number",
                _ => "the result is too large for float32",
            };
            warnings.Add($"{n.Label} = {n.Formula} is {format(n.Value)}: {why}; every value computed from it is {(double.IsNaN(n.Value) ? "NaN" : "infinite or NaN")} too.");
        }
        return warnings;
    }

    static string Paren(string number) => number.StartsWith('-') ? "(" + number + ")" : number;
}
