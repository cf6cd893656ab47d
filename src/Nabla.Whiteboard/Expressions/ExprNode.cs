using Nabla.NN.Registries;

namespace Nabla.Whiteboard.Expressions;

/// <summary>The kinds of expression nodes.</summary>
public enum NodeKind
{
    /// <summary>A number literal (<see cref="NumberNode"/>).</summary>
    Number,
    /// <summary>A name: an input variable or an earlier step (<see cref="VariableNode"/>).</summary>
    Variable,
    /// <summary>Unary minus (<see cref="NegateNode"/>).</summary>
    Negate,
    /// <summary>+ - * / ^ (<see cref="BinaryNode"/>).</summary>
    Binary,
    /// <summary>A function call (<see cref="CallNode"/>).</summary>
    Call,
}

/// <summary>
/// A node of the syntax tree. Nodes are compared by reference (two "x" leaves are different nodes), so
/// they can key dictionaries that map each node to its tensor or its explanation step.
/// </summary>
public abstract class ExprNode
{
    /// <summary>Creates a node covering <paramref name="span"/> of <paramref name="source"/>.</summary>
    protected ExprNode(string source, SourceSpan span)
    {
        Span = span;
        _source = source;
    }

    // NOTE: the text is cut from the source on first use, not in the constructor: every node of a chain such as
    // 1+1+...+1 covers the whole chain so far, and copying each span eagerly costs O(n^2) memory (1 GB for 64 KB).
    readonly string _source;
    string? _text;

    /// <summary>Which kind of node this is.</summary>
    public abstract NodeKind Kind { get; }

    /// <summary>Where the node's text is in the source.</summary>
    public SourceSpan Span { get; }

    /// <summary>The node's text exactly as written, e.g. "-2*w1".</summary>
    public string Text => _text ??= _source.Substring(Span.Start, Span.Length);

    /// <summary>The operands, left to right (empty for numbers and variables).</summary>
    public abstract IReadOnlyList<ExprNode> Children { get; }

    /// <summary>The node as a tidy formula with spaces and only the parentheses needed: "-2 * w1".</summary>
    public string ToFormula() => FormulaPrinter.Print(this);

    /// <inheritdoc />
    public override string ToString() => ToFormula();
}

/// <summary>A number literal.</summary>
public sealed class NumberNode(string source, SourceSpan span, double value) : ExprNode(source, span)
{
    /// <inheritdoc />
    public override NodeKind Kind => NodeKind.Number;
    /// <summary>The value (parsed with the invariant culture).</summary>
    public double Value { get; } = value;
    /// <inheritdoc />
    public override IReadOnlyList<ExprNode> Children => [];
}

/// <summary>A name: an input variable (w1) or a step defined earlier (g).</summary>
public sealed class VariableNode(string source, SourceSpan span) : ExprNode(source, span)
{
    /// <inheritdoc />
    public override NodeKind Kind => NodeKind.Variable;
    /// <summary>The name.</summary>
    public string Name => Text;
    /// <inheritdoc />
    public override IReadOnlyList<ExprNode> Children => [];
}

/// <summary>Unary minus: -operand.</summary>
public sealed class NegateNode(string source, SourceSpan span, ExprNode operand) : ExprNode(source, span)
{
    /// <inheritdoc />
    public override NodeKind Kind => NodeKind.Negate;
    /// <summary>The negated expression.</summary>
    public ExprNode Operand { get; } = operand;
    /// <inheritdoc />
    public override IReadOnlyList<ExprNode> Children => [Operand];
}

/// <summary>Binary operators.</summary>
public enum BinaryOperator
{
    /// <summary>a + b</summary>
    Add,
    /// <summary>a - b</summary>
    Subtract,
    /// <summary>a * b</summary>
    Multiply,
    /// <summary>a / b</summary>
    Divide,
    /// <summary>a ^ b</summary>
    Power,
}

/// <summary>left op right.</summary>
public sealed class BinaryNode(string source, SourceSpan span, BinaryOperator op, ExprNode left, ExprNode right) : ExprNode(source, span)
{
    /// <inheritdoc />
    public override NodeKind Kind => NodeKind.Binary;
    /// <summary>The operator.</summary>
    public BinaryOperator Operator { get; } = op;
    /// <summary>Left operand.</summary>
    public ExprNode Left { get; } = left;
    /// <summary>Right operand.</summary>
    public ExprNode Right { get; } = right;
    /// <inheritdoc />
    public override IReadOnlyList<ExprNode> Children => [Left, Right];

    /// <summary>The operator's symbol: + - * / ^.</summary>
    public string Symbol => Operator switch
    {
        BinaryOperator.Add => "+",
        BinaryOperator.Subtract => "-",
        BinaryOperator.Multiply => "*",
        BinaryOperator.Divide => "/",
        _ => "^",
    };
}

/// <summary>A call of a known function: sigmoid(x), max(a, b), an activation with its parameter.</summary>
public sealed class CallNode(string source, SourceSpan span, FunctionCatalog.Entry entry, IReadOnlyList<ExprNode> arguments) : ExprNode(source, span)
{
    /// <inheritdoc />
    public override NodeKind Kind => NodeKind.Call;
    /// <summary>The catalog's entry of the function.</summary>
    public FunctionCatalog.Entry Entry { get; } = entry;
    /// <summary>Which function.</summary>
    public MathFunction Function => Entry.Function;
    /// <summary>The activation's registry row when <see cref="Function"/> is <see cref="MathFunction.Activation"/>, else null.</summary>
    public ActivationRow? Activation => Entry.Activation;
    /// <summary>The function's name as written in expressions.</summary>
    public string FunctionName => Entry.Name;
    /// <summary>The arguments in order.</summary>
    public IReadOnlyList<ExprNode> Arguments { get; } = arguments;
    /// <inheritdoc />
    public override IReadOnlyList<ExprNode> Children => Arguments;
}
