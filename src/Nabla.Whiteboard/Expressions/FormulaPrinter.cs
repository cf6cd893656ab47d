namespace Nabla.Whiteboard.Expressions;

/// <summary>
/// Prints a syntax tree as a formula with spaces around + - * / and only the parentheses the precedence
/// rules require: (a + b) * c, a - (b - c), -(x^2) prints as -x^2, (-x)^2 keeps its parentheses.
/// </summary>
public static class FormulaPrinter
{
    // Binding strength: higher binds tighter. Unary minus sits between * / and ^, as in maths.
    const int Sum = 1, Product = 2, Unary = 3, Power = 4, Atom = 5;

    /// <summary>The formula for <paramref name="node"/>.</summary>
    public static string Print(ExprNode node) => node switch
    {
        NumberNode n => n.Text,
        VariableNode v => v.Name,
        NegateNode u => "-" + Wrap(u.Operand, Precedence(u.Operand) < Unary),
        BinaryNode b => PrintBinary(b),
        CallNode c => c.FunctionName + "(" + string.Join(", ", c.Arguments.Select(Print)) + ")",
        _ => throw new ArgumentException($"unknown node type {node.GetType().Name}", nameof(node)),
    };

    /// <summary>How tightly the node binds (for deciding parentheses).</summary>
    public static int Precedence(ExprNode node) => node switch
    {
        BinaryNode { Operator: BinaryOperator.Add or BinaryOperator.Subtract } => Sum,
        BinaryNode { Operator: BinaryOperator.Multiply or BinaryOperator.Divide } => Product,
        BinaryNode => Power,
        NegateNode => Unary,
        _ => Atom,
    };

    static string PrintBinary(BinaryNode b)
    {
        int p = Precedence(b);
        bool rightAssoc = b.Operator == BinaryOperator.Power;
        // Left-associative: a - b - c is (a - b) - c, so an equal-precedence right child needs parentheses
        // (a - (b - c)); for right-associative ^ it is the left child: (a^b)^c.
        bool wrapLeft = Precedence(b.Left) < p || (rightAssoc && Precedence(b.Left) == p);
        bool wrapRight = Precedence(b.Right) < p || (!rightAssoc && Precedence(b.Right) == p);
        string left = Wrap(b.Left, wrapLeft), right = Wrap(b.Right, wrapRight);
        return rightAssoc ? $"{left}^{right}" : $"{left} {b.Symbol} {right}";
    }

    static string Wrap(ExprNode node, bool parens) => parens ? "(" + Print(node) + ")" : Print(node);
}
