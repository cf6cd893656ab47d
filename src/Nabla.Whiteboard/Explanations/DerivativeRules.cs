using System.Globalization;
using Nabla.NN.Registries;
using Nabla.Whiteboard.Expressions;

namespace Nabla.Whiteboard.Explanations;

/// <summary>
/// The local derivative of each operation with respect to each non-constant operand, written as a formula
/// in the operands' labels and evaluated at the engine's forward values. The rules match the engine's
/// (Nabla.Core Autograd/Derivatives.cs), including its choices at kinks: relu'(0) = 0, |x|'(0) = 0,
/// step' = 0, and max/min send the gradient to the first argument on a tie.
/// </summary>
public static class DerivativeRules
{
    /// <summary>One <see cref="LocalDerivative"/> per operand of <paramref name="node"/> that is not a constant; empty for inputs and constants.</summary>
    public static IReadOnlyList<LocalDerivative> For(GraphNode node)
    {
        if (node.Role != GraphNodeRole.Operation) return [];
        var result = new List<LocalDerivative>();
        for (int i = 0; i < node.Operands.Count; i++)
        {
            if (node.Operands[i].Role == GraphNodeRole.Constant) continue;
            var (formula, value, condition) = Rule(node, i);
            result.Add(new LocalDerivative(node.Label, node.Operands[i].Label, i, formula, value, condition));
        }
        return result;
    }

    static (string Formula, double Value, string? Condition) Rule(GraphNode node, int i)
    {
        var ops = node.Operands;
        string A(int k) => Wrap(ops[k].Label);
        double V(int k) => ops[k].Value;
        double outV = node.Value;
        string outL = Wrap(node.Label);

        switch (node.Syntax)
        {
            case NegateNode:
                return ("-1", -1, null);
            case BinaryNode b:
                return b.Operator switch
                {
                    BinaryOperator.Add => ("1", 1, null),
                    BinaryOperator.Subtract => i == 0 ? ("1", 1, null) : ("-1", -1, null),
                    // d(ab)/da = b, d(ab)/db = a
                    BinaryOperator.Multiply => i == 0 ? (ops[1].Label, V(1), null) : (ops[0].Label, V(0), null),
                    // d(a/b)/da = 1/b, d(a/b)/db = -a/b^2
                    BinaryOperator.Divide => i == 0
                        ? ($"1 / {A(1)}", 1 / V(1), null)
                        : ($"-{A(0)} / {A(1)}^2", -V(0) / (V(1) * V(1)), null),
                    _ => Power(ops, i, outL, outV),
                };
            case CallNode c:
                return c.Activation is { } row ? Activation(row, ops, outL, outV) : Function(c.Function, ops, i, outL, outV);
            default:
                throw new InvalidOperationException($"no derivative rule for node '{node.Label}'");
        }
    }

    static (string, double, string?) Power(IReadOnlyList<GraphNode> ops, int i, string outL, double outV)
    {
        string a = Wrap(ops[0].Label);
        double x = ops[0].Value, p = ops[1].Value;
        if (ops[1].Role == GraphNodeRole.Constant)
        {
            // d(a^p)/da = p a^(p-1), written the way a teacher simplifies it.
            double value = p * Math.Pow(x, p - 1);
            string formula = p switch
            {
                1 => "1",
                2 => $"2 * {a}",
                -1 => $"-1 / {a}^2",
                _ => $"{Num(p)} * {a}^{Exponent(p - 1)}",
            };
            return (formula, value, null);
        }
        // d(a^b)/da = b a^(b-1); d(a^b)/db = a^b ln a (the output times ln a).
        string bl = Wrap(ops[1].Label);
        return i == 0
            ? ($"{bl} * {a}^({bl} - 1)", p * Math.Pow(x, p - 1), null)
            : ($"{outL} * log({ops[0].Label})", outV * Math.Log(x), null);
    }

    static (string, double, string?) Function(MathFunction f, IReadOnlyList<GraphNode> ops, int i, string outL, double outV)
    {
        string a = ops[0].Label;
        double x = ops[0].Value;
        switch (f)
        {
            case MathFunction.Exp: return ($"exp({a})", outV, null);
            case MathFunction.Log: return ($"1 / {Wrap(a)}", 1 / x, null);
            case MathFunction.Sqrt: return ($"1 / (2 * sqrt({a}))", 1 / (2 * outV), null);
            case MathFunction.Abs:
                return x > 0 ? ("1", 1, $"{a} > 0") : x < 0 ? ("-1", -1, $"{a} < 0") : ("0", 0, $"{a} = 0");
            case MathFunction.Max:
            case MathFunction.Min:
                // The engine passes the gradient to the selected argument; on a tie, to the first.
                string b = ops[1].Label;
                bool firstChosen = f == MathFunction.Max ? ops[0].Value >= ops[1].Value : ops[0].Value <= ops[1].Value;
                string cond = f == MathFunction.Max
                    ? (firstChosen ? $"{a} >= {b}" : $"{a} < {b}")
                    : (firstChosen ? $"{a} <= {b}" : $"{a} > {b}");
                bool chosen = (i == 0) == firstChosen;
                return chosen ? ("1", 1, cond) : ("0", 0, cond);
            default:
                throw new InvalidOperationException($"no derivative rule for {f}");
        }
    }

    // An activation's rule is its registry row's: the value from its derivative, the words from its local rule.
    static (string, double, string?) Activation(ActivationRow row, IReadOnlyList<GraphNode> ops, string outL, double outV)
    {
        double x = ops[0].Value;
        double parameter = ops.Count > 1 ? ops[1].Value : row.Parameter ?? 0f;
        var (formula, condition) = row.Formulas.LocalRule!(new LocalDerivativeInput(ops[0].Label, outL, x, Num(parameter)));
        return (formula, row.Derivative(x, outV, parameter), condition);
    }

    // Labels are names or constant formulas; anything beyond a plain name or non-negative number gets parentheses.
    static string Wrap(string label) =>
        label.All(ch => char.IsLetterOrDigit(ch) || ch is '_' or '.') ? label : "(" + label + ")";

    static string Exponent(double e) => e < 0 ? "(" + Num(e) + ")" : Num(e);

    static string Num(double v) => v.ToString("0.######", CultureInfo.InvariantCulture);
}
