using Nabla.Whiteboard.Expressions;

namespace Nabla.Whiteboard.Explanations;

/// <summary>
/// Builds an <see cref="Explanation"/>: evaluates the expression with the engine, runs the engine's
/// Backward, then lays out the forward pass, local derivatives, backward pass, chain-rule paths, gradient
/// table and (with a learning rate) gradient steps, each new prediction computed by the engine again.
/// </summary>
public static class Explainer
{
    /// <summary>Parses <paramref name="source"/> and explains it at the input values <paramref name="at"/>.</summary>
    /// <exception cref="ExpressionSyntaxException">The source does not parse.</exception>
    /// <exception cref="ArgumentException">Missing or unknown input values, a bad target, --wrt name or option value.</exception>
    public static Explanation Explain(string source, IReadOnlyDictionary<string, double> at, ExplainOptions? options = null) =>
        Explain(ExpressionParser.Parse(source), at, options);

    /// <summary>Explains a parsed program at the input values <paramref name="at"/>.</summary>
    public static Explanation Explain(ExpressionProgram program, IReadOnlyDictionary<string, double> at, ExplainOptions? options = null)
    {
        options ??= new ExplainOptions();
        Validate(options);
        var asked = options;
        if (options.Loss is not null)
        {
            // Explain the loss instead: the output becomes the new last step, target is a constant input
            // left out of the gradients and updates unless asked for.
            (program, var values) = LossStep.Append(program, at, options.Loss, options.LossTarget, options.Target);
            at = values;
            options = options with { Loss = null, Target = null };
        }
        var graph = GraphBuilder.Build(program, at, options.Target);
        graph.Backward();

        var relevant = Relevant(graph);
        var inputs = relevant.Where(n => n.Role == GraphNodeRole.Input).ToList();
        var wrt = ChooseWrt(options, inputs, graph.Output.Label);
        if (asked.Loss is not null && options.Wrt is null) wrt.RemoveAll(n => n.Label == LossStep.TargetName);
        string Fmt(double v) => NumberFormat.Format(v, options.Precision);

        // Operations, and named constant steps (c = 2^3) so every name the reader meets has its line.
        var forward = relevant.Where(n => n.Role == GraphNodeRole.Operation || (n.Role == GraphNodeRole.Constant && n.IsStep))
            .Select(n => new ForwardStep(n.Label, n.Formula, n.Role == GraphNodeRole.Operation ? Substitute(n, Fmt) : n.Formula, n.Value, n.IsStep))
            .ToArray();

        // Local derivative of each edge, keyed by (consumer, operand index).
        var locals = new Dictionary<(GraphNode, int), LocalDerivative>();
        foreach (var n in relevant)
            foreach (var d in DerivativeRules.For(n)) locals[(n, d.OperandIndex)] = d;

        var backward = Backward(graph, relevant, locals);
        var chains = wrt.Select(v => Chain(graph, v, locals, options.MaxPaths)).ToArray();
        var gradients = wrt.Select(v => new GradientRow(v.Label, v.Value, v.Gradient ?? 0)).ToArray();
        var updates = Updates(program, at, options, wrt.Select(v => v.Label).ToArray(), graph);

        return new Explanation
        {
            Source = program.Source,
            Program = program,
            Graph = graph,
            Options = asked,
            Inputs = inputs.Select(n => new KeyValuePair<string, double>(n.Label, n.Value)).ToArray(),
            Forward = forward,
            LocalDerivatives = locals.Values.ToArray(),
            Backward = backward,
            ChainRules = chains,
            Gradients = gradients,
            Updates = updates,
            Warnings = DomainWarnings.Of(relevant, Fmt),
        };
    }

    static void Validate(ExplainOptions o)
    {
        if (o.Steps < 1) throw new ArgumentException($"steps must be at least 1, got {o.Steps}");
        if (o.Precision is < 1 or > 17) throw new ArgumentException($"precision must be between 1 and 17 significant digits, got {o.Precision}");
        if (o.MaxPaths < 1) throw new ArgumentException($"the path limit must be at least 1, got {o.MaxPaths}");
        if (o.LearningRate is double lr && (!double.IsFinite(lr) || lr <= 0))
            throw new ArgumentException($"the learning rate must be a finite number > 0, got {lr}");
    }

    // The nodes the output depends on, in evaluation order (a step the target does not use is left out).
    static List<GraphNode> Relevant(ExpressionGraph graph)
    {
        var keep = new HashSet<GraphNode>(ReferenceEqualityComparer.Instance) { graph.Output };
        for (int i = graph.Nodes.Count - 1; i >= 0; i--)
        {
            if (!keep.Contains(graph.Nodes[i])) continue;
            foreach (var o in graph.Nodes[i].Operands) keep.Add(o);
        }
        return graph.Nodes.Where(keep.Contains).ToList();
    }

    static List<GraphNode> ChooseWrt(ExplainOptions options, List<GraphNode> inputs, string output)
    {
        if (options.Wrt is null) return [.. inputs];
        var chosen = new List<GraphNode>();
        foreach (var name in options.Wrt)
        {
            var node = inputs.FirstOrDefault(n => n.Label == name)
                ?? throw new ArgumentException($"cannot differentiate with respect to '{name}': {output} depends on the inputs {string.Join(", ", inputs.Select(n => n.Label))}");
            if (!chosen.Contains(node)) chosen.Add(node);
        }
        return chosen;
    }

    static string Substitute(GraphNode n, Func<double, string> fmt) =>
        OperandFormula.Print(n.Syntax!, n.Operands, o => (fmt(o.Value), o.Value < 0 ? OperandFormula.Negative : OperandFormula.Atom));

    // Reverse evaluation order: every consumer of a node comes before the node, as in the engine.
    static BackwardStep[] Backward(ExpressionGraph graph, List<GraphNode> relevant, Dictionary<(GraphNode, int), LocalDerivative> locals)
    {
        var steps = new List<BackwardStep>();
        for (int i = relevant.Count - 1; i >= 0; i--)
        {
            var node = relevant[i];
            if (node.Role == GraphNodeRole.Constant) continue;
            var contributions = new List<BackwardContribution>();
            foreach (var consumer in relevant)
            {
                for (int k = 0; k < consumer.Operands.Count; k++)
                {
                    if (!ReferenceEquals(consumer.Operands[k], node)) continue;
                    var local = locals[(consumer, k)];
                    double upstream = consumer.Gradient ?? 0;
                    contributions.Add(new BackwardContribution(consumer.Label, upstream, local, upstream * local.Value));
                }
            }
            steps.Add(new BackwardStep(graph.Output.Label, node.Label, contributions, node.Gradient ?? 0));
        }
        return steps.ToArray();
    }

    // Every path output -> ... -> variable, depth first with left operands first, pruned to nodes that reach the variable.
    static ChainRule Chain(ExpressionGraph graph, GraphNode variable, Dictionary<(GraphNode, int), LocalDerivative> locals, int maxPaths)
    {
        var reaches = new HashSet<GraphNode>(ReferenceEqualityComparer.Instance) { variable };
        foreach (var n in graph.Nodes)
        {
            if (n.Operands.Any(reaches.Contains)) reaches.Add(n);
        }

        // How many paths there are in all, counted without listing them: a node's count is the sum of its consumers'.
        var count = new Dictionary<GraphNode, long>(ReferenceEqualityComparer.Instance) { [graph.Output] = 1 };
        for (int i = graph.Nodes.Count - 1; i >= 0; i--)
        {
            var n = graph.Nodes[i];
            if (!count.TryGetValue(n, out long c) || ReferenceEquals(n, variable)) continue;
            foreach (var o in n.Operands.Where(reaches.Contains))
                count[o] = count.GetValueOrDefault(o) > long.MaxValue - c ? long.MaxValue : count.GetValueOrDefault(o) + c;
        }

        var paths = new List<ChainPath>();
        bool truncated = false;
        var stack = new Stack<(GraphNode Node, LocalDerivative[] Factors)>();
        stack.Push((graph.Output, []));
        while (stack.Count > 0)
        {
            var (node, factors) = stack.Pop();
            if (ReferenceEquals(node, variable))
            {
                if (paths.Count == maxPaths) { truncated = true; break; }
                paths.Add(new ChainPath(factors, factors.Aggregate(1.0, (p, f) => p * f.Value)));
                continue;
            }
            for (int k = node.Operands.Count - 1; k >= 0; k--)
            {
                var o = node.Operands[k];
                if (reaches.Contains(o)) stack.Push((o, [.. factors, locals[(node, k)]]));
            }
        }
        return new ChainRule(graph.Output.Label, variable.Label, paths, paths.Sum(p => p.Product), variable.Gradient ?? 0, truncated)
        {
            PathCount = count.GetValueOrDefault(variable),
        };
    }

    // Plain gradient steps in float32, as an optimizer would take them; each new output comes from the engine.
    static UpdateStep[] Updates(ExpressionProgram program, IReadOnlyDictionary<string, double> at, ExplainOptions options,
        string[] wrt, ExpressionGraph graph)
    {
        if (options.LearningRate is not double lr) return [];
        var values = new Dictionary<string, double>(at);
        var steps = new List<UpdateStep>();
        float rate = (float)lr, sign = options.Ascent ? 1f : -1f;
        for (int s = 1; s <= options.Steps; s++)
        {
            var updates = new List<ParameterUpdate>();
            foreach (var name in wrt)
            {
                var node = graph[name];
                float old = node.Tensor.Item(), grad = node.Tensor.Grad?.Item() ?? 0f;
                float updated = old + sign * rate * grad;
                updates.Add(new ParameterUpdate(name, old, grad, updated));
                values[name] = updated;
            }
            graph = GraphBuilder.Build(program, values, options.Target);
            graph.Backward();
            steps.Add(new UpdateStep(s, updates, graph.Output.Value));
        }
        return steps.ToArray();
    }
}
