using Nabla.Whiteboard.Explanations;

namespace Nabla.Whiteboard.Rendering;

/// <summary>How an explanation is written out.</summary>
public enum ExplanationFormat
{
    /// <summary>Plain text, the way a teacher writes it (<see cref="ExplanationText"/>).</summary>
    Text,
    /// <summary>Markdown with LaTeX math that GitHub renders (<see cref="ExplanationMarkdown"/>).</summary>
    Markdown,
    /// <summary>JSON with every step as data (<see cref="ExplanationJson"/>).</summary>
    Json,
    /// <summary>The graph as Graphviz DOT (<see cref="GraphDot"/>).</summary>
    Dot,
    /// <summary>The graph as a Mermaid flowchart (<see cref="GraphMermaid"/>).</summary>
    Mermaid,
    /// <summary>The graph as SVG, laid out by Nabla itself (<see cref="GraphSvg"/>).</summary>
    Svg,
    /// <summary>An interactive, self-contained HTML page stepping through the computation (<see cref="InteractivePage"/>).</summary>
    Html,
}

/// <summary>Renders an explanation in any <see cref="ExplanationFormat"/>.</summary>
public static class ExplanationRenderer
{
    /// <summary>The format's name as the CLI spells it: text, markdown, json, dot, mermaid, svg, html.</summary>
    public static string Name(ExplanationFormat format) => format.ToString().ToLowerInvariant();

    /// <summary>The format called <paramref name="name"/> (text, markdown, json, dot, mermaid, svg, html).</summary>
    /// <exception cref="ArgumentException">An unknown name; the message lists the allowed ones.</exception>
    public static ExplanationFormat Parse(string name) =>
        Enum.GetValues<ExplanationFormat>().FirstOrDefault(f => Name(f) == name.Trim().ToLowerInvariant(), (ExplanationFormat)(-1)) is var f && f >= 0
            ? f
            : throw new ArgumentException($"unknown format '{name}'; use one of {string.Join(", ", Enum.GetValues<ExplanationFormat>().Select(Name))}");

    /// <summary><paramref name="explanation"/> written in <paramref name="format"/>.</summary>
    public static string Render(Explanation explanation, ExplanationFormat format) => format switch
    {
        ExplanationFormat.Text => ExplanationText.Render(explanation),
        ExplanationFormat.Markdown => ExplanationMarkdown.Render(explanation),
        ExplanationFormat.Json => ExplanationJson.Render(explanation),
        ExplanationFormat.Dot => GraphDot.Render(explanation),
        ExplanationFormat.Mermaid => GraphMermaid.Render(explanation),
        ExplanationFormat.Svg => GraphSvg.Render(explanation) + "\n",
        ExplanationFormat.Html => InteractivePage.Of(explanation),
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "unknown explanation format"),
    };
}
