namespace Nabla.Whiteboard.Expressions;

/// <summary>
/// Checks how a parsed program uses names: each step is defined once, before it is used, and is not
/// called like a function; only the last step may be unnamed. Collects the input variables.
/// </summary>
internal static class NameChecker
{
    public static ExpressionProgram Check(string source, List<(Token? Name, ExprNode Expr)> parsed)
    {
        var defined = new Dictionary<string, SourceSpan>();
        var laterSteps = parsed.Where(p => p.Name is not null).Select(p => p.Name!).ToList();
        var inputs = new List<string>();
        var statements = new List<Statement>();

        for (int i = 0; i < parsed.Count; i++)
        {
            var (nameToken, expr) = parsed[i];
            foreach (var v in Variables(expr))
            {
                if (defined.ContainsKey(v.Name)) continue;
                if (nameToken is not null && nameToken.Text == v.Name)
                    throw new ExpressionSyntaxException(source, v.Span,
                        $"step '{v.Name}' uses itself; a step can only use inputs and earlier steps");
                var later = laterSteps.FirstOrDefault(t => t.Text == v.Name && t.Span.Start > v.Span.Start);
                if (later is not null)
                    throw new ExpressionSyntaxException(source, v.Span,
                        $"'{v.Name}' is used before its step is defined (line {later.Span.Line}, column {later.Span.Column}); define steps before using them");
                if (!inputs.Contains(v.Name)) inputs.Add(v.Name);
            }

            if (nameToken is null)
            {
                if (i != parsed.Count - 1)
                    throw new ExpressionSyntaxException(source, expr.Span,
                        "only the last step may be left unnamed; give this step a name, as in g = " + expr.ToFormula());
                string auto = FreeName(defined.Keys.Concat(inputs));
                statements.Add(new Statement(auto, expr, IsNamed: false, expr.Span));
                continue;
            }

            string name = nameToken.Text;
            if (FunctionCatalog.Find(name) is not null)
                throw new ExpressionSyntaxException(source, nameToken.Span, $"'{name}' is a function name; choose another name for this step");
            if (defined.TryGetValue(name, out var first))
                throw new ExpressionSyntaxException(source, nameToken.Span,
                    $"step '{name}' is already defined at line {first.Line}, column {first.Column}; give each step its own name");
            defined[name] = nameToken.Span;
            statements.Add(new Statement(name, expr, IsNamed: true, nameToken.Span));
        }
        return new ExpressionProgram(source, statements, inputs);
    }

    /// <summary>The variable leaves of <paramref name="node"/>, left to right.</summary>
    static IEnumerable<VariableNode> Variables(ExprNode node)
    {
        var stack = new Stack<ExprNode>();
        stack.Push(node);
        while (stack.Count > 0)
        {
            var n = stack.Pop();
            if (n is VariableNode v) yield return v;
            for (int i = n.Children.Count - 1; i >= 0; i--) stack.Push(n.Children[i]);
        }
    }

    // "f" as in f(x, y) = ...; f1, f2 ... when the expression itself uses f.
    static string FreeName(IEnumerable<string> taken)
    {
        var set = taken.ToHashSet();
        if (!set.Contains("f")) return "f";
        for (int k = 1; ; k++)
        {
            if (!set.Contains("f" + k)) return "f" + k;
        }
    }
}
