using Nabla.Whiteboard.Expressions;

namespace Nabla.Whiteboard.Explanations;

/// <summary>
/// Adds a loss step on top of a program: <c>loss = (target - z)^2</c> for "squared", <c>abs(target - z)</c>
/// for "abs", or a custom expression in <c>target</c> and the output. The result is a new program whose
/// last step is <c>loss</c>, plus the input values extended with <c>target</c>.
/// </summary>
public static class LossStep
{
    /// <summary>The names the loss step reserves.</summary>
    public const string LossName = "loss", TargetName = "target";

    /// <summary>The program with the loss appended and the values with target added.</summary>
    /// <exception cref="ArgumentException">No target value, a name clash, or a loss that does not use the output.</exception>
    public static (ExpressionProgram Program, Dictionary<string, double> Values) Append(
        ExpressionProgram program, IReadOnlyDictionary<string, double> values, string loss, double? target, string? outputStep)
    {
        if (target is not double t || !double.IsFinite(t))
            throw new ArgumentException($"the loss \"{loss}\" needs a finite target value for '{TargetName}'");
        foreach (var reserved in new[] { LossName, TargetName })
        {
            if (program.Inputs.Contains(reserved) || program.Statements.Any(s => s.Name == reserved))
                throw new ArgumentException($"the expression already uses the name '{reserved}', which the loss step needs; rename it");
        }
        string output = program.Target(outputStep).Name;
        string formula = loss.Trim() switch
        {
            "squared" => $"({TargetName} - {output})^2",
            "abs" => $"abs({TargetName} - {output})",
            var custom => custom,
        };
        var lossNode = ExpressionParser.ParseExpression(formula);
        if (!Mentions(lossNode, output))
            throw new ArgumentException($"the loss \"{formula}\" does not use the output '{output}'; write it in '{TargetName}' and '{output}', e.g. {TargetName} - {output}");

        // Steps after the output are not part of the explanation; the loss reads the output step directly.
        var kept = program.Statements.TakeWhile(s => s.Name != output).Select(s => s.ToString())
            .Append(program.Target(outputStep).ToString())
            .Append($"{LossName} = {formula}");
        var extended = ExpressionParser.Parse(string.Join("\n", kept));
        var newValues = values.Where(p => extended.Inputs.Contains(p.Key)).ToDictionary(p => p.Key, p => p.Value);
        newValues[TargetName] = t;
        return (extended, newValues);
    }

    static bool Mentions(ExprNode node, string name) =>
        node is VariableNode v ? v.Name == name : node.Children.Any(c => Mentions(c, name));
}
