namespace Nabla.Whiteboard.Reports;

/// <summary>The report's inline stylesheet (no fonts or files from the network).</summary>
internal static class ReportStyle
{
    // NOTE: keep '<' and '&' out of this text: the page must stay well-formed XML.
    public const string Css = """
        body { font-family: "DejaVu Sans", Helvetica, Arial, sans-serif; color: #222; margin: 0 auto; max-width: 1100px; padding: 24px; line-height: 1.45; }
        h1 { font-size: 1.6em; margin-bottom: 0.2em; }
        h2 { font-size: 1.2em; border-bottom: 1px solid #ddd; padding-bottom: 4px; margin-top: 2em; }
        .meta { color: #666; margin-top: 0; }
        table { border-collapse: collapse; margin: 8px 0; font-size: 0.92em; }
        th, td { border: 1px solid #ddd; padding: 4px 10px; text-align: left; }
        th { background: #f4f6f8; }
        td.num { text-align: right; font-variant-numeric: tabular-nums; }
        tfoot td { font-weight: bold; }
        .charts { display: flex; flex-wrap: wrap; gap: 16px; }
        figure { margin: 0; }
        .none { color: #888; font-style: italic; }
        ul.warnings li { background: #fff4e5; border-left: 4px solid #f28e2b; padding: 4px 8px; margin: 4px 0; list-style: none; }
        ul.warnings { padding-left: 0; }
        """;
}
