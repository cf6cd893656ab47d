using System.Text.Json.Serialization;

namespace Nabla.Whiteboard.Rendering;

// The JSON of an explanation (ExplanationJson) as records the source generator writes (WhiteboardJsonContext): one
// record per object, properties in the order they appear in the document, names in camelCase. A null is written as
// null, except where a property is marked to be left out (warnings when there are none, pathCount when all paths are listed).

/// <summary>The whole document.</summary>
internal sealed record ExplanationDocument(
    string Source,
    IReadOnlyList<StatementJson> Statements,
    string Output,
    double OutputValue,
    ExplainOptionsJson Options,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? Warnings,
    IReadOnlyList<InputJson> Inputs,
    IReadOnlyList<ForwardJson> Forward,
    IReadOnlyList<LocalDerivativeJson> LocalDerivatives,
    IReadOnlyList<BackwardJson> Backward,
    IReadOnlyList<ChainRuleJson> ChainRules,
    IReadOnlyList<GradientJson> Gradients,
    UpdatesJson Updates,
    GraphJson Graph);

/// <summary>A statement of the program: its name and formula.</summary>
internal sealed record StatementJson(string Name, string Formula);

/// <summary>The options the explanation was made with (output is the explained target).</summary>
internal sealed record ExplainOptionsJson(string? Output, string? Loss, double? LossTarget, double? LearningRate, int Steps, bool Ascent,
    IReadOnlyList<string>? Wrt, int Precision);

/// <summary>An input variable and its value.</summary>
internal sealed record InputJson(string Name, double Value);

/// <summary>A forward step.</summary>
internal sealed record ForwardJson(string Label, string Formula, string Substituted, double Value, bool IsStep);

/// <summary>A local derivative; argument is the operand's index.</summary>
internal sealed record LocalDerivativeJson(string Of, string Wrt, int Argument, string Symbol, string Formula, double Value, string? Condition);

/// <summary>A backward step: one node's gradient as the sum of its consumers' contributions.</summary>
internal sealed record BackwardJson(string Label, string Symbol, double Gradient, IReadOnlyList<ContributionJson> Contributions);

/// <summary>One consumer's contribution: upstream gradient times local derivative.</summary>
internal sealed record ContributionJson(string Consumer, double Upstream, string Local, double LocalValue, double Product);

/// <summary>A variable's gradient as a sum over chain-rule paths.</summary>
internal sealed record ChainRuleJson(string Variable, string Symbol, IReadOnlyList<ChainPathJson> Paths, double PathSum, double Gradient, bool Truncated,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? PathCount);

/// <summary>
/// One chain-rule path: its factors as two parallel arrays, the symbols (<c>dz/dy</c>) and their values, then their
/// product (the shape every whiteboard JSON document uses for a path).
/// </summary>
internal sealed record ChainPathJson(IReadOnlyList<string> Factors, IReadOnlyList<double> Values, double Product);

/// <summary>A row of the gradient table.</summary>
internal sealed record GradientJson(string Variable, double Value, double Gradient);

/// <summary>The update rule (null without a learning rate) and the steps taken.</summary>
internal sealed record UpdatesJson(string? Rule, IReadOnlyList<UpdateStepJson> Steps);

/// <summary>One gradient step: every parameter's update and the output after it.</summary>
internal sealed record UpdateStepJson(int Step, IReadOnlyList<ParameterUpdateJson> Parameters, double NewOutput);

/// <summary>One parameter's update.</summary>
internal sealed record ParameterUpdateJson(string Variable, double Old, double Gradient, double New);

/// <summary>The laid-out computation graph.</summary>
internal sealed record GraphJson(IReadOnlyList<GraphNodeJson> Nodes, IReadOnlyList<GraphEdgeJson> Edges);

/// <summary>A node of the graph; role is input, constant or operation; gradient is null for constants.</summary>
internal sealed record GraphNodeJson(string Id, string Label, string Role, string Formula, double Value, double? Gradient, int Layer, int Row, bool IsOutput);

/// <summary>An edge from operand to operation; local and localValue are null from a constant.</summary>
internal sealed record GraphEdgeJson(string From, string To, int Argument, string? Local, double? LocalValue);
