namespace Nabla.Whiteboard.Expressions;

/// <summary>
/// Writes one operation in terms of its operands: by label ("t2 * w3", where t2 is the node for
/// w2 + -2*w1) or by value ("-2 * 3"). A constant operand or a negative value is put in parentheses only
/// where precedence needs it: "2 * (1 + 3)", "(-3)^2", "-(-6)".
/// </summary>
internal static class OperandFormula
{
    /// <summary>The operation with each operand shown by its label.</summary>
    public static string Print(ExprNode node, IReadOnlyList<GraphNode> operands) =>
        Print(node, operands, o => (o.Label, o.Role == GraphNodeRole.Constant && !o.IsStep ? FormulaPrinter.Precedence(o.Syntax!) : Atom));

    /// <summary>The operation with each operand shown by <paramref name="show"/>: its text and how tightly that text binds.</summary>
    public static string Print(ExprNode node, IReadOnlyList<GraphNode> operands, Func<GraphNode, (string Text, int Precedence)> show)
    {
        int outer = FormulaPrinter.Precedence(node);
        string Operand(int i, bool wrapEqual)
        {
            var (text, inner) = show(operands[i]);
            return inner < outer || (wrapEqual && inner == outer) ? "(" + text + ")" : text;
        }

        return node switch
        {
            // Unary minus of a negative: -(-6), not --6.
            NegateNode => "-" + Operand(0, wrapEqual: true),
            BinaryNode { Operator: BinaryOperator.Power } => $"{Operand(0, true)}^{Operand(1, false)}",
            BinaryNode b => $"{Operand(0, false)} {b.Symbol} {Operand(1, true)}",
            CallNode c => $"{c.FunctionName}({string.Join(", ", operands.Select(o => show(o).Text))})",
            _ => node.ToFormula(),
        };
    }

    /// <summary>Precedence of a name or a non-negative number (never needs parentheses).</summary>
    public const int Atom = 5;

    /// <summary>Precedence of a negative number: like a unary minus.</summary>
    public const int Negative = 3;
}
