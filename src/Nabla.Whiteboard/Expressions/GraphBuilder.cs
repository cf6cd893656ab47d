using System.Globalization;

namespace Nabla.Whiteboard.Expressions;

/// <summary>
/// Evaluates a parsed program with the Nabla engine: one scalar tensor per operation, inputs as leaf
/// tensors that require gradients, every intermediate named and kept with RetainGrad so its gradient is
/// visible after backward. Parts made only of numbers (such as -2 or 2^3) are folded into one constant node.
/// </summary>
public static class GraphBuilder
{
    /// <summary>Builds the graph of <paramref name="program"/> up to the step <paramref name="target"/> (default: the last).</summary>
    /// <param name="program">A parsed program.</param>
    /// <param name="values">A value for every input the target depends on (by name).</param>
    /// <param name="target">The output step's name, or null for the last step.</param>
    /// <exception cref="ArgumentException">A value is missing or names no input of the program; the target does not exist or depends on no input.</exception>
    /// <exception cref="ExpressionSyntaxException">An activation's parameter (a slope) is not a number.</exception>
    public static ExpressionGraph Build(ExpressionProgram program, IReadOnlyDictionary<string, double> values, string? target = null)
    {
        ArgumentNullException.ThrowIfNull(program);
        ArgumentNullException.ThrowIfNull(values);
        foreach (var name in values.Keys)
        {
            if (!program.Inputs.Contains(name))
                throw new ArgumentException($"a value is given for '{name}' but the expression has no input of that name; its inputs are {string.Join(", ", program.Inputs)}");
        }
        var targetStatement = program.Target(target);
        return new Builder(program, values).Run(targetStatement);
    }

    sealed class Builder(ExpressionProgram program, IReadOnlyDictionary<string, double> values)
    {
        readonly List<GraphNode> _nodes = [];
        readonly Dictionary<string, GraphNode> _byName = [];
        readonly HashSet<string> _taken = [.. program.Inputs, .. program.Statements.Select(s => s.Name)];
        int _auto;

        public ExpressionGraph Run(Statement target)
        {
            GraphNode? output = null;
            foreach (var statement in program.Statements)
            {
                output = BuildStatement(statement);
                _byName[statement.Name] = output;
                if (ReferenceEquals(statement, target)) break;
            }
            if (output!.Role == GraphNodeRole.Constant)
                throw new ArgumentException($"step '{target.Name}' = {target.Expression.ToFormula()} uses no input variable, so there is nothing to differentiate");
            return new ExpressionGraph(program, target, _nodes, output);
        }

        GraphNode BuildStatement(Statement s)
        {
            if (IsConstant(s.Expression))
                return Add(new GraphNode(s.Name, GraphNodeRole.Constant, s.Expression, ConstantTensor(s.Expression, s.Name), [], s.Expression.ToFormula(), isStep: true));
            // A step that only renames another node (a = w1) is that node; there is no operation to show.
            return s.Expression is VariableNode v ? Resolve(v) : BuildOperation(s.Expression, s.Name, isStep: true);
        }

        GraphNode Build(ExprNode node)
        {
            if (IsConstant(node))
                return Add(new GraphNode(node.ToFormula(), GraphNodeRole.Constant, node, ConstantTensor(node, null), [], node.ToFormula(), isStep: false));
            return node is VariableNode v ? Resolve(v) : BuildOperation(node, null, isStep: false);
        }

        GraphNode Resolve(VariableNode v)
        {
            if (_byName.TryGetValue(v.Name, out var known)) return known;
            if (!values.TryGetValue(v.Name, out double value))
                throw new ArgumentException($"no value for '{v.Name}': give every input a value, e.g. --at {string.Join(",", program.Inputs.Select(i => i + "=1"))}");
            var leaf = Tensor.Scalar((float)value, requiresGrad: true, name: v.Name);
            var node = Add(new GraphNode(v.Name, GraphNodeRole.Input, null, leaf, [], v.Name, isStep: false));
            _byName[v.Name] = node;
            return node;
        }

        // label null: an automatic name, taken after the operands so t1, t2 ... follow evaluation order.
        GraphNode BuildOperation(ExprNode node, string? name, bool isStep)
        {
            var operands = node.Children.Select(Build).ToArray();
            // Operands that are all constants (numbers, or steps that are constants: a = 2; b = exp(a)) give a constant,
            // evaluated by the engine like the others; as an operation it would ask for a gradient nothing can send.
            bool constant = operands.All(o => o.Role == GraphNodeRole.Constant);
            string label = name ?? (constant ? node.ToFormula() : NextAutoName());
            Tensor t = node switch
            {
                NegateNode => -operands[0].Tensor,
                BinaryNode b => Binary(b, operands[0], operands[1]),
                CallNode c => Call(c, operands),
                _ => throw new InvalidOperationException($"cannot evaluate a {node.Kind} node as an operation"),
            };
            t.Name = label;
            if (constant) return Add(new GraphNode(label, GraphNodeRole.Constant, node, t, [], node.ToFormula(), isStep));
            t.RetainGrad();
            return Add(new GraphNode(label, GraphNodeRole.Operation, node, t, operands, OperandFormula.Print(node, operands), isStep));
        }

        static Tensor Binary(BinaryNode b, GraphNode left, GraphNode right) => b.Operator switch
        {
            BinaryOperator.Add => left.Tensor + right.Tensor,
            BinaryOperator.Subtract => left.Tensor - right.Tensor,
            BinaryOperator.Multiply => left.Tensor * right.Tensor,
            BinaryOperator.Divide => left.Tensor / right.Tensor,
            // A constant exponent uses the engine's x^p rule; a variable exponent the general a^b rule.
            _ => right.Role == GraphNodeRole.Constant ? left.Tensor.Pow((float)right.Value) : left.Tensor.Pow(right.Tensor),
        };

        Tensor Call(CallNode c, GraphNode[] args) =>
            Apply(c, args.Select(a => a.Tensor).ToArray(), args.Length > 1 && c.Activation is not null ? Parameter(c, args[1]) : DefaultParameter(c));

        // The activation's parameter when the call gives none (0 for functions without one).
        static float DefaultParameter(CallNode c) => c.Activation?.Parameter ?? 0f;

        static Tensor Apply(CallNode c, Tensor[] args, float parameter)
        {
            var x = args[0];
            var function = c.Function;
            return function switch
            {
                MathFunction.Activation => c.Activation!.Apply(x, parameter),
                MathFunction.Exp => x.Exp(),
                MathFunction.Log => x.Log(),
                MathFunction.Sqrt => x.Sqrt(),
                MathFunction.Abs => x.Abs(),
                MathFunction.Max => Tensor.Maximum(x, args[1]),
                MathFunction.Min => Tensor.Minimum(x, args[1]),
                _ => throw new InvalidOperationException($"no engine operation for {function}"),
            };
        }

        float Parameter(CallNode c, GraphNode parameter) => parameter.Role == GraphNodeRole.Constant
            ? (float)parameter.Value
            : throw new ExpressionSyntaxException(program.Source, c.Arguments[1].Span,
                $"{c.FunctionName}'s {c.Activation!.ParameterName} must be a number, as in {c.FunctionName}(x, 0.2); it cannot depend on a variable");

        // Constants are evaluated by the engine as well (no gradient needed), so even 1/3 is the engine's float.
        static Tensor ConstantTensor(ExprNode node, string? name)
        {
            Tensor t = node switch
            {
                NumberNode n => Tensor.Scalar((float)n.Value),
                NegateNode u => -ConstantTensor(u.Operand, null),
                BinaryNode b => b.Operator switch
                {
                    BinaryOperator.Add => ConstantTensor(b.Left, null) + ConstantTensor(b.Right, null),
                    BinaryOperator.Subtract => ConstantTensor(b.Left, null) - ConstantTensor(b.Right, null),
                    BinaryOperator.Multiply => ConstantTensor(b.Left, null) * ConstantTensor(b.Right, null),
                    BinaryOperator.Divide => ConstantTensor(b.Left, null) / ConstantTensor(b.Right, null),
                    _ => ConstantTensor(b.Left, null).Pow(ConstantTensor(b.Right, null)),
                },
                CallNode c => Call0(c),
                _ => throw new InvalidOperationException($"{node.Kind} is not constant"),
            };
            t.Name = name ?? node.ToFormula();
            return t;
        }

        static Tensor Call0(CallNode c)
        {
            var args = c.Arguments.Select(a => ConstantTensor(a, null)).ToArray();
            return Apply(c, args, args.Length > 1 ? args[1].Item() : DefaultParameter(c));
        }

        // A subtree is constant when it reads no name at all (a step name counts as a variable here:
        // steps that are constants still get their own node, labelled with their name).
        static bool IsConstant(ExprNode node) => node is not VariableNode && node.Children.All(IsConstant);

        string NextAutoName()
        {
            string name;
            do name = "t" + (++_auto).ToString(CultureInfo.InvariantCulture);
            while (_taken.Contains(name));
            _taken.Add(name);
            return name;
        }

        GraphNode Add(GraphNode node)
        {
            _nodes.Add(node);
            return node;
        }
    }
}
