namespace Nabla.Whiteboard.Expressions;

/// <summary>
/// A parsed expression: named steps in order (<c>g = -2*w1; y = w2 + g; z = y*w3</c>), the input
/// variables they use (names that are not steps, in order of first use) and the source text.
/// Build one with <see cref="ExpressionParser.Parse"/>.
/// </summary>
public sealed class ExpressionProgram
{
    internal ExpressionProgram(string source, IReadOnlyList<Statement> statements, IReadOnlyList<string> inputs)
    {
        Source = source;
        Statements = statements;
        Inputs = inputs;
    }

    /// <summary>The text that was parsed.</summary>
    public string Source { get; }

    /// <summary>The steps in source order; never empty.</summary>
    public IReadOnlyList<Statement> Statements { get; }

    /// <summary>Names that need a value (w1, w2, w3), in order of first use.</summary>
    public IReadOnlyList<string> Inputs { get; }

    /// <summary>The default output: the last step.</summary>
    public Statement Output => Statements[^1];

    /// <summary>The step called <paramref name="target"/> (for <c>--target</c>); null means the last step.</summary>
    /// <exception cref="ArgumentException">When no step has that name; the message lists the steps.</exception>
    public Statement Target(string? target)
    {
        if (target is null) return Output;
        return Statements.FirstOrDefault(s => s.Name == target)
            ?? throw new ArgumentException(Inputs.Contains(target)
                ? $"target '{target}' is an input variable, not a step; choose one of the steps: {string.Join(", ", Statements.Select(s => s.Name))}"
                : $"no step is called '{target}'; the steps are: {string.Join(", ", Statements.Select(s => s.Name))}");
    }

    /// <summary>The program in tidy form, one step per line.</summary>
    public override string ToString() => string.Join("\n", Statements);
}
